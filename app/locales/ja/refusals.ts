export const refusals = {
  milestoneNotFound:
    "このマイルストーンは見つかりませんでした。削除された可能性があります。ページには現在の状態が表示されています。",
  moveMilestone:
    "マイルストーンを移動できるのは、プロジェクト事業者、登録政府の代表および事務局のみです。",
  addMilestone:
    "マイルストーンを追加できるのは、プロジェクト事業者、登録政府および事務局のみです。",
  editMilestone:
    "マイルストーンを編集できるのは、プロジェクト事業者、登録政府および事務局のみです。",
  postUpdate: "進捗報告を投稿できるのは、プロジェクト事業者、登録政府および事務局のみです。",
  alreadyThere: "このマイルストーンはすでに「$t(vocabulary.milestoneStatus.{{status}})」です。",
  onlySecretariatReopens:
    "このマイルストーンは「$t(vocabulary.milestoneStatus.{{status}})」です。再開できるのは事務局のみです。",
  projectNotFound: "このプロジェクトは見つかりませんでした。",
  changeProject: "あなたのロールでは、このプロジェクトを変更できません。",
  sponsorSubmits:
    "プロジェクト事業者はプロジェクトを下書きとして保存し、登録政府の代表が審査を申請します。",
  sponsorRegisters:
    "この政府との組み合わせでは、あなたの組織のプロジェクトとして保存できませんでした。このパートナーシップの政府を選択してください。",
  delegateRegisters: "プロジェクトを登録できるのは自国政府の分のみです。",
  pledgeNotFound: "この拠出表明は見つかりませんでした。",
  pledgeChanged:
    "この拠出表明は、開いた後に他の人によって変更されました。ページを再読み込みしてから再度お試しください。",
  pledgeForOwnGovernment: "拠出を表明できるのは、その政府の代表のみです。",
  changePledge: "この拠出表明を変更できるのは、拠出国政府の代表のみです。",
  pledgeRefused: "拠出表明は受け付けられませんでした。",
  pledgeToApprovedProject:
    "承認済みのプロジェクトを選択してください。拠出表明を受けられるのは承認済みのプロジェクトのみです。",
  trancheMilestone: "このプロジェクトのマイルストーンから選択してください。",
  trancheNotFound: "このトランシェは見つかりませんでした。",
  recordPayments: "確約済みの拠出表明の支払いを記録できるのは事務局のみです。",
  saveRates: "為替レートを保存できるのは事務局のみです。",
  unknownParty: "この政府または組織は、このパートナーシップに含まれていません。",
  alreadyMember: "この方はすでに有効なメンバーです。",
  membershipNotFound: "このメンバー登録は見つかりませんでした。",
  invalidValue: "受け付けられない値があります。入力内容を確認して、再度お試しください。",
  iatiScope:
    "scope=partnership（閲覧できるすべての拠出表明）または scope=government（自国政府の拠出表明のみ）を指定してください。",
  iatiNoGovernment:
    "事務局はどの政府の報告も行いません。パートナーシップのファイルをエクスポートしてください。",
  iatiNothingToReport:
    "報告する内容はまだありません。IATIファイルには承認済みのプロジェクトが掲載されます（自国政府のファイルには自国政府の拠出表明があるもの）。",
  iatiMissingIdentifiers:
    "{{governments}}のIATI組織識別子が登録されていません。事務局が登録すると、そのプロジェクトがファイルに掲載されます。",
  publish: "パートナーシップを公開したり、公開を停止したりできるのは事務局のみです。",
  keepOffPublic: "このプロジェクトを公開ページに載せないようにできるのは、登録した政府のみです。",
  publicProjectNotFound: "このプロジェクトは見つかりませんでした。",
  publicPage: "page は1以上、per_page は1から200までを指定してください。",
  keepOffChoice: "プロジェクトを公開ページに載せないか、掲載するかを選択してください。",
  publishChoice: "ポートフォリオを公開するか、公開を停止するかを選択してください。",
  reportSince: "「以降」の日付を YYYY-MM-DD の形式で選択してください。",
  refusedValue: "値が受け付けられませんでした：{{reason}}",
  conflictSame:
    "「{{title}}」は、直前に他の人が「$t(vocabulary.milestoneStatus.{{now}})」に移動しました。ボードには現在の状態が表示されています。",
  conflictOther:
    "「{{title}}」は、直前に他の人が「$t(vocabulary.milestoneStatus.{{now}})」に移動したため、「$t(vocabulary.milestoneStatus.{{attempted}})」には移動されませんでした。ボードには現在の状態が表示されています。",
  staleEdit:
    "編集中に他の人が「{{title}}」を変更しました（現在は「$t(vocabulary.milestoneStatus.{{now}})」）。現在の内容を表示しています。必要であれば、もう一度変更してください。",
  staleUpdate:
    "直前に他の人が「{{title}}」を変更したため（現在は「$t(vocabulary.milestoneStatus.{{now}})」）、進捗報告は投稿されませんでした。新しい状態を確認してください。入力したメモはフォームに残っています。",
  staleProject:
    "直前に他の人が「{{name}}」を変更しました（現在は「$t(vocabulary.projectStatus.{{now}})」）。ページには現在の状態が表示されています。",
};

