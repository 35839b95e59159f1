/* ほかの処理より先に拒否される入力（app/forms/messages.ts、ADR 067）。 */
export const input = {
  notAForm:
    "Webフォーム（application/x-www-form-urlencoded または multipart/form-data）として送信してください。何も保存されていません。",
  brokenForm:
    "フォームを読み取れませんでした。本文が正しい形式のフォームではありません。何も保存されていません。",
  nulInValue: "NUL文字（\\0）を削除してください。どの項目にも使用できません。",
  nulInName:
    "項目名にNUL文字（\\0）が含まれていますが、Lodestoneにそのようなフォームはありません。何も保存されていません。",
  chooseFromList: "一覧から選んでください。",
  dateFormat: "日付はYYYY-MM-DDの形式で入力してください（例：2027-03-31）。",
  dateExists: "その日付は存在しません。日と月を確認してください。",
  dateRange: "{{min}}から{{max}}までの日付を入力してください。",
  wholeNumber: "整数を入力してください。",
  wholeNumberRange: "{{min, number}}から{{max, number}}までの整数を入力してください。",
  version: "このフォームは古いか破損しています。ページを再読み込みして、もう一度変更してください。",
  emailTooLong: "メールアドレスは254文字以内です。",
  returnPath:
    "このフォームの戻り先アドレスが不正です。Lodestoneのメニューからページを開き直してください。",
  resetTokenMissing: "このアドレスにはリセット用トークンがありません。",
  resetTokenMalformed: "このリセット用リンクは不正です。新しいリンクを請求してください。",
  chooseAction: "操作を選んでください。",
  choosePaymentAction: "送金を記録するか、請求書を発行するかを選んでください。",
  chooseWorldTotalAction: "世界全体の合計を保存するか削除するかを選んでください。",
  chooseRatesAction: "操作を選んでください：レートを追加するか、ファイルをアップロードします。",
  notFound: "見つかりません。このアドレスはLodestoneのどこも指していません。",
  valueNotStorable:
    "リクエスト内の値を保存できません（{{detail}}）。何も保存されていません。フォームを確認して、もう一度送信してください。",
};
