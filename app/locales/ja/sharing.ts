/*
 * The Japanese catalogue of sharing (issue 13): who sees a shared item (an offer, a request, a national action), its
 * form's messages and its history. The items' own words live in the technology, actions and meetings namespaces.
 */
export const sharing = {
  audience: {
    private: "自国政府のみ",
    chosen: "選択した政府",
    partnership: "すべての政府と事務局",
  },
  hint: {
    private: "事務局を含め、他の誰にも表示されません。下書きや、まだ共有できないものに使います。",
    chosen:
      "チェックした政府にのみ表示されます。事務局には、事務局にもチェックした場合にのみ表示されます。各政府には項目が表示されますが、他の共有先は表示されません。",
    partnership:
      "パートナーシップの全政府の代表と事務局に表示されます。プロジェクト事業者とオブザーバーには共有項目は表示されません。",
  },
  legend: "公開範囲",
  governments: "政府",
  secretariat: "事務局",
  includeSecretariat: "事務局にも公開",
  nobody: "まだ誰にも公開していません",
  sharedWith: "共有先",
  ownerNote:
    "この一覧は自国政府のみが閲覧できます。一覧の各政府には項目が表示されますが、一覧は表示されません。",
  visibleToYou: "{{owner}}が貴国政府と共有しています。",
  change: "公開範囲を変更",
  save: "公開範囲を保存",
  errors: {
    chooseAudience: "公開範囲を選択してください。",
    unknownGovernment: "このパートナーシップの政府を選択してください。",
    chooseSomeone:
      "少なくとも一つの政府（または事務局）にチェックするか、「自国政府のみ」を選択してください。",
  },
  history: {
    title: "履歴",
    lead: "閲覧できるすべての変更を新しい順に表示します。",
    empty: "閲覧できる変更はまだありません。",
    when: "日時",
    who: "変更者",
    what: "変更内容",
    someone: "不明な利用者",
    action: {
      insert: "作成",
      update: "変更",
      delete: "削除",
    },
    fields: {
      audience: "公開範囲",
      includes_secretariat: "事務局にも公開",
      title: "件名",
      description: "説明",
      category: "分野",
      minerals: "鉱物",
      trl: "技術成熟度",
      holder_organisation: "保有組織",
      licensing_terms: "ライセンス条件",
      export_controlled: "輸出管理対象",
      export_control_regime: "規制の枠組みと区分",
      export_control_note: "輸出管理に関する注記",
      status: "状態",
      kind: "種類",
      summary: "概要",
      amount_minor: "金額（補助単位）",
      currency: "通貨",
      starts_on: "開始日",
      target_on: "目標日",
      public_url: "公開リンク",
      message: "メッセージ",
      terms_summary: "合意条件",
      agreed_on: "合意日",
      member_id: "政府",
      meeting_id: "会合",
    },
    table: {
      shared_items: "公開範囲",
      technology_offers: "提供",
      technology_requests: "要望",
      national_actions: "取組",
      expressions_of_interest: "協議",
      meeting_presentations: "会合での発表",
      shared_item_audiences: "選択した政府",
    },
  },
};
