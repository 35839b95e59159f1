export const refusals = {
  milestoneNotFound:
    "Ce jalon est introuvable. Il a peut-être été supprimé ; la page affiche l’état actuel.",
  moveMilestone:
    "Seuls le porteur du projet, les délégués de son gouvernement d’enregistrement et le secrétariat déplacent ses jalons.",
  addMilestone:
    "Seuls le porteur du projet, son gouvernement d’enregistrement et le secrétariat ajoutent des jalons.",
  editMilestone:
    "Seuls le porteur du projet, son gouvernement d’enregistrement et le secrétariat modifient ses jalons.",
  postUpdate:
    "Seuls le porteur du projet, son gouvernement d’enregistrement et le secrétariat publient des points d’avancement.",
  alreadyThere: "Ce jalon est déjà au statut « $t(vocabulary.milestoneStatus.{{status}}) ».",
  onlySecretariatReopens:
    "Ce jalon est au statut « $t(vocabulary.milestoneStatus.{{status}}) » : seul le secrétariat peut le rouvrir.",
  projectNotFound: "Ce projet est introuvable.",
  changeProject: "Votre rôle ne vous permet pas de modifier ce projet.",
  sponsorSubmits:
    "Le porteur de projet enregistre le projet en brouillon ; les délégués du gouvernement d’enregistrement le soumettent pour examen.",
  sponsorRegisters:
    "Le projet n’a pas pu être enregistré pour votre organisme avec ce gouvernement. Choisissez un gouvernement de ce partenariat.",
  delegateRegisters: "Vous ne pouvez enregistrer des projets que pour votre propre gouvernement.",
  pledgeNotFound: "Cette annonce de contribution est introuvable.",
  pledgeChanged:
    "Quelqu’un a modifié cette annonce depuis que vous l’avez ouverte. Rechargez la page et réessayez.",
  pledgeForOwnGovernment:
    "Seuls les délégués d’un gouvernement annoncent des contributions en son nom.",
  changePledge: "Seuls les délégués du gouvernement contributeur modifient cette annonce.",
  pledgeRefused: "L’annonce de contribution a été refusée.",
  pledgeToApprovedProject:
    "Choisissez un projet approuvé : seuls ceux-ci peuvent recevoir des annonces de contribution.",
  trancheMilestone: "Choisissez l’un des jalons de ce projet.",
  trancheNotFound: "Cette tranche est introuvable.",
  recordPayments: "Seul le secrétariat enregistre les paiements des annonces engagées.",
  saveRates: "Seul le secrétariat enregistre les taux de change.",
  unknownParty: "Ce gouvernement ou cet organisme ne fait pas partie de ce partenariat.",
  alreadyMember: "Cette personne est déjà membre actif.",
  membershipNotFound: "Cette adhésion est introuvable.",
  invalidValue: "Une valeur n’a pas été acceptée. Vérifiez votre saisie et réessayez.",
  iatiScope:
    "Demandez scope=partnership (toutes les annonces que vous pouvez voir) ou scope=government (les annonces de votre gouvernement seulement).",
  iatiNoGovernment:
    "Le secrétariat ne déclare pour aucun gouvernement : exportez le fichier du partenariat.",
  iatiNothingToReport:
    "Il n’y a encore rien à déclarer : le fichier IATI liste les projets approuvés (avec les annonces de votre gouvernement, dans le fichier de votre gouvernement).",
  iatiMissingIdentifiers:
    "Aucun identifiant d’organisation IATI n’est enregistré pour {{governments}} : le secrétariat l’enregistre, puis le fichier déclare leurs projets.",
  publish: "Seul le secrétariat publie le partenariat ou le retire du web public.",
  keepOffPublic:
    "Seul le gouvernement qui a enregistré ce projet peut le tenir à l’écart de la page publique.",
  publicProjectNotFound: "Ce projet est introuvable.",
  publicPage: "Demandez page=1 ou plus et per_page de 1 à 200.",
  keepOffChoice:
    "Choisissez de tenir le projet à l’écart de la page publique ou de l’y faire figurer.",
  publishChoice: "Choisissez de publier le portefeuille ou de le retirer du web public.",
  reportSince: "Choisissez une date au format AAAA-MM-JJ pour « depuis ».",
  refusedValue: "La valeur n’a pas été acceptée : {{reason}}",
  conflictSame:
    "Quelqu’un d’autre vient de déplacer « {{title}} » vers « $t(vocabulary.milestoneStatus.{{now}}) ». Le tableau affiche l’état actuel.",
  conflictOther:
    "Quelqu’un vient de déplacer « {{title}} » vers « $t(vocabulary.milestoneStatus.{{now}}) » ; il n’a donc pas été déplacé vers « $t(vocabulary.milestoneStatus.{{attempted}}) ». Le tableau affiche l’état actuel.",
  staleEdit:
    "Quelqu’un a modifié « {{title}} » pendant que vous le modifiiez (son statut est désormais « $t(vocabulary.milestoneStatus.{{now}}) »). Ses informations actuelles sont affichées ; refaites votre modification si elle est toujours nécessaire.",
  staleUpdate:
    "Quelqu’un vient de modifier « {{title}} » (son statut est désormais « $t(vocabulary.milestoneStatus.{{now}}) ») ; votre point d’avancement n’a donc pas été publié. Vérifiez le nouvel état ; votre note est toujours dans le formulaire.",
  staleProject:
    "Quelqu’un vient de modifier « {{name}} » (son statut est désormais « $t(vocabulary.projectStatus.{{now}}) »). La page affiche son état actuel.",
};

