/*
 * The French catalogue of sharing (issue 13): who sees a shared item (an offer, a request, a national action), its
 * form's messages and its history. The items' own words live in the technology, actions and meetings namespaces.
 */
export const sharing = {
  audience: {
    private: "Mon gouvernement uniquement",
    chosen: "Les gouvernements que je choisis",
    partnership: "Tous les gouvernements et le secrétariat",
  },
  hint: {
    private:
      "Personne d’autre ne le voit, pas même le secrétariat : un brouillon, ou ce qui n’est pas prêt à être partagé.",
    chosen:
      "Seuls les gouvernements que vous cochez le voient ; le secrétariat seulement si vous le cochez aussi. Chacun voit l’élément, et non les autres destinataires.",
    partnership:
      "Les délégués de chaque gouvernement du partenariat et le secrétariat. Les porteurs de projet et les observateurs ne voient jamais les éléments partagés.",
  },
  legend: "Qui le voit",
  governments: "Gouvernements",
  secretariat: "le secrétariat",
  includeSecretariat: "Le secrétariat aussi",
  nobody: "Personne pour l’instant",
  sharedWith: "Partagé avec",
  ownerNote:
    "Seul votre gouvernement lit cette liste ; chaque gouvernement qui y figure voit l’élément, et non la liste.",
  visibleToYou: "Partagé avec votre gouvernement par {{owner}}.",
  change: "Modifier qui le voit",
  save: "Enregistrer qui le voit",
  errors: {
    chooseAudience: "Choisissez qui le voit.",
    unknownGovernment: "Choisissez des gouvernements de ce partenariat.",
    chooseSomeone:
      "Cochez au moins un gouvernement (ou le secrétariat), ou choisissez « Mon gouvernement uniquement ».",
  },
  history: {
    title: "Historique",
    lead: "Chaque modification que vous pouvez voir, la plus récente en premier.",
    empty: "Aucune modification visible pour l’instant.",
    when: "Quand",
    who: "Qui",
    what: "Ce qui a changé",
    someone: "Quelqu’un",
    action: {
      insert: "créé",
      update: "modifié",
      delete: "supprimé",
    },
    fields: {
      audience: "Qui le voit",
      includes_secretariat: "Le secrétariat aussi",
      title: "Titre",
      description: "Description",
      category: "Catégorie",
      minerals: "Minerais",
      trl: "Niveau de maturité technologique",
      holder_organisation: "Organisme détenteur",
      licensing_terms: "Conditions de licence",
      export_controlled: "Soumis au contrôle des exportations",
      export_control_regime: "Régime et catégorie",
      export_control_note: "Note sur le contrôle des exportations",
      status: "Statut",
      kind: "Type",
      summary: "Résumé",
      amount_minor: "Montant (unités mineures)",
      currency: "Devise",
      starts_on: "Début",
      target_on: "Date cible",
      public_url: "Lien public",
      message: "Message",
      terms_summary: "Conditions convenues",
      agreed_on: "Convenu le",
      member_id: "Gouvernement",
      meeting_id: "Réunion",
    },
    table: {
      shared_items: "Qui le voit",
      technology_offers: "Offre",
      technology_requests: "Demande",
      national_actions: "Action",
      expressions_of_interest: "Échange",
      meeting_presentations: "Présentée lors d’une réunion",
      shared_item_audiences: "Gouvernements choisis",
    },
  },
};
