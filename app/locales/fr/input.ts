/* Saisies refusées avant tout autre examen (app/forms/messages.ts, ADR 067). */
export const input = {
  notAForm:
    "Envoyez ceci sous forme de formulaire web (application/x-www-form-urlencoded ou multipart/form-data) : rien n’a été enregistré.",
  brokenForm:
    "Le formulaire n’a pas pu être lu : son contenu n’est pas un formulaire bien formé. Rien n’a été enregistré.",
  nulInValue: "Supprimez le caractère NUL (\\0) : aucun champ ne l’accepte.",
  nulInName:
    "Le nom d’un champ contient un caractère NUL (\\0), ce qu’aucun formulaire de Lodestone ne comporte. Rien n’a été enregistré.",
  chooseFromList: "Choisissez un élément de la liste.",
  dateFormat: "Saisissez la date au format AAAA-MM-JJ, par exemple 2027-03-31.",
  dateExists: "Cette date n’existe pas : vérifiez le jour et le mois.",
  dateRange: "Saisissez une date comprise entre le {{min}} et le {{max}}.",
  wholeNumber: "Saisissez un nombre entier.",
  wholeNumberRange: "Saisissez un nombre entier compris entre {{min, number}} et {{max, number}}.",
  version: "Ce formulaire est périmé ou endommagé : rechargez la page et refaites la modification.",
  emailTooLong: "Une adresse électronique comporte au plus 254 caractères.",
  returnPath:
    "L’adresse de retour de ce formulaire est mal formée : rouvrez la page depuis le menu de Lodestone.",
  resetTokenMissing: "Cette adresse ne comporte pas de jeton de réinitialisation.",
  resetTokenMalformed: "Ce lien de réinitialisation est mal formé : demandez-en un nouveau.",
  chooseAction: "Choisissez l’action à effectuer.",
  choosePaymentAction: "Choisissez d’enregistrer un virement ou d’émettre une facture.",
  chooseWorldTotalAction: "Choisissez d’enregistrer ou de supprimer le total mondial.",
  chooseRatesAction: "Choisissez l’action : ajouter un taux ou téléverser un fichier.",
  notFound: "Introuvable : cette adresse ne désigne rien dans Lodestone.",
  valueNotStorable:
    "Une valeur de la requête ne peut pas être enregistrée ({{detail}}). Rien n’a été enregistré : vérifiez le formulaire et renvoyez-le.",
};
