export const board = {
  title: "Tableau",
  summary: "{{lead}} {{total}}{{overdue}}. {{how}}",
  lead: "Les jalons de chaque projet approuvé, une colonne par statut.",
  total_one: "{{count, number}} jalon",
  total_many: "{{count, number}} jalons",
  total_other: "{{count, number}} jalons",
  overdue_one: ", dont {{count, number}} échu",
  overdue_many: ", dont {{count, number}} échus",
  overdue_other: ", dont {{count, number}} échus",
  canMove:
    "Faites glisser une carte vers une autre colonne, ou utilisez son sélecteur « Déplacer vers » au clavier.",
  observersLook: "Les observateurs suivent le tableau ; ils ne déplacent pas les cartes.",
  filter: "Filtrer le tableau",
  sponsor: "Porteur de projet",
  allSponsors: "Tous les porteurs de projet",
  onlyAttention: "Uniquement à risque, en retard ou échus",
  dismiss: "Fermer",
  showMore: "Afficher plus de cartes par colonne",
  moveTo: "Déplacer « {{title}} » vers",
  move: "Déplacer",
  moving: "Déplacement…",
  due: "Échéance",
  owner: "Responsable",
  overdueLate_one: "Échu · {{count, number}} jour de retard",
  overdueLate_many: "Échu · {{count, number}} jours de retard",
  overdueLate_other: "Échu · {{count, number}} jours de retard",
  columnCount_one: "{{count, number}} jalon",
  columnCount_many: "{{count, number}} jalons",
  columnCount_other: "{{count, number}} jalons",
  noMilestones: "Aucun jalon.",
  moreNotShown_one:
    "{{count, number}} autre non affiché : affinez les filtres ou affichez plus de cartes par colonne.",
  moreNotShown_many:
    "{{count, number}} autres non affichés : affinez les filtres ou affichez plus de cartes par colonne.",
  moreNotShown_other:
    "{{count, number}} autres non affichés : affinez les filtres ou affichez plus de cartes par colonne.",
  cannotMove:
    "Vous ne pouvez pas déplacer « {{title}} » vers « $t(vocabulary.milestoneStatus.{{status}}) ».",
  theCard: "La carte",
  pickedUp: "« {{title}} » saisi.",
  isOver: "« {{title}} » est au-dessus de « $t(vocabulary.milestoneStatus.{{status}}) ».",
  notOver: "« {{title}} » n’est plus au-dessus d’une colonne.",
  droppedOn: "« {{title}} » a été déposé dans « $t(vocabulary.milestoneStatus.{{status}}) ».",
  dropped: "« {{title}} » a été déposé.",
  dragCancelled: "Le déplacement de « {{title}} » a été annulé.",
  instructions:
    "Faites glisser la carte avec un pointeur, ou utilisez au clavier son sélecteur « Déplacer vers » et le bouton « Déplacer ».",
};

export const live = {
  connecting: "Connexion…",
  live: "En direct",
  reconnecting: "Reconnexion…",
  offline: "Hors ligne — nouvelle tentative",
  connectingTitle: "Connexion aux mises à jour en direct.",
  liveTitle:
    "Les modifications de tout membre du partenariat apparaissent ici en moins d’une seconde.",
  reconnectingTitle:
    "La connexion en direct a été interrompue ; reconnexion en cours. La page sera actualisée dès son rétablissement.",
  offlineTitle:
    "Les mises à jour en direct sont indisponibles ; nouvelle tentative en cours. Rechargez la page pour être sûr de voir l’état le plus récent.",
};

export const filters = {
  apply: "Appliquer les filtres",
  clear: "Effacer",
  segment: "Segment",
  allSegments: "Tous les segments",
  mineral: "Minerai",
  allMinerals: "Tous les minerais",
  host: "Pays d’accueil",
  allHosts: "Tous les pays d’accueil",
};

export const milestones = {
  due: {
    late_one: "{{count, number}} jour de retard",
    late_many: "{{count, number}} jours de retard",
    late_other: "{{count, number}} jours de retard",
    today: "échéance aujourd’hui",
    tomorrow: "échéance demain",
    in_one: "échéance dans {{count, number}} jour",
    in_many: "échéance dans {{count, number}} jours",
    in_other: "échéance dans {{count, number}} jours",
  },
  schema: {
    choose: "Choisissez un jalon.",
    chooseMove: "Choisissez où déplacer le jalon.",
    date: "Saisissez une date.",
    realDate: "Saisissez une date existante.",
    title: "Donnez un intitulé au jalon.",
    titleLong: "L’intitulé doit compter moins de 200 caractères.",
    notesLong: "Les notes doivent compter moins de 2 000 caractères.",
    chooseUpdate: "Choisissez le jalon concerné par ce point d’avancement.",
    note: "Décrivez ce qui s’est passé.",
    noteLong: "La note doit compter moins de 4 000 caractères.",
    linkLong: "Le lien doit compter moins de 2 000 caractères.",
    link: "Indiquez une adresse web commençant par https:// (ou laissez le champ vide).",
  },
  form: {
    title: "Intitulé",
    dueDate: "Date d’échéance",
    status: "Statut",
    notes: "Notes (facultatif)",
    save: "Enregistrer le jalon",
    add: "Ajouter le jalon",
    saving: "Enregistrement…",
    cancel: "Annuler",
    milestone: "Jalon",
    whatHappened: "Ce qui s’est passé",
    changeStatus: "Changer le statut en (facultatif)",
    keepStatus: "Conserver le statut actuel",
    evidence: "Lien vers un justificatif (facultatif)",
    evidenceHint:
      "Un rapport, un permis ou une photo que les autres membres du partenariat peuvent consulter.",
    post: "Publier le point d’avancement",
    posting: "Publication…",
  },
};
