/* 請求（パートナーシップの契約）と支払い（トランシェと受領額）。 */
export const billing = {
  readOnly:
    "このパートナーシップの契約は失効しています。事務局が更新するまで、Lodestoneは閲覧のみとなります。",
  readOnlyBanner:
    "<strong>閲覧のみ。</strong>{{message}}閲覧とエクスポートは引き続き利用できます。",
  renew: "契約を更新する",
  askSecretariat: "事務局に更新を依頼してください。",
  title: "請求",
  checkoutSuccess:
    "ありがとうございます。Stripeで決済が確認されました。StripeからLodestoneに通知が届き次第（通常は数秒以内）、契約がここに表示されます。",
  checkoutCancelled: "決済はキャンセルされました。請求は発生していません。",
  subscriptionOf: "{{partnership}}の契約",
  state: "状態",
  writable: "Lodestoneは編集できます。",
  readOnlyState: "Lodestoneは閲覧のみです。",
  trial: "試用期間",
  daysLeft_other: "残り{{count}}日（{{end}}まで）",
  ended: "{{end}}に終了",
  endsOn: "終了日",
  renewsOn: "更新日",
  openingCheckout: "Stripeの決済画面を開いています…",
  startSubscription: "契約を開始する",
  openingPortal: "請求ポータルを開いています…",
  manageSubscription: "契約を管理する",
  notSetUp: "このサーバーでは、まだ契約を受け付けることができません。",
  notSetUpExplain:
    "決済サービスであるStripeとサーバーの接続が、Lodestoneの運用担当者によってまだ設定されていません。上記の契約状態はそのまま保持されます。運用担当者にStripeの接続を依頼してください。トランシェの支払いは、引き続き「支払い」ページで手動で記録できます。",
  ruleTitle: "Lodestoneが閲覧のみになる場合",
  rule: "パートナーシップは、30日間の試用期間中と契約が有効な間は編集できます。更新に失敗した場合も、Stripeが再試行する14日間は編集できます。その後、または契約なしで試用期間が終了すると、契約が更新されるまですべての変更は受け付けられません。閲覧とエクスポートは誰でも引き続き利用できます。",
  why: {
    active: "契約は有効です。",
    trial: "パートナーシップは試用期間中です。",
    grace:
      "前回の更新に失敗しました。Stripeが再試行する14日間の猶予期間中は、Lodestoneを編集できます。",
    lapsed: "契約は失効しました。更新されるまでLodestoneは閲覧のみです。",
  },
  subscriptionStatus: {
    trialing: "試用中",
    active: "有効",
    past_due: "支払い遅延",
    canceled: "解約済み",
    unpaid: "未払い",
    incomplete: "未完了",
    incomplete_expired: "期限切れ",
    paused: "一時停止中",
  },
  stripeNotSetUp:
    "このサーバーではStripeとの接続が設定されていないため、まだこの操作はできません。",
  noCustomer:
    "このパートナーシップにはまだStripeの顧客情報がありません。先に契約を開始してください。",
  stripeKeyRefused:
    "StripeがLodestoneの認証情報を拒否しました。Lodestoneの運用担当者がStripeとの接続を確認する必要があります。",
  stripeUnreachable: "Stripeに接続できませんでした。しばらくしてから再度お試しください。",
  stripeRefused: "Stripeが要求を拒否しました：{{reason}}",
  stripeFailed: "Stripeで処理を完了できませんでした。しばらくしてから再度お試しください。",
};

