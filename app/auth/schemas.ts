/* Form schemas of sign-in, password reset and invitations, shared by browser and server. */
import { z } from "zod";
import { ROLES } from "~/domain/permissions";
import { INPUT_MESSAGES } from "~/forms/messages";
import { email as emailAddress, optionalUuid, returnPath } from "~/forms/values";

export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 200;

const email = emailAddress({
  empty: "Enter an e-mail address.",
  invalid: "Enter an e-mail address like name@ministry.gov.",
});

const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

/** A password typed at sign-in or again to confirm: never longer than a new one may be. */
const typedPassword = z
  .string()
  .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`);

export const SignInSchema = z.object({
  email,
  password: typedPassword.min(1, "Enter your password."),
  redirectTo: returnPath,
});

export const ForgotPasswordSchema = z.object({ email });

const passwordsMatch = {
  check: (values: { password: string; confirmPassword: string }) =>
    values.password === values.confirmPassword,
  params: { path: ["confirmPassword"], message: "The two passwords differ." },
};

export const AcceptInvitationSchema = z
  .object({ password: newPassword, confirmPassword: typedPassword })
  .refine(passwordsMatch.check, passwordsMatch.params);

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
    role: z.enum(ROLES, "Choose a role."),
    memberId: optionalUuid("Choose the government they represent."),
    sponsorOrganisationId: optionalUuid("Choose the sponsor organisation they work for."),
  })
  .superRefine((values, ctx) => {
    if (values.role === "delegate" && !values.memberId) {
      ctx.addIssue({
        code: "custom",
        path: ["memberId"],
        message: "Choose the government they represent.",
      });
    }
    if (values.role === "sponsor" && !values.sponsorOrganisationId) {
      ctx.addIssue({
        code: "custom",
        path: ["sponsorOrganisationId"],
        message: "Choose the sponsor organisation they work for.",
      });
    }
  })
  .transform((values) => ({
    ...values,
    memberId: values.role === "delegate" ? values.memberId : undefined,
    sponsorOrganisationId: values.role === "sponsor" ? values.sponsorOrganisationId : undefined,
  }));
