/* Form schemas of sign-in, password reset and invitations, shared by browser and server. */
import { z } from "zod";
import { ROLES } from "~/domain/permissions";
import { INPUT_MESSAGES } from "~/forms/messages";
import { email as emailAddress, optionalUuid, returnPath } from "~/forms/values";
import { LANGUAGES } from "~/i18n/config";
import { msg } from "~/i18n/message";

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;

const email = emailAddress({
  empty: msg("auth.schema.email"),
  invalid: msg("validation.email"),
});

const tooLong = msg("validation.tooLong", {
  count: MAX_PASSWORD_LENGTH,
  max: MAX_PASSWORD_LENGTH,
});

const newPassword = z
  .string()
  .min(
    MIN_PASSWORD_LENGTH,
    msg("validation.tooShort", { count: MIN_PASSWORD_LENGTH, min: MIN_PASSWORD_LENGTH }),
  )
  .max(MAX_PASSWORD_LENGTH, tooLong);

/** A password typed at sign-in or again to confirm: never longer than a new one may be. */
const typedPassword = z.string().max(MAX_PASSWORD_LENGTH, tooLong);

export const SignInSchema = z.object({
  email,
  password: typedPassword.min(1, msg("auth.schema.password")),
  redirectTo: returnPath,
});

export const ForgotPasswordSchema = z.object({ email });

const passwordsMatch = {
  check: (values: { password: string; confirmPassword: string }) =>
    values.password === values.confirmPassword,
  params: { path: ["confirmPassword"], message: msg("auth.schema.passwordsDiffer") },
};

/** A person's name as colleagues read it, and their organisation (ADR 092). */
export const displayName = z
  .string()
  .trim()
  .min(1, msg("auth.schema.displayName"))
  .max(120, msg("validation.tooLong", { count: 120, max: 120 }));
export const organisation = z
  .string()
  .trim()
  .max(160, msg("validation.tooLong", { count: 160, max: 160 }))
  .optional()
  .default("");

export const AcceptInvitationSchema = z
  .object({ displayName, organisation, password: newPassword, confirmPassword: typedPassword })
  .refine(passwordsMatch.check, passwordsMatch.params);

/** Accepting while signed in: the name and organisation only. */
export const JoinSchema = z.object({ displayName, organisation });

export const ProfileSchema = z.object({
  displayName,
  organisation,
  language: z.union([z.enum(LANGUAGES), z.literal("")]).default(""),
});

export const ResetPasswordSchema = z
  .object({
    // The link's single-use token (43 characters of base64url; Supabase's token hashes are longer).
    token: z
      .string()
      .min(1, INPUT_MESSAGES.resetTokenMissing)
      .max(200, INPUT_MESSAGES.resetTokenMalformed),
    password: newPassword,
    confirmPassword: typedPassword,
  })
  .refine(passwordsMatch.check, passwordsMatch.params);

export const InviteSchema = z
  .object({
    email,
    role: z.enum(ROLES, msg("people.schema.role")),
    memberId: optionalUuid(msg("auth.schema.government")),
    sponsorOrganisationId: optionalUuid(msg("auth.schema.sponsorOrganisation")),
    /** The language of the invitation mail: the invitee has no profile yet. */
    language: z.enum(LANGUAGES).default("en"),
  })
  .superRefine((values, ctx) => {
    if (values.role === "delegate" && !values.memberId) {
      ctx.addIssue({
        code: "custom",
        path: ["memberId"],
        message: msg("auth.schema.government"),
      });
    }
    if (values.role === "sponsor" && !values.sponsorOrganisationId) {
      ctx.addIssue({
        code: "custom",
        path: ["sponsorOrganisationId"],
        message: msg("auth.schema.sponsorOrganisation"),
      });
    }
  })
  .transform((values) => ({
    ...values,
    memberId: values.role === "delegate" ? values.memberId : undefined,
    sponsorOrganisationId: values.role === "sponsor" ? values.sponsorOrganisationId : undefined,
  }));
