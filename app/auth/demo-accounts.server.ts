/* The demo partnership's people (supabase/seed.sql), listed on the sign-in page in the embedded demo only. */
export const DEMO_PASSWORD = "lodestone-demo";

export const DEMO_ACCOUNTS = [
  {
    email: "secretariat@demo.lodestone.example",
    role: "Secretariat, Critical Minerals Ministerial",
  },
  { email: "delegate.jp@demo.lodestone.example", role: "Delegate of Japan" },
  { email: "delegate.au@demo.lodestone.example", role: "Delegate of Australia" },
  { email: "delegate.us@demo.lodestone.example", role: "Delegate of the United States" },
  { email: "sponsor@demo.lodestone.example", role: "Project sponsor" },
  { email: "observer@demo.lodestone.example", role: "Observer" },
  {
    email: "two.hats@demo.lodestone.example",
    role: "Delegate of Canada; secretariat of a second partnership",
  },
] as const;
