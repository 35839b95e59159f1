/* Everyday use (issue 12): editing what is not final, confirmations, money that depends on a milestone,
 * small screens and progress. */
export const everyday = {
  db: {
    registrationFixed:
      "A project’s registration is fixed once it is submitted (this one is “$t(vocabulary.projectStatus.{{status}})”).",
    undoWindow: "A decision can be taken back only within 15 minutes of making it.",
    pledgeSinceDecision: "A pledge has been committed since the decision: it stands.",
    cancelledTranche: "A cancelled tranche cannot change.",
    cancelByWithdrawing: "A tranche is cancelled by withdrawing its pledge.",
    cancelWithdrawnOnly: "Only the tranches of a withdrawn pledge are cancelled.",
  },
  edit: {
    projectTitle: "Revise “{{name}}”",
    projectLead:
      "Change any part of the registration, outputs included. The project stays as it is until you save.",
    editProject: "Revise the registration",
    save: "Save changes",
    saving: "Saving…",
    saveAndSubmit: "Save and submit for review",
    saveAndResubmit: "Save and resubmit for review",
    submitting: "Submitting…",
    saved: "Your changes to the registration were saved.",
    resubmitted: "The revised project was sent to the secretariat for review.",
    staleProject:
      "Someone changed this project while you were editing it (it is now at version {{version}}). What you typed is kept below: check it against the current project and save again.",
    projectNotEditable:
      "Only a draft or a rejected project can be revised; this one is with the secretariat or decided.",
    pledgeTitle: "Edit the draft pledge to {{project}}",
    pledgeLead:
      "Change the terms and tranches while the pledge is a draft. Once committed, only its amount changes, by amendment.",
    editPledge: "Edit the terms",
    pledgeSaved: "The draft pledge was saved.",
    stalePledge:
      "Someone changed this pledge while you were editing it (it is now at version {{version}}). What you typed is kept below: check it and save again.",
    pledgeNotDraft:
      "Only a draft pledge’s terms can be edited; a committed pledge changes by amendment.",
    backToProject: "Back to the project",
    backToPledge: "Back to the pledge",
  },
  confirm: {
    title: "Please confirm",
    back: "Go back",
    approve:
      "Approve “{{name}}”? Its parties are told at once and governments can then commit pledges to it.",
    approveButton: "Approve",
    reject:
      "Reject “{{name}}” with the reason you gave? Its government can revise and resubmit it.",
    rejectButton: "Reject",
    undoNote: "You can take the decision back for 15 minutes, until a pledge is committed to it.",
    commit:
      "Commit {{amount}} to “{{project}}”? Every partner sees the commitment at once and its terms are fixed; only the amount can change later, by amendment.",
    commitButton: "Commit",
    withdraw:
      "Withdraw this pledge of {{amount}}? It cannot be undone: its unpaid tranches are cancelled and every partner sees the withdrawal and its reason.",
    withdrawButton: "Withdraw",
    cancelProject:
      "Cancel “{{name}}”? This cannot be undone: the project leaves the board and no pledge can be committed to it.",
    cancelProjectButton: "Cancel the project",
    revoke:
      "Revoke {{name}}’s access? They are signed out at once. You can invite them again later.",
    revokeButton: "Revoke",
    cancelInvitation:
      "Cancel the invitation to {{email}}? The link stops working. You can invite them again.",
    cancelInvitationButton: "Cancel the invitation",
  },
  undo: {
    takeBack: "Take back the decision",
    takenBack: "The decision was taken back: “{{name}}” is waiting for review again.",
    until: "You can take this decision back until {{time}}.",
    decidedBy: "Decided by {{who}} on {{when}}.",
    someone: "a member of the secretariat",
  },
  release: {
    part: "{{amount}} from {{government}}’s pledge",
    sentence: "This requests {{parts}}.",
    cardBadge: "Releases {{amount}}",
    title: "Move “{{title}}” to Done",
    evidenceLead: "Money depends on this milestone: say what shows it is done.",
    note: "Evidence",
    noteHint: "What was delivered, and how it can be checked.",
    link: "Link to the evidence",
    confirmButton: "Move to Done and request the money",
    plainConfirm: "Move to Done",
  },
  evidence: {
    required:
      "Money depends on this milestone: moving it to Done needs evidence (a note, and a link if you have one).",
  },
  locked: {
    done: "Done and locked: this milestone may already have released money, so only the secretariat reopens it. Ask {{who}}.",
    cancelled: "Cancelled and locked: only the secretariat reopens it. Ask {{who}}.",
    theSecretariat: "the secretariat",
  },
  tranche: {
    overdue: "Overdue",
    overdueSince: "Overdue since {{day}}",
    cancelled: "Cancelled with the pledge",
    viewPledge: "View the pledge",
    noAction: "Nothing to do",
    recordTransfer: "Record a transfer",
    openInvoice: "Open the invoice",
  },
  layout: {
    menu: "Menu",
    closeMenu: "Close the menu",
    loading: "Loading…",
    onThisPage: "On this page",
    column: "Column",
    showColumn: "Show the column",
  },
};
