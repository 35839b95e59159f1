/* ディスカッション、文書、通知、ダイジェスト（issue 14）。 */
export const collaboration = {
  refusals: {
    commentNotFound: "そのコメントは見つかりません。",
    deletedComment: "削除されたコメントは変更できません。",
    mentionOutsider:
      "メンションされた人はこのコメントの対象を閲覧できないため、メンションできません。",
  },
};
