/* Every test process loads zod's catalogue messages, as both entries of the app do (app/i18n/zod-messages.ts). */
import "~/i18n/zod-messages";
