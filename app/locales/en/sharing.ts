/*
 * The English catalogue of sharing (issue 13): who sees a shared item (an offer, a request, a national action), its
 * form's messages and its history. The items' own words live in the technology, actions and meetings namespaces.
 */
export const sharing = {
  audience: {
    private: "Only my government",
    chosen: "Governments I choose",
    partnership: "Every government and the secretariat",
  },
  hint: {
    private:
      "Nobody else sees it, not even the secretariat: a draft, or something not ready to share.",
    chosen:
      "Only the governments you tick see it; the secretariat only if you tick it too. Each of them sees the item, not who else it is shared with.",
    partnership:
      "The delegates of every government in the partnership and the secretariat. Sponsors and observers never see shared items.",
  },
  legend: "Who sees this",
  governments: "Governments",
  secretariat: "the secretariat",
  includeSecretariat: "The secretariat too",
  nobody: "Nobody yet",
  sharedWith: "Shared with",
  ownerNote:
    "Only your government reads this list; each government on it sees the item, not the list.",
  visibleToYou: "Shared with your government by {{owner}}.",
  change: "Change who sees it",
  save: "Save who sees it",
  errors: {
    chooseAudience: "Choose who sees this.",
    unknownGovernment: "Choose governments of this partnership.",
    chooseSomeone:
      "Tick at least one government (or the secretariat), or choose “Only my government”.",
  },
  history: {
    title: "History",
    lead: "Every change you may see, newest first.",
    empty: "No change you may see yet.",
    when: "When",
    who: "Who",
    what: "What changed",
    someone: "Someone",
    action: {
      insert: "created",
      update: "changed",
      delete: "removed",
    },
    fields: {
      audience: "Who sees it",
      includes_secretariat: "The secretariat too",
      title: "Title",
      description: "Description",
      category: "Category",
      minerals: "Minerals",
      trl: "Technology readiness level",
      holder_organisation: "Holder organisation",
      licensing_terms: "Licensing terms",
      export_controlled: "Export-controlled",
      export_control_regime: "Regime and category",
      export_control_note: "Export-control note",
      status: "Status",
      kind: "Kind",
      summary: "Summary",
      amount_minor: "Amount (minor units)",
      currency: "Currency",
      starts_on: "Start",
      target_on: "Target date",
      public_url: "Public link",
      message: "Message",
      terms_summary: "Terms agreed",
      agreed_on: "Agreed on",
      member_id: "Government",
      meeting_id: "Meeting",
    },
    table: {
      shared_items: "Who sees it",
      technology_offers: "Offer",
      technology_requests: "Request",
      national_actions: "Action",
      expressions_of_interest: "Conversation",
      meeting_presentations: "Presented at a meeting",
      shared_item_audiences: "Chosen governments",
    },
  },
};
