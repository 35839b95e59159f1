import type { Claims } from "~/db/rls.server";
import type { Role } from "~/domain/permissions";
import type { Language } from "~/i18n/config";

/** The identity port. Both adapters produce the same claims, so row-level security cannot tell them apart. */
export interface AuthAdapter {
  readonly mode: "local" | "supabase";
  /** The verified claims of the request's session (refreshing an expired access token), and cookies to set. */
  getClaims(request: Request): Promise<{ claims: Claims | null; headers: Headers }>;
  /** Checks the password; on success the headers carry the new session cookie. */
  signInWithPassword(
    request: Request,
    email: string,
    password: string,
  ): Promise<{ ok: true; claims: Claims; headers: Headers } | { ok: false }>;
  signOut(request: Request): Promise<Headers>;
  /** Sends a password-reset link to the address if it has an account; silent otherwise. */
  sendPasswordReset(email: string, origin: string, language: Language): Promise<void>;
  /**
   * Sets a new password from a reset link's token, ends the user's other sessions and signs them in. A refusal
   * says why as a message (app/i18n/message.ts).
   */
  resetPassword(
    request: Request,
    token: string,
    password: string,
  ): Promise<{ ok: true; headers: Headers } | { ok: false; message: string }>;
  /** Creates a confirmed account with a password (an invitee who had none). */
  createUser(email: string, password: string): Promise<string>;
  /** Sets the first password of an account created by an invitation mail (Supabase's invite). */
  setPassword(userId: string, password: string): Promise<void>;
  /** Tells an invitee about their invitation link: by e-mail, or in the app when the mail cannot carry it. */
  sendInvitation(invitation: InvitationMail): Promise<void>;
}

export interface InvitationMail {
  email: string;
  link: string;
  partnershipName: string;
  role: Role;
  hasAccount: boolean;
  /** The language the mail is written in (chosen by the secretariat: the invitee has no profile yet). */
  language: Language;
}
