/* Form schemas of sign-in, password reset and invitations, shared by browser and server. */
import { z } from "zod";
import { ROLES } from "~/domain/permissions";

export const MIN_PASSWORD_LENGTH = 12;

const email = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter an e-mail address.")
  .pipe(z.email("Enter an e-mail address like name@ministry.gov."));

const newPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
  .max(200, "Use at most 200 characters.");

export const SignInSchema = z.object({
  email,
  password: z.string().min(1, "Enter your password."),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

const passwordsMatch = {
  check: (values: { password: string; confirmPassword: string }) =>
    values.password === values.confirmPassword,
  params: { path: ["confirmPassword"], message: "The two passwords differ." },
};

export const AcceptInvitationSchema = z
  .object({ password: newPassword, confirmPassword: z.string() })
  .refine(passwordsMatch.check, passwordsMatch.params);

export const ResetPasswordSchema = z
  .object({ token: z.string().min(1), password: newPassword, confirmPassword: z.string() })
  .refine(passwordsMatch.check, passwordsMatch.params);

export const InviteSchema = z
  .object({
    email,
    role: z.enum(ROLES, "Choose a role."),
    memberId: z.string().optional(),
    sponsorOrganisationId: z.string().optional(),
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
