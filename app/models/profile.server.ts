/*
 * The signed-in person's own profile (ADR 092): their name, organisation and language, read and changed under
 * row-level security (each person updates their own row, three columns). The e-mail address is the auth
 * server's and only read here.
 */
import { myContext, type SignedInUser } from "~/auth/auth.server";
import type { Language } from "~/i18n/config";

export interface Profile {
  email: string;
  displayName: string | null;
  organisation: string | null;
  language: Language | null;
}

/** Read with the user's memberships, in the request's one context statement (ADR 164). */
export async function getProfile(user: SignedInUser): Promise<Profile> {
  const { profile } = await myContext(user);
  return profile ?? { email: user.email, displayName: null, organisation: null, language: null };
}

export interface ProfileInput {
  displayName: string;
  organisation: string;
  language: Language | null;
}

export async function updateProfile(user: SignedInUser, input: ProfileInput): Promise<void> {
  await user.db((tx) =>
    tx.query(
      `update public.profiles set display_name = $2, organisation = $3, language = $4 where id = $1`,
      [user.id, input.displayName, input.organisation || null, input.language],
    ),
  );
}

/** The language the person reads Lodestone in (the switcher). */
export async function setLanguage(user: SignedInUser, language: Language): Promise<void> {
  await user.db((tx) =>
    tx.query("update public.profiles set language = $2 where id = $1", [user.id, language]),
  );
}
