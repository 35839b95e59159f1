export const billing = {
  readOnly:
    "L’abonnement de ce partenariat a expiré : Lodestone est en lecture seule jusqu’à ce que le secrétariat le renouvelle.",
};