export const payments = {
  anomalies: {
    title: "Stripe が支払いを報告したが Lodestone が記帳していない請求書",
    explain_one:
      "Stripe はこの請求書が支払われたと報告していますが、Lodestone はこれを発行していないため、どのトランシェにも支払いは記録されていません。Stripe のダッシュボードで確認し、実際の振込であれば上のフォームで手動で記録するか、Stripe で返金してください。",
    explain_other:
      "Stripe はこれらの請求書が支払われたと報告していますが、Lodestone はこれらを発行していないため、どのトランシェにも支払いは記録されていません。Stripe のダッシュボードでそれぞれ確認し、実際の振込であれば上のフォームで手動で記録するか、Stripe で返金してください。",
    reportedOn: "報告日時",
    invoice: "Stripe 請求書",
    customer: "顧客",
    amount: "支払額",
    unknownCurrency: "{{amount}}（通貨不明）",
  },
  title: "支払い",
  leadSecretariat:
    "各国政府が表明したトランシェ、現在の支払期日到来分、受領したすべての支払いです。",
  leadMember: "{{member}}が表明したトランシェと、その受領済みの支払いです。",
  leadMemberUnknown: "自国政府が表明したトランシェと、その受領済みの支払いです。",
  recordTitle: "銀行振込を記録する",
  noneRequested:
    "現在請求中のトランシェはありません。トランシェは、対応するマイルストーンの完了時に請求されます。",
  tranche: "トランシェ",
  chooseTranche: "請求中のトランシェを選択",
  trancheOption: "{{member}}｜{{project}}｜支払期日到来 {{amount}}",
  reference: "銀行の参照番号",
  referenceHint: "銀行取引明細書の記載どおりに入力してください。",
  receivedOn: "受領日",
  amountReceived: "受領額",
  amountHint: "トランシェの通貨建てで入力してください（例：15,000,000.00。JPYとKRWは整数）。",
  recording: "記録しています…",
  record: "銀行振込を記録",
  tranches: "トランシェ",
  noTranches: "トランシェはまだありません。",
  government: "政府",
  project: "プロジェクト",
  amount: "金額",
  received: "受領額",
  due: "期日",
  state: "状態",
  actions: "操作",
  invoice: "請求書",
  opensStripe: "（Stripeが開きます）",
  issueInvoiceLabel: "{{project}}について{{member}}にStripeの請求書を発行",
  issueInvoice: "請求書を発行",
  ledger: "受領済みの支払い",
  noPayments: "記録された支払いはまだありません。",
  method: "方法",
  methods: { stripe_invoice: "Stripe請求書", bank_transfer: "銀行振込" },
  paymentState: {
    scheduled: "予定",
    requested: "請求中",
    invoiced: "請求書発行済み",
    partially_paid: "一部支払済み",
    payment_failed: "支払い失敗",
    paid: "支払済み",
    cancelled: "拠出とともに取り消し",
  },
  schema: {
    tranche: "支払われたトランシェを選択してください。",
    reference: "振込の銀行参照番号を入力してください。",
    paidOn: "入金日をYYYY-MM-DDの形式で入力してください。",
    realDate: "その日付は存在しません。",
    amount: "受領額を入力してください。",
    chooseTranche: "トランシェを選択してください。",
  },
  notRequested:
    "このトランシェは「$t(vocabulary.trancheStatus.{{status}})」です。支払いを記録できるのは請求中のトランシェのみです。",
  abovezero: "ゼロより大きい金額を入力してください。",
  moreThanDue: "このトランシェの未払い残高（{{due}}）を超えています。",
  future: "支払日を未来の日付にすることはできません。",
  recordedPaid: "{{member}}からの{{amount}}を記録しました。トランシェは支払済みです。",
  recordedLeft: "{{member}}からの{{amount}}を記録しました。未払い残高は{{left}}です。",
  notInvoiceable:
    "このトランシェは「$t(vocabulary.trancheStatus.{{status}})」です。請求書を発行できるのは請求中のトランシェのみです。",
  invoiceOpen:
    "このトランシェの請求書は既に発行されています。支払いを待つか、Stripeで無効にしてください。",
  noBankTransfer:
    "Stripeの銀行振込請求書はUSD、EUR、GBP、JPY、MXNに対応しており、{{currency}}には対応していません。入金時に手動で記録してください。",
  noBillingContact:
    "{{member}}には請求先の連絡先がありません。先に請求先メールアドレスを追加してください。",
  invoiceSent: "{{amount}}の請求書を{{member}}（{{email}}）に送付しました。",
};
