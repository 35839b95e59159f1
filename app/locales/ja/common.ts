export const common = {
  appName: "Lodestone",
  pageTitle: "{{title}} — Lodestone",
  tagline: "Lodestone — 重要鉱物サプライチェーンへの共同出資を、ともに。",
  description: "パートナー政府が重要鉱物プロジェクトに共同出資するための共有ワークスペースです。",
  skipToContent: "本文へ移動",
  signIn: "ログイン",
  signOut: "ログアウト",
  profile: "プロフィール",
  none: "—",
  listSeparator: "、",
  languageSwitch: "言語",
  save: "保存",
  saving: "保存しています…",
  cancel: "キャンセル",
  close: "閉じる",
  yes: "はい",
  no: "いいえ",
  optional: "（任意）",
  downloadCsv: "CSVをダウンロード",
  downloadCsvOf: "（{{caption}}）",
  nothingToShow: "表示する項目はありません。",
  unknown: "不明",
};

export const nav = {
  partnerships: "パートナーシップ",
  partnershipLabel: "パートナーシップ：",
  choosePartnership: "パートナーシップを選択",
  sections: "{{partnership}}のメニュー",
  overview: "概要",
  board: "ボード",
  projects: "プロジェクト",
  timeline: "タイムライン",
  review: "審査",
  pledges: "拠出表明",
  portfolio: "ポートフォリオ",
  resilience: "レジリエンス",
  fxRates: "為替レート",
  people: "メンバー",
  billing: "請求",
  payments: "支払い",
};

export const errors = {
  notFoundTitle: "ページが見つかりません",
  notFound: "このアドレスには何もないか、アクセス権がありません。",
  forbiddenTitle: "このロールではご利用いただけません",
  readOnlyTitle: "このパートナーシップは読み取り専用です",
  statusTitle: "エラー {{status}}",
  couldNotComplete: "リクエストを完了できませんでした。",
  backToStart: "トップページへ戻る",
  unexpectedTitle: "問題が発生しました",
  unexpected:
    "予期しないエラーによりこのページを表示できませんでした。保存済みの内容は失われていません。しばらくしてから再度お試しください。",
  badRequest: "リクエストを処理できませんでした。前のページに戻って再度お試しください。",
  pageNotForRole: "このページは、{{partnership}}におけるあなたのロールではご利用いただけません。",
};

export const validation = {
  required: "この項目を入力してください。",
  invalid: "この値は無効です。",
  choose: "選択肢から選んでください。",
  email: "name@ministry.go.jp のような形式でメールアドレスを入力してください。",
  tooShort_other: "{{min}}文字以上で入力してください。",
  tooLong_other: "{{max}}文字以内で入力してください。",
  tooFew_other: "{{min}}件以上選択してください。",
  tooMany_other: "{{max}}件以内で選択してください。",
  tooSmall: "{{min}}以上の値を入力してください。",
  tooBig: "{{max}}以下の値を入力してください。",
};

/* パートナーシップの概要ページ：主な数値と参加者。 */
export const overview = {
  atAGlance: "概要",
  governments_other: "参加政府",
  projects_other: "閲覧できるプロジェクト",
  approved_other: "承認済みのプロジェクト",
  atRisk_other: "リスクのあるマイルストーン",
  overdue_other: "期限超過のマイルストーン",
  participants: "参加者",
};
