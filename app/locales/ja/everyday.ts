/* 日常の利用（issue 12）：確定前の編集、確認、マイルストーンに依存する資金、小さな画面、進行表示。 */
export const everyday = {
  db: {
    registrationFixed:
      "プロジェクトの登録内容は提出後は変更できません（このプロジェクトは「$t(vocabulary.projectStatus.{{status}})」です）。",
    undoWindow: "決定を取り消せるのは決定から15分以内です。",
    pledgeSinceDecision: "決定後に拠出が確定されたため、決定は維持されます。",
    cancelledTranche: "取り消されたトランシェは変更できません。",
    cancelByWithdrawing: "トランシェは拠出の撤回によって取り消されます。",
    cancelWithdrawnOnly: "取り消されるのは撤回された拠出のトランシェのみです。",
  },
  edit: {
    projectTitle: "「{{name}}」を修正",
    projectLead:
      "生産品目を含め、登録内容のどこでも変更できます。保存するまでプロジェクトは変わりません。",
    editProject: "登録内容を修正",
    save: "変更を保存",
    saving: "保存中…",
    saveAndSubmit: "保存して審査に提出",
    saveAndResubmit: "保存して再提出",
    submitting: "提出中…",
    saved: "登録内容の変更を保存しました。",
    resubmitted: "修正したプロジェクトを事務局の審査に送りました。",
    staleProject:
      "編集中に他の人がこのプロジェクトを変更しました（現在のバージョンは{{version}}）。入力内容は下に残っています。現在のプロジェクトと照らし合わせて、もう一度保存してください。",
    projectNotEditable:
      "修正できるのは下書きか却下されたプロジェクトだけです。このプロジェクトは審査中か決定済みです。",
    pledgeTitle: "{{project}}への拠出の下書きを編集",
    pledgeLead:
      "下書きの間は条件とトランシェを変更できます。確定後は金額のみ、修正によって変更できます。",
    editPledge: "条件を編集",
    pledgeSaved: "拠出の下書きを保存しました。",
    stalePledge:
      "編集中に他の人がこの拠出を変更しました（現在のバージョンは{{version}}）。入力内容は下に残っています。確認して、もう一度保存してください。",
    pledgeNotDraft:
      "条件を編集できるのは下書きの拠出だけです。確定した拠出は修正によって変更します。",
    backToProject: "プロジェクトに戻る",
    backToPledge: "拠出に戻る",
  },
  confirm: {
    title: "確認してください",
    back: "戻る",
    approve:
      "「{{name}}」を承認しますか？関係者にすぐ通知され、各国政府が拠出を確定できるようになります。",
    approveButton: "承認",
    reject: "入力した理由で「{{name}}」を却下しますか？登録した政府は修正して再提出できます。",
    rejectButton: "却下",
    undoNote: "拠出が確定されるまでの間、15分以内であれば決定を取り消せます。",
    commit:
      "「{{project}}」に{{amount}}を確定しますか？すべてのパートナーにすぐ表示され、条件は固定されます。後から変更できるのは金額のみで、修正によります。",
    commitButton: "確定",
    withdraw:
      "{{amount}}のこの拠出を撤回しますか？元に戻せません。未払いのトランシェは取り消され、すべてのパートナーに撤回とその理由が表示されます。",
    withdrawButton: "撤回",
    cancelProject:
      "「{{name}}」を中止しますか？元に戻せません。プロジェクトはボードから外れ、拠出を確定できなくなります。",
    cancelProjectButton: "プロジェクトを中止",
    revoke:
      "{{name}}のアクセスを取り消しますか？すぐにサインアウトされます。後で再び招待できます。",
    revokeButton: "取り消す",
    cancelInvitation:
      "{{email}}への招待を取り消しますか？リンクは使えなくなります。再び招待できます。",
    cancelInvitationButton: "招待を取り消す",
  },
  undo: {
    takeBack: "決定を取り消す",
    takenBack: "決定を取り消しました。「{{name}}」は再び審査待ちです。",
    until: "{{time}}まではこの決定を取り消せます。",
    decidedBy: "{{when}}に{{who}}が決定。",
    someone: "事務局のメンバー",
  },
  release: {
    part: "{{government}}の拠出から{{amount}}",
    sentence: "これにより{{parts}}が請求されます。",
    cardBadge: "{{amount}}を拠出",
    title: "「{{title}}」を完了にする",
    evidenceLead: "このマイルストーンには資金がかかっています。完了を示すものを記入してください。",
    note: "証拠",
    noteHint: "何が納品され、どのように確認できるか。",
    link: "証拠へのリンク",
    confirmButton: "完了にして資金を請求",
    plainConfirm: "完了にする",
  },
  evidence: {
    required:
      "このマイルストーンには資金がかかっています。完了にするには証拠（メモと、あればリンク）が必要です。",
  },
  locked: {
    done: "完了・ロック済み：このマイルストーンはすでに資金を拠出している可能性があるため、再開できるのは事務局だけです。{{who}}にお問い合わせください。",
    cancelled: "中止・ロック済み：再開できるのは事務局だけです。{{who}}にお問い合わせください。",
    theSecretariat: "事務局",
  },
  tranche: {
    overdue: "期限超過",
    overdueSince: "{{day}}から期限超過",
    cancelled: "拠出とともに取り消し",
    viewPledge: "拠出を見る",
    noAction: "操作なし",
    recordTransfer: "振込を記録",
    openInvoice: "請求書を開く",
  },
  layout: {
    menu: "メニュー",
    closeMenu: "メニューを閉じる",
    loading: "読み込み中…",
    onThisPage: "このページの内容",
    column: "列",
    showColumn: "列を表示",
  },
};