export const database = {
  lastSecretariat:
    "La dernière adhésion active au secrétariat d’un partenariat ne peut être ni révoquée ni supprimée.",
  projectStartsAs:
    "Un nouveau projet commence au statut « $t(vocabulary.projectStatus.draft) » ou « $t(vocabulary.projectStatus.submitted) », et non « $t(vocabulary.projectStatus.{{status}}) ».",
  secretariatDecides: "Seul le secrétariat enregistre une décision sur un projet.",
  secretariatMovesProject:
    "Seul le secrétariat peut faire passer un projet du statut « $t(vocabulary.projectStatus.{{from}}) » au statut « $t(vocabulary.projectStatus.{{to}}) ».",
  partiesSubmit:
    "Le projet est soumis par son propre gouvernement ou par son porteur, et non par le secrétariat.",
  delegatesSubmit:
    "Les délégués du gouvernement d’enregistrement soumettent un projet pour examen.",
  partiesWithdraw:
    "Le projet est retiré de l’examen par son propre gouvernement ou par son porteur, et non par le secrétariat.",
  whoCancels: "Seuls le gouvernement d’enregistrement ou le secrétariat peuvent annuler un projet.",
  projectTransition:
    "Un projet ne peut pas passer du statut « $t(vocabulary.projectStatus.{{from}}) » au statut « $t(vocabulary.projectStatus.{{to}}) ».",
  ruleCurrency:
    "Une règle de cofinancement minimal est exprimée dans la monnaie de référence du partenariat ({{currency}}).",
  pledgeClosed:
    "Une annonce au statut « $t(vocabulary.pledgeStatus.{{status}}) » est close et ne peut plus être modifiée.",
  pledgeTransition:
    "Une annonce ne peut pas passer du statut « $t(vocabulary.pledgeStatus.{{from}}) » au statut « $t(vocabulary.pledgeStatus.{{to}}) ».",
  pledgeStatusByPayment:
    "Une annonce passe au statut « $t(vocabulary.pledgeStatus.{{status}}) » lorsque ses tranches sont versées, et non manuellement.",
  disbursingWithdraw:
    "Une annonce au statut « $t(vocabulary.pledgeStatus.disbursing) » ne peut pas être retirée manuellement ; adressez-vous au secrétariat.",
  commitApprovedOnly:
    "Seules les annonces destinées à des projets approuvés peuvent être engagées.",
  withdrawReason: "Le retrait d’une annonce doit être motivé.",
  withdrawReasonSet: "Le motif du retrait est indiqué au moment où l’annonce est retirée.",
  termsFixed:
    "Les conditions d’une annonce engagée sont définitives ; seul son montant peut changer, par avenant.",
  amountByAmendment: "Le montant d’une annonce engagée ne change que par un avenant enregistré.",
  amendCommittedOnly:
    "Seule une annonce engagée peut faire l’objet d’un avenant (celle-ci est au statut « $t(vocabulary.pledgeStatus.{{status}}) »).",
  amendDraftDirectly:
    "Seule une annonce engagée peut faire l’objet d’un avenant ; modifiez directement un brouillon (celle-ci est au statut « $t(vocabulary.pledgeStatus.{{status}}) »).",
  paidTranche: "Une tranche versée ne peut plus être modifiée.",
  trancheMilestone:
    "Une tranche est déclenchée par un jalon du projet auquel se rapporte sa propre annonce.",
  tranchesOfPledge:
    "Les tranches d’une annonce au statut « $t(vocabulary.pledgeStatus.{{status}}) » ne sont ni appelées ni versées.",
  secretariatPays: "Seul le secrétariat enregistre un paiement.",
  pledgeNotFound: "Cette annonce de contribution est introuvable.",
  pledgeChanged: "Quelqu’un d’autre a modifié cette annonce depuis que vous l’avez ouverte.",
  commitDraftOnly:
    "Seul un brouillon d’annonce peut être engagé (celle-ci est au statut « $t(vocabulary.pledgeStatus.{{status}}) »).",
  delegatesCommit: "Seuls les délégués du gouvernement contributeur engagent ses annonces.",
  cannotWithdraw:
    "Une annonce au statut « $t(vocabulary.pledgeStatus.{{status}}) » ne peut pas être retirée.",
  delegatesWithdraw: "Seuls les délégués du gouvernement contributeur retirent ses annonces.",
  amendmentReason: "Un avenant doit être motivé.",
  amendedPositive: "Le montant modifié doit être positif.",
  amendedSame: "Le montant modifié est égal au montant actuel.",
  delegatesAmend:
    "Seuls les délégués du gouvernement contributeur établissent des avenants à ses annonces.",
  milestoneNotFound: "Ce jalon est introuvable.",
  milestoneChanged: "Quelqu’un d’autre a modifié ce jalon depuis que vous l’avez ouvert.",
  cannotComplete:
    "Un jalon au statut « $t(vocabulary.milestoneStatus.{{status}}) » ne peut pas être marqué comme terminé.",
  whoCompletes:
    "Seuls le porteur du projet, son gouvernement d’enregistrement ou le secrétariat marquent ses jalons comme terminés.",
  secretariatReopens:
    "Seul le secrétariat rouvre un jalon au statut « $t(vocabulary.milestoneStatus.{{status}}) ».",
  paymentCurrency: "Un paiement est effectué dans la monnaie de son annonce ({{currency}}).",
  stripeRecords:
    "Les paiements Stripe sont enregistrés par le webhook de Stripe, et non manuellement.",
  requestedOnly:
    "Seule une tranche appelée peut recevoir un paiement (celle-ci est au statut « $t(vocabulary.trancheStatus.{{status}}) »).",
  paymentFuture: "Un paiement ne peut pas être daté dans le futur.",
  paymentTooMuch: "Le paiement dépasse le montant restant dû sur cette tranche.",
  readOnly:
    "L’abonnement de ce partenariat a expiré : Lodestone est en lecture seule jusqu’à ce que le secrétariat le renouvelle.",
  noReferenceFigures:
    "Les données de référence ne comportent aucun chiffre pour $t(vocabulary.mineral.{{mineral}}) ($t(vocabulary.supplyStage.{{stage}})) permettant cette comparaison.",
  referenceGivesQuantities:
    "Les données de référence indiquent des quantités par pays pour $t(vocabulary.mineral.{{mineral}}) ($t(vocabulary.supplyStage.{{stage}})) : leur total mondial en est la somme.",
  itemNotFound: "Cet élément est introuvable.",
  itemTransition:
    "Une offre ou une demande ne peut pas passer de « $t(sharing.technologyStatus.{{from}}) » à « $t(sharing.technologyStatus.{{to}}) ».",
  itemContact: "Le contact doit être l’un des délégués en fonction du gouvernement propriétaire.",
  offerNotFound: "Cette offre ou cette demande est introuvable.",
  interestInTechnology: "Un intérêt se manifeste pour des offres et des demandes de technologie.",
  itemClosed: "Cet élément est clos : il ne reçoit plus de manifestations d’intérêt.",
  interestTransition:
    "Une manifestation d’intérêt ne peut pas passer de « $t(sharing.interestStatus.{{from}}) » à « $t(sharing.interestStatus.{{to}}) ».",
  termsWithAgreement: "Les termes et la date sont enregistrés avec l’accord.",
  agreementNeedsTerms:
    "Un accord enregistre un résumé de ses termes et la date à laquelle il a été conclu.",
  ownerMovesInterest:
    "Seul le gouvernement auquel appartient l’élément fait avancer cet échange ; vous pouvez retirer votre intérêt.",
  actionNotFound: "Cette action nationale est introuvable.",
};
