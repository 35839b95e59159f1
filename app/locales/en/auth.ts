export const auth = {
  landing: {
    title: "Lodestone — co-funding critical minerals",
    heading: "Co-fund critical-minerals projects, together.",
    lead: "Lodestone is the shared workspace of the partner governments of the Critical Minerals Ministerial. Register mining, refining and magnet projects, pledge co-funding, and follow every milestone on one board — each government seeing exactly what it is entitled to see.",
    features: "What Lodestone does",
    boardTitle: "One shared board",
    board: "Milestones of every approved project, live for every partner as they change.",
    pledgesTitle: "Pledges that add up",
    pledges:
      "Drafts stay private to your government; committed pledges and co-funding rules are totalled in the partnership’s reporting currency, with dated FX rates.",
    securityTitle: "Security in the database",
    security:
      "Row-level security in Postgres decides what each delegate, sponsor and secretariat sees.",
  },
  signIn: {
    title: "Sign in",
    email: "E-mail address",
    password: "Password",
    submit: "Sign in",
    pending: "Signing in…",
    forgot: "Forgot your password?",
    demoTitle: "Demo accounts",
    demoLead:
      "This is the embedded demo. Every account below uses the password <code>{{password}}</code>.",
    demoCaption: "Demo accounts and their roles",
    demoEmail: "E-mail",
    demoRole: "Role",
    tooMany_one:
      "Too many sign-in attempts. Try again in {{count}} minute, or reset your password.",
    tooMany_other:
      "Too many sign-in attempts. Try again in {{count}} minutes, or reset your password.",
    noMatch: "That e-mail address and password do not match.",
  },
  demo: {
    secretariat: "Secretariat, Critical Minerals Ministerial",
    delegateJp: "Delegate of Japan",
    delegateAu: "Delegate of Australia",
    delegateUs: "Delegate of the United States",
    sponsor: "Project sponsor",
    observer: "Observer",
    twoHats: "Delegate of Canada; secretariat of a second partnership",
  },
  forgot: {
    title: "Reset your password",
    lead: "We will e-mail you a link to choose a new password.",
    email: "E-mail address",
    submit: "Send the link",
    pending: "Sending…",
    sent: "If {{email}} has a Lodestone account, a link to choose a new password is on its way. It works for one hour.",
    back: "Back to sign in",
  },
  reset: {
    title: "Choose a new password",
    password: "New password",
    passwordHint_one: "At least {{count}} character.",
    passwordHint_other: "At least {{count}} characters.",
    confirm: "The same password again",
    submit: "Save and sign in",
    pending: "Saving…",
    noToken:
      "This address has no reset token. Open the link from your e-mail, or <link>ask for a new one</link>.",
    expired: "This reset link has expired or was already used. Ask for a new one.",
    refused: "The new password was refused: {{reason}}",
  },
  schema: {
    email: "Enter an e-mail address.",
    password: "Enter your password.",
    passwordsDiffer: "The two passwords differ.",
    government: "Choose the government they represent.",
    sponsorOrganisation: "Choose the sponsor organisation they work for.",
    displayName: "Enter your name as colleagues should read it.",
  },
  invitation: {
    title: "Your invitation",
    lead: "You are invited to <strong>{{partnership}}</strong> as <strong>{{role}}</strong>.",
    leadFor:
      "You are invited to <strong>{{partnership}}</strong> as <strong>{{role}}</strong> for {{actsFor}}.",
    expired:
      "This invitation has expired. Ask the secretariat of {{partnership}} to invite you again.",
    revoked:
      "This invitation has been revoked. Ask the secretariat of {{partnership}} to invite you again.",
    accepted: "This invitation has already been accepted.",
    acceptedSignIn: "Sign in to open {{partnership}}",
    acceptedOpen: "Open {{partnership}}",
    otherAccount:
      "You are signed in as {{signedInAs}}, but this invitation is for {{email}}. Sign out, then open the link again.",
    accept: "Accept and open {{partnership}}",
    accepting: "Joining…",
    hasAccount: "{{email}} already has a Lodestone account.",
    signInToAccept: "Sign in to accept",
    choosePassword: "Choose a password for <strong>{{email}}</strong>.",
    aboutYou: "How your partners will know you",
    displayName: "Your name",
    displayNameHint: "As colleagues in other governments should read it, e.g. “Aiko Tanaka”.",
    organisation: "Organisation",
    organisationHint:
      "Your ministry, agency or company, e.g. “Ministry of Economy, Trade and Industry”.",
    password: "Password",
    passwordHint_one: "At least {{count}} character.",
    passwordHint_other: "At least {{count}} characters.",
    confirm: "The same password again",
    create: "Create account and join",
    creating: "Creating your account…",
    notPending: "This invitation is no longer open.",
    otherAddress: "This invitation is for another e-mail address.",
    cannotAccept: "This invitation can no longer be accepted.",
    readyToSignIn: "Your account is ready: sign in to continue.",
  },
  partnerships: {
    title: "Your partnerships",
    none: "You are not a member of any partnership yet. Ask a partnership’s secretariat to invite you.",
    invitations: "Invitations waiting for you",
    invitationAs: "<strong>{{partnership}}</strong> as {{role}}",
    accept: "Accept",
  },
  outbox: {
    title: "Outbox",
    lead: "In the embedded demo and in development Lodestone sends no mail: invitations and password-reset links land here and in the server log.",
    empty: "No mail yet.",
    to: "To {{email}} · {{when}}",
  },
  profile: {
    title: "Your profile",
    lead: "Your name and organisation are shown to the people you work with, wherever you decided or wrote something.",
    email: "E-mail address",
    emailHint: "Your sign-in address; it cannot be changed here.",
    displayName: "Your name",
    displayNameHint: "As colleagues in other governments should read it.",
    organisation: "Organisation",
    organisationHint: "Your ministry, agency or company.",
    language: "Language",
    languageHint: "The language Lodestone speaks to you, on every device.",
    languageBrowser: "As my browser asks",
    save: "Save the profile",
    saving: "Saving…",
    saved: "Your profile is saved.",
  },
};

/* Mail: written in the recipient's language (ADR 090). */
export const mail = {
  resetSubject: "Reset your Lodestone password",
  resetBody_one:
    "Someone asked to reset the password of your Lodestone account. If it was you, choose a new password within {{count}} minute: {{link}}\nIf it was not you, ignore this message.",
  resetBody_other:
    "Someone asked to reset the password of your Lodestone account. If it was you, choose a new password within {{count}} minutes: {{link}}\nIf it was not you, ignore this message.",
  invitationSubject: "You are invited to {{partnership}} on Lodestone",
  invitationBody:
    "You have been invited to join {{partnership}} on Lodestone as {{role}}. Accept within 7 days: {{link}}",
};