export const database = {
  lastSecretariat: "パートナーシップで最後の有効な事務局メンバーは、取り消しも削除もできません。",
  projectStartsAs:
    "新しいプロジェクトは「$t(vocabulary.projectStatus.draft)」または「$t(vocabulary.projectStatus.submitted)」から始まります。「$t(vocabulary.projectStatus.{{status}})」からは始められません。",
  secretariatDecides: "プロジェクトに関する決定を記録できるのは事務局のみです。",
  secretariatMovesProject:
    "プロジェクトを「$t(vocabulary.projectStatus.{{from}})」から「$t(vocabulary.projectStatus.{{to}})」に変更できるのは事務局のみです。",
  partiesSubmit: "プロジェクトの審査申請は、事務局ではなく、その登録政府または事業者が行います。",
  delegatesSubmit: "プロジェクトの審査申請は、登録政府の代表が行います。",
  partiesWithdraw: "審査申請の取り下げは、事務局ではなく、その登録政府または事業者が行います。",
  whoCancels: "プロジェクトを中止できるのは、登録政府または事務局のみです。",
  projectTransition:
    "プロジェクトを「$t(vocabulary.projectStatus.{{from}})」から「$t(vocabulary.projectStatus.{{to}})」に変更することはできません。",
  ruleCurrency: "最低共同出資額の条件は、パートナーシップの報告通貨（{{currency}}）で定めます。",
  pledgeClosed:
    "「$t(vocabulary.pledgeStatus.{{status}})」の拠出表明は確定しており、変更できません。",
  pledgeTransition:
    "拠出表明を「$t(vocabulary.pledgeStatus.{{from}})」から「$t(vocabulary.pledgeStatus.{{to}})」に変更することはできません。",
  pledgeStatusByPayment:
    "拠出表明は、トランシェの支払いによって「$t(vocabulary.pledgeStatus.{{status}})」になります。手動では変更できません。",
  disbursingWithdraw:
    "「$t(vocabulary.pledgeStatus.disbursing)」の拠出表明は手動で撤回できません。事務局にご相談ください。",
  commitApprovedOnly: "確約できるのは、承認済みプロジェクトへの拠出表明のみです。",
  withdrawReason: "拠出表明を撤回するには理由が必要です。",
  withdrawReasonSet: "撤回理由は、拠出表明を撤回する時点で記録されます。",
  termsFixed:
    "確約済みの拠出表明の条件は変更できません。変更できるのは金額のみで、変更手続きによります。",
  amountByAmendment: "確約済みの拠出表明の金額は、記録された変更手続きによってのみ変更されます。",
  amendCommittedOnly:
    "変更できるのは確約済みの拠出表明のみです（この拠出表明は「$t(vocabulary.pledgeStatus.{{status}})」です）。",
  amendDraftDirectly:
    "変更手続きの対象は確約済みの拠出表明のみです。下書きは直接編集してください（この拠出表明は「$t(vocabulary.pledgeStatus.{{status}})」です）。",
  paidTranche: "支払済みのトランシェは変更できません。",
  trancheMilestone:
    "トランシェは、その拠出表明の対象プロジェクトのマイルストーンによって請求されます。",
  tranchesOfPledge:
    "「$t(vocabulary.pledgeStatus.{{status}})」の拠出表明のトランシェは、請求も支払いもされません。",
  secretariatPays: "支払いを記録できるのは事務局のみです。",
  pledgeNotFound: "この拠出表明は見つかりませんでした。",
  pledgeChanged: "この拠出表明は、開いた後に他の人によって変更されました。",
  commitDraftOnly:
    "確約できるのは下書きの拠出表明のみです（この拠出表明は「$t(vocabulary.pledgeStatus.{{status}})」です）。",
  delegatesCommit: "拠出表明を確約できるのは、拠出国政府の代表のみです。",
  cannotWithdraw: "「$t(vocabulary.pledgeStatus.{{status}})」の拠出表明は撤回できません。",
  delegatesWithdraw: "拠出表明を撤回できるのは、拠出国政府の代表のみです。",
  amendmentReason: "変更には理由が必要です。",
  amendedPositive: "変更後の金額は正の値でなければなりません。",
  amendedSame: "変更後の金額が現在の金額と同じです。",
  delegatesAmend: "拠出表明を変更できるのは、拠出国政府の代表のみです。",
  milestoneNotFound: "このマイルストーンは見つかりませんでした。",
  milestoneChanged: "このマイルストーンは、開いた後に他の人によって変更されました。",
  cannotComplete:
    "「$t(vocabulary.milestoneStatus.{{status}})」のマイルストーンは完了にできません。",
  whoCompletes:
    "マイルストーンを完了にできるのは、プロジェクト事業者、登録政府または事務局のみです。",
  secretariatReopens:
    "「$t(vocabulary.milestoneStatus.{{status}})」のマイルストーンを再開できるのは事務局のみです。",
  paymentCurrency: "支払いは拠出表明の通貨（{{currency}}）で行います。",
  stripeRecords: "Stripe による支払いは、手動ではなく Stripe の Webhook によって記録されます。",
  requestedOnly:
    "支払いを受けられるのは請求済みのトランシェのみです（このトランシェは「$t(vocabulary.trancheStatus.{{status}})」です）。",
  paymentFuture: "支払日を将来の日付にすることはできません。",
  paymentTooMuch: "支払額が、このトランシェの未払い額を超えています。",
  readOnly:
    "このパートナーシップのサブスクリプションは失効しています。事務局が更新するまで、Lodestone は読み取り専用です。",
  noReferenceFigures:
    "参照データには、比較に用いる$t(vocabulary.mineral.{{mineral}})（$t(vocabulary.supplyStage.{{stage}})）の数値がありません。",
  referenceGivesQuantities:
    "参照データには$t(vocabulary.mineral.{{mineral}})（$t(vocabulary.supplyStage.{{stage}})）の国別数量があるため、世界合計はその合計値です。",
  itemNotFound: "この項目は見つかりませんでした。",
  itemTransition:
    "提供・要請を「$t(sharing.technologyStatus.{{from}})」から「$t(sharing.technologyStatus.{{to}})」に変更することはできません。",
  itemContact: "連絡担当者は、項目を所有する政府の在任中の代表である必要があります。",
  offerNotFound: "この提供・要請は見つかりませんでした。",
  interestInTechnology: "関心は技術の提供・要請に対して表明します。",
  itemClosed: "この項目は終了しているため、関心表明を受け付けません。",
  interestTransition:
    "関心表明を「$t(sharing.interestStatus.{{from}})」から「$t(sharing.interestStatus.{{to}})」に変更することはできません。",
  termsWithAgreement: "条件と日付は合意とともに記録されます。",
  agreementNeedsTerms: "合意には、条件の概要と合意日を記録します。",
  ownerMovesInterest:
    "このやり取りを進められるのは項目を所有する政府のみです。関心を取り下げることはできます。",
  actionNotFound: "この各国の取組は見つかりませんでした。",
};
