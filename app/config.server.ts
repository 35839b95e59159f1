import path from "node:path";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: z.url().optional(),
    TRUST_PROXY: z.enum(["true", "false"]).default("false"),
    DATABASE_URL: z
      .string()
      .trim()
      .transform((value) => value || undefined)
      .pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional())
      .optional(),
    DATA_DIR: z.string().min(1).default(".data"),
    SEED_DEMO_DATA: z.enum(["true", "false"]).default("true"),
    AUTH_MODE: z.enum(["local", "supabase"]).default("local"),
    JWT_SECRET: optionalText.pipe(z.string().min(32).optional()),
    SUPABASE_URL: optionalText.pipe(z.url().optional()),
    SUPABASE_ANON_KEY: optionalText,
    SUPABASE_SERVICE_ROLE_KEY: optionalText,
    STRIPE_SECRET_KEY: optionalText,
    STRIPE_WEBHOOK_SECRET: optionalText,
    STRIPE_PRICE_ID: optionalText,
    // Where the Stripe client sends API calls (default Stripe's own https://api.stripe.com): a local fixture
    // server in tests, or stripe-mock.
    STRIPE_API_BASE: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  })
  .superRefine((config, ctx) => {
    if (config.AUTH_MODE === "supabase") {
      for (const key of ["SUPABASE_URL", "SUPABASE_ANON_KEY", "JWT_SECRET"] as const) {
        if (!config[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required when AUTH_MODE=supabase",
          });
        }
      }
    }
  });

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string };

/** The embedded demo: PGlite with the demo partnership and local sign-in, where demo passwords may be shown. */
export function isEmbeddedDemo(config: Config): boolean {
  return !config.DATABASE_URL && config.SEED_DEMO_DATA === "true" && config.AUTH_MODE === "local";
}

export class ConfigError extends Error {}

/** Parses the environment; the error names every missing or malformed variable. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(environment)"}: ${issue.message}`,
    );
    throw new ConfigError(`Lodestone cannot start: check these variables\n${problems.join("\n")}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}

let cached: Config | undefined;
export function getConfig(): Config {
  cached ??= parseConfig();
  return cached;
}
