/* Discussions, documents, notifications et résumés (issue 14). */
export const collaboration = {
  refusals: {
    commentNotFound: "Ce commentaire est introuvable.",
    deletedComment: "Un commentaire supprimé ne peut plus changer.",
    mentionOutsider:
      "La personne mentionnée ne peut pas voir l’objet de ce commentaire : elle ne peut donc pas être mentionnée.",
  },
};
