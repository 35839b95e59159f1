/* Usage quotidien (issue 12) : modifier ce qui n’est pas définitif, confirmations, fonds liés à un jalon,
 * petits écrans et progression. */
export const everyday = {
  db: {
    registrationFixed:
      "L’enregistrement d’un projet est figé dès sa soumission (celui-ci est « $t(vocabulary.projectStatus.{{status}}) »).",
    undoWindow: "Une décision ne peut être annulée que dans les 15 minutes qui suivent.",
    pledgeSinceDecision: "Une annonce a été engagée depuis la décision : elle est maintenue.",
    cancelledTranche: "Une tranche annulée ne peut plus changer.",
    cancelByWithdrawing: "Une tranche est annulée en retirant son annonce.",
    cancelWithdrawnOnly: "Seules les tranches d’une annonce retirée sont annulées.",
  },
  edit: {
    projectTitle: "Réviser « {{name}} »",
    projectLead:
      "Modifiez toute partie de l’enregistrement, productions comprises. Le projet reste inchangé tant que vous n’enregistrez pas.",
    editProject: "Réviser l’enregistrement",
    save: "Enregistrer les modifications",
    saving: "Enregistrement…",
    saveAndSubmit: "Enregistrer et soumettre à l’examen",
    saveAndResubmit: "Enregistrer et soumettre à nouveau",
    submitting: "Soumission…",
    saved: "Vos modifications de l’enregistrement ont été enregistrées.",
    resubmitted: "Le projet révisé a été transmis au secrétariat pour examen.",
    staleProject:
      "Quelqu’un a modifié ce projet pendant votre saisie (il en est à la version {{version}}). Votre saisie est conservée ci-dessous : comparez-la au projet actuel et enregistrez à nouveau.",
    projectNotEditable:
      "Seul un projet en brouillon ou rejeté peut être révisé ; celui-ci est au secrétariat ou a fait l’objet d’une décision.",
    pledgeTitle: "Modifier le brouillon d’annonce pour {{project}}",
    pledgeLead:
      "Modifiez les conditions et les tranches tant que l’annonce est un brouillon. Une fois engagée, seul son montant change, par avenant.",
    editPledge: "Modifier les conditions",
    pledgeSaved: "Le brouillon d’annonce a été enregistré.",
    stalePledge:
      "Quelqu’un a modifié cette annonce pendant votre saisie (elle en est à la version {{version}}). Votre saisie est conservée ci-dessous : vérifiez-la et enregistrez à nouveau.",
    pledgeNotDraft:
      "Seules les conditions d’une annonce en brouillon peuvent être modifiées ; une annonce engagée change par avenant.",
    backToProject: "Retour au projet",
    backToPledge: "Retour à l’annonce",
  },
  confirm: {
    title: "Veuillez confirmer",
    back: "Revenir",
    approve:
      "Approuver « {{name}} » ? Ses parties en sont informées aussitôt et les gouvernements peuvent alors s’y engager.",
    approveButton: "Approuver",
    reject:
      "Rejeter « {{name}} » avec le motif indiqué ? Son gouvernement pourra le réviser et le soumettre à nouveau.",
    rejectButton: "Rejeter",
    undoNote:
      "Vous pouvez annuler la décision pendant 15 minutes, tant qu’aucune annonce n’y est engagée.",
    commit:
      "Engager {{amount}} pour « {{project}} » ? Tous les partenaires voient l’engagement aussitôt et ses conditions sont figées ; seul le montant pourra changer, par avenant.",
    commitButton: "Engager",
    withdraw:
      "Retirer cette annonce de {{amount}} ? C’est définitif : ses tranches non payées sont annulées et tous les partenaires voient le retrait et son motif.",
    withdrawButton: "Retirer",
    cancelProject:
      "Annuler « {{name}} » ? C’est définitif : le projet quitte le tableau et aucune annonce ne pourra y être engagée.",
    cancelProjectButton: "Annuler le projet",
    revoke:
      "Révoquer l’accès de {{name}} ? La personne est déconnectée aussitôt. Vous pourrez l’inviter à nouveau.",
    revokeButton: "Révoquer",
    cancelInvitation:
      "Annuler l’invitation envoyée à {{email}} ? Le lien cesse de fonctionner. Vous pourrez inviter à nouveau.",
    cancelInvitationButton: "Annuler l’invitation",
  },
  undo: {
    takeBack: "Annuler la décision",
    takenBack: "La décision a été annulée : « {{name}} » attend de nouveau l’examen.",
    until: "Vous pouvez annuler cette décision jusqu’à {{time}}.",
    decidedBy: "Décision de {{who}} le {{when}}.",
    someone: "un membre du secrétariat",
  },
  release: {
    part: "{{amount}} sur l’annonce de {{government}}",
    sentence: "Cela demande {{parts}}.",
    cardBadge: "Débloque {{amount}}",
    title: "Passer « {{title}} » à Terminé",
    evidenceLead: "Des fonds dépendent de ce jalon : indiquez ce qui montre qu’il est atteint.",
    note: "Justificatif",
    noteHint: "Ce qui a été livré, et comment le vérifier.",
    link: "Lien vers le justificatif",
    confirmButton: "Passer à Terminé et demander les fonds",
    plainConfirm: "Passer à Terminé",
  },
  evidence: {
    required:
      "Des fonds dépendent de ce jalon : le passer à Terminé demande un justificatif (une note, et un lien si vous en avez un).",
  },
  locked: {
    done: "Terminé et verrouillé : ce jalon a peut-être déjà débloqué des fonds, seul le secrétariat le rouvre. Adressez-vous à {{who}}.",
    cancelled: "Annulé et verrouillé : seul le secrétariat le rouvre. Adressez-vous à {{who}}.",
    theSecretariat: "le secrétariat",
  },
  tranche: {
    overdue: "En retard",
    overdueSince: "En retard depuis le {{day}}",
    cancelled: "Annulée avec l’annonce",
    viewPledge: "Voir l’annonce",
    noAction: "Rien à faire",
    recordTransfer: "Enregistrer un virement",
    openInvoice: "Ouvrir la facture",
  },
  layout: {
    menu: "Menu",
    closeMenu: "Fermer le menu",
    loading: "Chargement…",
    onThisPage: "Sur cette page",
    column: "Colonne",
    showColumn: "Afficher la colonne",
  },
};
