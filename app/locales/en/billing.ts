export const billing = {
  readOnly:
    "This partnership’s subscription has lapsed: Lodestone is read-only until the secretariat renews it.",
};
