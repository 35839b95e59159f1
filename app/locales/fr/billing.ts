/* Facturation (l’abonnement du partenariat) et paiements (les tranches et ce qui a été reçu). */
export const billing = {
  readOnly:
    "L’abonnement de ce partenariat a expiré : Lodestone est en lecture seule jusqu’à ce que le secrétariat le renouvelle.",
  readOnlyBanner:
    "<strong>Lecture seule.</strong> {{message}} La consultation et les exports restent possibles.",
  renew: "Renouveler l’abonnement",
  askSecretariat: "Demandez à votre secrétariat de le renouveler.",
  title: "Facturation",
  checkoutSuccess:
    "Merci : Stripe a confirmé le paiement. L’abonnement s’affiche ici dès que Stripe en informe Lodestone, généralement en quelques secondes.",
  checkoutCancelled: "Le paiement a été annulé ; rien n’a été débité.",
  subscriptionOf: "Abonnement de {{partnership}}",
  state: "État",
  writable: "Lodestone est modifiable.",
  readOnlyState: "Lodestone est en lecture seule.",
  trial: "Période d’essai",
  daysLeft_one: "{{count}} jour restant (fin le {{end}})",
  daysLeft_many: "{{count}} jours restants (fin le {{end}})",
  daysLeft_other: "{{count}} jours restants (fin le {{end}})",
  ended: "Terminée le {{end}}",
  endsOn: "Prend fin le",
  renewsOn: "Renouvellement le",
  openingCheckout: "Ouverture du paiement Stripe…",
  startSubscription: "Souscrire l’abonnement",
  openingPortal: "Ouverture du portail de facturation…",
  manageSubscription: "Gérer l’abonnement",
  notSetUp: "Les abonnements ne peuvent pas encore être souscrits sur ce serveur.",
  notSetUpExplain:
    "La connexion du serveur à Stripe, le service de paiement, n’a pas été configurée par les personnes qui exploitent Lodestone. L’état de l’abonnement ci-dessus est conservé tel quel. Demandez-leur de connecter Stripe ; les paiements des tranches peuvent toujours être enregistrés manuellement sur la page Paiements.",
  ruleTitle: "Quand Lodestone passe en lecture seule",
  rule: "Un partenariat peut modifier ses données pendant sa période d’essai de 30 jours et tant que son abonnement est actif. Si un renouvellement échoue, il reste modifiable pendant 14 jours, le temps que Stripe réessaie. Ensuite, ou lorsque la période d’essai se termine sans abonnement, toute modification est refusée jusqu’au renouvellement ; la consultation et les exports restent possibles pour tous.",
  why: {
    active: "L’abonnement est actif.",
    trial: "Le partenariat est en période d’essai.",
    grace:
      "Le dernier renouvellement a échoué ; Lodestone reste modifiable pendant un délai de grâce de 14 jours, le temps que Stripe réessaie.",
    lapsed: "L’abonnement a expiré : Lodestone est en lecture seule jusqu’à son renouvellement.",
  },
  subscriptionStatus: {
    trialing: "Essai",
    active: "Actif",
    past_due: "Impayé en cours",
    canceled: "Résilié",
    unpaid: "Impayé",
    incomplete: "Incomplet",
    incomplete_expired: "Expiré",
    paused: "Suspendu",
  },
  stripeNotSetUp:
    "La connexion à Stripe n’est pas configurée sur ce serveur : cette opération n’est pas encore possible ici.",
  noCustomer:
    "Ce partenariat n’a pas encore de compte client Stripe : souscrivez d’abord un abonnement.",
  stripeKeyRefused:
    "Stripe a refusé les identifiants de Lodestone. Les personnes qui exploitent Lodestone doivent vérifier sa connexion à Stripe.",
  stripeUnreachable: "Stripe est injoignable. Réessayez dans un instant.",
  stripeRefused: "Stripe a refusé la demande : {{reason}}",
  stripeFailed: "Stripe n’a pas pu traiter la demande. Réessayez dans un instant.",
};

