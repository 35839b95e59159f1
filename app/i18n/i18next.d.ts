/* Catalogue keys are typed: `t("…")` and `msg("…")` with a key the English catalogue lacks do not compile. */
import "i18next";
import type { Catalogue } from "~/locales/en";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Catalogue };
    returnNull: false;
  }
}
