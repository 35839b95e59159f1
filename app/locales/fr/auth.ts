export const auth = {
  landing: {
    title: "Lodestone — cofinancer les minerais critiques",
    heading: "Cofinancer ensemble des projets de minerais critiques.",
    lead: "Lodestone est l’espace de travail partagé des gouvernements partenaires de la réunion ministérielle sur les minerais critiques. Enregistrez des projets d’extraction, de raffinage et d’aimants, annoncez des contributions de cofinancement et suivez chaque jalon sur un tableau unique — chaque gouvernement ne voyant que ce à quoi il a droit.",
    features: "Ce que permet Lodestone",
    boardTitle: "Un tableau partagé",
    board: "Les jalons de chaque projet approuvé, mis à jour en direct pour tous les partenaires.",
    pledgesTitle: "Des annonces qui s’additionnent",
    pledges:
      "Les brouillons restent réservés à votre gouvernement ; les annonces engagées et les règles de cofinancement sont totalisées dans la monnaie de référence du partenariat, avec des taux de change datés.",
    securityTitle: "La sécurité au cœur de la base de données",
    security:
      "La sécurité au niveau des lignes de Postgres détermine ce que voient chaque délégué, chaque porteur de projet et le secrétariat.",
  },
  signIn: {
    title: "Connexion",
    email: "Adresse électronique",
    password: "Mot de passe",
    submit: "Se connecter",
    pending: "Connexion…",
    forgot: "Mot de passe oublié ?",
    demoTitle: "Comptes de démonstration",
    demoLead:
      "Ceci est la démonstration intégrée. Tous les comptes ci-dessous utilisent le mot de passe <code>{{password}}</code>.",
    demoCaption: "Comptes de démonstration et leurs rôles",
    demoEmail: "Courriel",
    demoRole: "Rôle",
    tooMany_one:
      "Trop de tentatives de connexion. Réessayez dans {{count}} minute ou réinitialisez votre mot de passe.",
    tooMany_many:
      "Trop de tentatives de connexion. Réessayez dans {{count}} minutes ou réinitialisez votre mot de passe.",
    tooMany_other:
      "Trop de tentatives de connexion. Réessayez dans {{count}} minutes ou réinitialisez votre mot de passe.",
    noMatch: "L’adresse électronique et le mot de passe ne correspondent pas.",
  },
  demo: {
    secretariat: "Secrétariat, réunion ministérielle sur les minerais critiques",
    delegateJp: "Délégué du Japon",
    delegateAu: "Délégué de l’Australie",
    delegateUs: "Délégué des États-Unis",
    sponsor: "Porteur de projet",
    observer: "Observateur",
    twoHats: "Délégué du Canada ; secrétariat d’un second partenariat",
  },
  forgot: {
    title: "Réinitialiser votre mot de passe",
    lead: "Nous vous enverrons par courriel un lien pour choisir un nouveau mot de passe.",
    email: "Adresse électronique",
    submit: "Envoyer le lien",
    pending: "Envoi…",
    sent: "Si {{email}} correspond à un compte Lodestone, un lien pour choisir un nouveau mot de passe vous a été envoyé. Il est valable une heure.",
    back: "Retour à la connexion",
  },
  reset: {
    title: "Choisir un nouveau mot de passe",
    password: "Nouveau mot de passe",
    passwordHint_one: "Au moins {{count}} caractère.",
    passwordHint_many: "Au moins {{count}} caractères.",
    passwordHint_other: "Au moins {{count}} caractères.",
    confirm: "Confirmer le mot de passe",
    submit: "Enregistrer et se connecter",
    pending: "Enregistrement…",
    noToken:
      "Cette adresse ne comporte pas de jeton de réinitialisation. Ouvrez le lien reçu par courriel, ou <link>demandez-en un nouveau</link>.",
    expired:
      "Ce lien de réinitialisation a expiré ou a déjà été utilisé. Veuillez en demander un nouveau.",
    refused: "Le nouveau mot de passe a été refusé : {{reason}}",
  },
  schema: {
    email: "Saisissez une adresse électronique.",
    password: "Saisissez votre mot de passe.",
    passwordsDiffer: "Les deux mots de passe ne sont pas identiques.",
    government: "Choisissez le gouvernement que cette personne représente.",
    sponsorOrganisation: "Choisissez l’organisme porteur de projet de cette personne.",
    displayName: "Saisissez votre nom tel que vos interlocuteurs doivent le lire.",
  },
  invitation: {
    title: "Votre invitation",
    lead: "Vous êtes invité à rejoindre <strong>{{partnership}}</strong> en tant que <strong>{{role}}</strong>.",
    leadFor:
      "Vous êtes invité à rejoindre <strong>{{partnership}}</strong> en tant que <strong>{{role}}</strong> pour {{actsFor}}.",
    expired:
      "Cette invitation a expiré. Demandez au secrétariat de {{partnership}} de vous inviter à nouveau.",
    revoked:
      "Cette invitation a été révoquée. Demandez au secrétariat de {{partnership}} de vous inviter à nouveau.",
    accepted: "Cette invitation a déjà été acceptée.",
    acceptedSignIn: "Se connecter pour ouvrir {{partnership}}",
    acceptedOpen: "Ouvrir {{partnership}}",
    otherAccount:
      "Vous êtes connecté en tant que {{signedInAs}}, mais cette invitation est adressée à {{email}}. Déconnectez-vous, puis ouvrez à nouveau le lien.",
    accept: "Accepter et ouvrir {{partnership}}",
    accepting: "Inscription…",
    hasAccount: "{{email}} dispose déjà d’un compte Lodestone.",
    signInToAccept: "Se connecter pour accepter",
    choosePassword: "Choisissez un mot de passe pour <strong>{{email}}</strong>.",
    aboutYou: "Comment vos partenaires vous identifieront",
    displayName: "Votre nom",
    displayNameHint:
      "Tel que vos interlocuteurs des autres gouvernements doivent le lire, par exemple « Claire Martin ».",
    organisation: "Organisme",
    organisationHint:
      "Votre ministère, votre agence ou votre entreprise, par exemple « Ministère de l’Économie et des Finances ».",
    password: "Mot de passe",
    passwordHint_one: "Au moins {{count}} caractère.",
    passwordHint_many: "Au moins {{count}} caractères.",
    passwordHint_other: "Au moins {{count}} caractères.",
    confirm: "Confirmer le mot de passe",
    create: "Créer le compte et rejoindre",
    creating: "Création de votre compte…",
    notPending: "Cette invitation n’est plus ouverte.",
    otherAddress: "Cette invitation est adressée à une autre adresse électronique.",
    cannotAccept: "Cette invitation ne peut plus être acceptée.",
    readyToSignIn: "Votre compte est prêt : connectez-vous pour continuer.",
  },
  partnerships: {
    title: "Vos partenariats",
    none: "Vous n’êtes encore membre d’aucun partenariat. Demandez au secrétariat d’un partenariat de vous inviter.",
    invitations: "Invitations en attente",
    invitationAs: "<strong>{{partnership}}</strong> en tant que {{role}}",
    accept: "Accepter",
  },
  outbox: {
    title: "Boîte d’envoi",
    lead: "Dans la démonstration intégrée et en développement, Lodestone n’envoie aucun courriel : les invitations et les liens de réinitialisation apparaissent ici et dans le journal du serveur.",
    empty: "Aucun courriel pour l’instant.",
    to: "À {{email}} · {{when}}",
  },
  profile: {
    title: "Votre profil",
    lead: "Votre nom et votre organisme sont indiqués aux personnes avec qui vous travaillez, partout où vous avez décidé ou écrit quelque chose.",
    email: "Adresse électronique",
    emailHint: "Votre adresse de connexion ; elle ne peut pas être modifiée ici.",
    displayName: "Votre nom",
    displayNameHint: "Tel que vos interlocuteurs des autres gouvernements doivent le lire.",
    organisation: "Organisme",
    organisationHint: "Votre ministère, votre agence ou votre entreprise.",
    language: "Langue",
    languageHint: "La langue dans laquelle Lodestone s’adresse à vous, sur tous vos appareils.",
    languageBrowser: "Celle demandée par mon navigateur",
    save: "Enregistrer le profil",
    saving: "Enregistrement…",
    saved: "Votre profil est enregistré.",
  },
};

export const mail = {
  resetSubject: "Réinitialisation de votre mot de passe Lodestone",
  resetBody_one:
    "Une demande de réinitialisation du mot de passe de votre compte Lodestone a été faite. Si elle émane de vous, choisissez un nouveau mot de passe dans un délai de {{count}} minute : {{link}}\nSinon, ne tenez pas compte de ce message.",
  resetBody_many:
    "Une demande de réinitialisation du mot de passe de votre compte Lodestone a été faite. Si elle émane de vous, choisissez un nouveau mot de passe dans un délai de {{count}} minutes : {{link}}\nSinon, ne tenez pas compte de ce message.",
  resetBody_other:
    "Une demande de réinitialisation du mot de passe de votre compte Lodestone a été faite. Si elle émane de vous, choisissez un nouveau mot de passe dans un délai de {{count}} minutes : {{link}}\nSinon, ne tenez pas compte de ce message.",
  invitationSubject: "Invitation à rejoindre {{partnership}} sur Lodestone",
  invitationBody:
    "Vous êtes invité à rejoindre {{partnership}} sur Lodestone en tant que {{role}}. Veuillez accepter dans un délai de 7 jours : {{link}}",
};
