/*
 * The seed's demo accounts (supabase/seed.sql) by the role a test needs, and where each one's signed-in session
 * is kept for the run. tests/e2e/sessions.setup.ts signs each in once; the fixtures open pages and API contexts
 * from these files instead of signing in again in every test.
 */
import path from "node:path";

export const DEMO_PASSWORD = "lodestone-demo";

export const ACCOUNTS = {
  secretariat: "secretariat@demo.lodestone.example",
  delegateJP: "delegate.jp@demo.lodestone.example",
  delegateAU: "delegate.au@demo.lodestone.example",
  delegateUS: "delegate.us@demo.lodestone.example",
  sponsor: "sponsor@demo.lodestone.example",
  observer: "observer@demo.lodestone.example",
  twoHats: "two.hats@demo.lodestone.example",
  pacificSecretariat: "secretariat@pacific.lodestone.example",
} as const;

export type Role = keyof typeof ACCOUNTS;

export const ROLES = Object.keys(ACCOUNTS) as Role[];

/** The stored session (Playwright storage state) of a demo account, written by the setup project. */
export function sessionFile(role: Role): string {
  return path.resolve("test-results", ".sessions", `${role}.json`);
}
