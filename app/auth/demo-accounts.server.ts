/* The demo partnership's people (supabase/seed.sql), listed on the sign-in page in the embedded demo only. */
import type { MessageKey } from "~/i18n/message";

export const DEMO_PASSWORD = "lodestone-demo";

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; role: MessageKey }> = [
  { email: "secretariat@demo.lodestone.example", role: "auth.demo.secretariat" },
  { email: "delegate.jp@demo.lodestone.example", role: "auth.demo.delegateJp" },
  { email: "delegate.au@demo.lodestone.example", role: "auth.demo.delegateAu" },
  { email: "delegate.us@demo.lodestone.example", role: "auth.demo.delegateUs" },
  { email: "sponsor@demo.lodestone.example", role: "auth.demo.sponsor" },
  { email: "observer@demo.lodestone.example", role: "auth.demo.observer" },
  { email: "two.hats@demo.lodestone.example", role: "auth.demo.twoHats" },
];
