export const board = {
  title: "ボード",
  summary: "{{lead}}{{total}}{{overdue}}。{{how}}",
  lead: "承認済みの全プロジェクトのマイルストーンを、状態ごとの列に表示します。",
  total_other: "マイルストーン {{count, number}}件",
  overdue_other: "（うち期限超過 {{count, number}}件）",
  canMove:
    "カードを別の列にドラッグするか、キーボードで「移動先」の選択欄を使って移動してください。",
  observersLook: "オブザーバーはボードを閲覧できますが、カードは移動できません。",
  filter: "ボードを絞り込む",
  sponsor: "プロジェクト事業者",
  allSponsors: "すべての事業者",
  onlyAttention: "リスクあり・遅延・期限超過のみ",
  dismiss: "閉じる",
  showMore: "列ごとの表示件数を増やす",
  moveTo: "「{{title}}」の移動先",
  move: "移動",
  moving: "移動しています…",
  due: "期限",
  owner: "担当",
  overdueLate_other: "期限超過・{{count, number}}日遅れ",
  columnCount_other: "マイルストーン {{count, number}}件",
  noMilestones: "マイルストーンはありません。",
  moreNotShown_other:
    "ほかに{{count, number}}件あります。絞り込むか、列ごとの表示件数を増やしてください。",
  cannotMove:
    "「{{title}}」を「$t(vocabulary.milestoneStatus.{{status}})」に移動する権限がありません。",
  theCard: "カード",
  pickedUp: "「{{title}}」をつかみました。",
  isOver: "「{{title}}」は「$t(vocabulary.milestoneStatus.{{status}})」の上にあります。",
  notOver: "「{{title}}」はどの列の上にもありません。",
  droppedOn: "「{{title}}」を「$t(vocabulary.milestoneStatus.{{status}})」にドロップしました。",
  dropped: "「{{title}}」をドロップしました。",
  dragCancelled: "「{{title}}」の移動を取り消しました。",
  instructions:
    "カードはポインターでドラッグするか、キーボードで「移動先」の選択欄と「移動」ボタンを使って移動します。",
};

export const live = {
  connecting: "接続しています…",
  live: "ライブ",
  reconnecting: "再接続しています…",
  offline: "オフライン — 再試行中",
  connectingTitle: "ライブ更新に接続しています。",
  liveTitle: "パートナーシップ内の変更は、1秒以内にここに反映されます。",
  reconnectingTitle:
    "ライブ接続が切断されたため、再接続しています。接続が回復するとページが更新されます。",
  offlineTitle:
    "ライブ更新を利用できないため、再試行しています。最新の状態を確認するには、ページを再読み込みしてください。",
};

export const filters = {
  apply: "絞り込む",
  clear: "クリア",
  segment: "分野",
  allSegments: "すべての分野",
  mineral: "鉱物",
  allMinerals: "すべての鉱物",
  host: "実施国",
  allHosts: "すべての実施国",
};

export const milestones = {
  due: {
    late_other: "{{count, number}}日遅れ",
    today: "本日期限",
    tomorrow: "明日期限",
    in_other: "期限まで{{count, number}}日",
  },
  schema: {
    choose: "マイルストーンを選択してください。",
    chooseMove: "マイルストーンの移動先を選択してください。",
    date: "日付を入力してください。",
    realDate: "実在する日付を入力してください。",
    title: "マイルストーンの名称を入力してください。",
    titleLong: "名称は200文字未満で入力してください。",
    notesLong: "メモは2,000文字未満で入力してください。",
    chooseUpdate: "報告の対象となるマイルストーンを選択してください。",
    note: "状況を入力してください。",
    noteLong: "報告は4,000文字未満で入力してください。",
    linkLong: "リンクは2,000文字未満で入力してください。",
    link: "https:// で始まるウェブアドレスを入力してください（空欄でも構いません）。",
  },
  form: {
    title: "名称",
    dueDate: "期限",
    status: "状態",
    notes: "メモ（任意）",
    save: "マイルストーンを保存",
    add: "マイルストーンを追加",
    saving: "保存しています…",
    cancel: "キャンセル",
    milestone: "マイルストーン",
    whatHappened: "状況",
    changeStatus: "状態の変更（任意）",
    keepStatus: "現在の状態のまま",
    evidence: "根拠資料のリンク（任意）",
    evidenceHint: "パートナーシップの他の参加者が開ける報告書、許可証、写真など。",
    post: "進捗を報告",
    posting: "投稿しています…",
  },
};
