/* Discussions, documents, notifications and digests (issue 14; docs/decisions/140-*.md to 145-*.md). */
export const collaboration = {
  refusals: {
    commentNotFound: "That comment was not found.",
    deletedComment: "A deleted comment cannot change.",
    mentionOutsider:
      "The person mentioned cannot see what this comment is about, so they cannot be mentioned.",
  },
};