export const payments = {
  anomalies: {
    title: "Paiements signalés par Stripe que Lodestone n’a pas enregistrés",
    explain_one:
      "Stripe indique que cette facture a été payée, mais Lodestone ne l’a jamais émise : aucun paiement n’a été enregistré sur une tranche. Vérifiez-la dans le tableau de bord Stripe : enregistrez ci-dessus un virement réel, ou remboursez-la dans Stripe.",
    explain_other:
      "Stripe indique que ces factures ont été payées, mais Lodestone ne les a jamais émises : aucun paiement n’a été enregistré sur une tranche. Vérifiez chacune dans le tableau de bord Stripe : enregistrez ci-dessus un virement réel, ou remboursez-la dans Stripe.",
    explain_many:
      "Stripe indique que ces factures ont été payées, mais Lodestone ne les a jamais émises : aucun paiement n’a été enregistré sur une tranche. Vérifiez chacune dans le tableau de bord Stripe : enregistrez ci-dessus un virement réel, ou remboursez-la dans Stripe.",
    reportedOn: "Signalé le",
    invoice: "Facture Stripe",
    customer: "Client",
    amount: "Montant payé",
    unknownCurrency: "{{amount}} (devise inconnue)",
  },
  title: "Paiements",
  leadSecretariat:
    "Les tranches annoncées par les gouvernements, ce qui est exigible maintenant et chaque paiement reçu.",
  leadMember: "Les tranches annoncées par {{member}} et les paiements reçus à ce titre.",
  leadMemberUnknown:
    "Les tranches annoncées par votre gouvernement et les paiements reçus à ce titre.",
  recordTitle: "Enregistrer un virement bancaire",
  noneRequested:
    "Aucune tranche n’est demandée pour l’instant : une tranche est demandée lorsque son jalon est atteint.",
  tranche: "Tranche",
  chooseTranche: "Choisir une tranche demandée",
  trancheOption: "{{member}} — {{project}} — {{amount}} exigibles",
  reference: "Référence bancaire",
  referenceHint: "Telle qu’elle figure sur le relevé bancaire.",
  receivedOn: "Reçu le",
  amountReceived: "Montant reçu",
  amountHint:
    "Dans la devise de la tranche, par exemple 15 000 000,00 (montants entiers pour le JPY et le KRW).",
  recording: "Enregistrement…",
  record: "Enregistrer le virement",
  tranches: "Tranches",
  noTranches: "Aucune tranche pour l’instant.",
  government: "Gouvernement",
  project: "Projet",
  amount: "Montant",
  received: "Reçu",
  due: "Échéance",
  state: "État",
  actions: "Actions",
  invoice: "Facture",
  opensStripe: " (ouvre Stripe)",
  issueInvoiceLabel: "Émettre une facture Stripe à {{member}} pour {{project}}",
  issueInvoice: "Émettre la facture",
  ledger: "Paiements reçus",
  noPayments: "Aucun paiement enregistré pour l’instant.",
  method: "Mode",
  methods: { stripe_invoice: "Facture Stripe", bank_transfer: "Virement bancaire" },
  paymentState: {
    scheduled: "Prévue",
    requested: "Demandée",
    invoiced: "Facturée",
    partially_paid: "Partiellement payée",
    payment_failed: "Paiement échoué",
    paid: "Payée",
    cancelled: "Annulée avec l’annonce",
  },
  schema: {
    tranche: "Choisissez la tranche qui a été payée.",
    reference: "Indiquez la référence bancaire du virement.",
    paidOn: "Indiquez la date de réception des fonds (AAAA-MM-JJ).",
    realDate: "Cette date n’existe pas.",
    amount: "Indiquez le montant reçu.",
    chooseTranche: "Choisissez une tranche.",
  },
  notRequested:
    "Cette tranche est « $t(vocabulary.trancheStatus.{{status}}) » : seule une tranche demandée peut recevoir un paiement.",
  abovezero: "Indiquez un montant supérieur à zéro.",
  moreThanDue: "C’est plus que ce qui reste dû sur cette tranche ({{due}}).",
  future: "Un paiement ne peut pas être daté dans le futur.",
  recordedPaid: "{{amount}} reçus de {{member}} enregistrés : la tranche est payée.",
  recordedLeft: "{{amount}} reçus de {{member}} enregistrés : il reste {{left}} à payer.",
  notInvoiceable:
    "Cette tranche est « $t(vocabulary.trancheStatus.{{status}}) » : seule une tranche demandée est facturée.",
  invoiceOpen:
    "Une facture est déjà ouverte pour cette tranche : attendez son paiement ou annulez-la dans Stripe.",
  noBankTransfer:
    "Stripe propose des factures par virement en USD, EUR, GBP, JPY et MXN, mais pas en {{currency}} : enregistrez le virement manuellement à sa réception.",
  noBillingContact:
    "{{member}} n’a pas de contact de facturation : ajoutez d’abord son adresse de facturation.",
  invoiceSent: "Facture de {{amount}} envoyée à {{member}} ({{email}}).",
};
