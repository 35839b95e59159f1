import path from "node:path";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((value) => value || undefined)
  .optional();

const postgresUrl = optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional());
/** A whole number of milliseconds; 0 turns the warning or the wait off. */
const milliseconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: optionalText.pipe(z.url().optional()),
    TRUST_PROXY: z.enum(["true", "false"]).default("false"),
    DATABASE_URL: postgresUrl,
    // A connection that keeps its session (the database itself, or a session-mode pooler), for what needs one:
    // LISTEN for the live board, migrations, backups (a job queue's listener, when there is one). Empty = DATABASE_URL is used for those.
    DIRECT_URL: postgresUrl,
    DATA_DIR: z.string().min(1).default(".data"),
    SEED_DEMO_DATA: z.enum(["true", "false"]).default("true"),
    // Where the embedded database runs PGlite: "worker" (its own thread) or "main" (the server's thread);
    // unset, the engine's default (DEFAULT_EMBEDDED_THREAD in app/db/engine.server.ts, ADR 156).
    EMBEDDED_THREAD: optionalText.pipe(z.enum(["worker", "main"]).optional()),
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
    // The SMTP server local sign-in sends its mail through (invitations, password resets):
    // smtp://user:password@host:587 (STARTTLS when the server offers it) or smtps://…:465 (TLS).
    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
    // The sender of that mail, e.g. "Lodestone <no-reply@ministry.example>".
    MAIL_FROM: optionalText,
    // Where jobs (notification mail, digests, overdue checks) run (ADR 141): in this process, or in
    // `npm run worker` processes (PostgreSQL only: the embedded database admits one process), or nowhere.
    JOBS: z.enum(["in-process", "worker", "off"]).default("in-process"),
    // Where documents' bytes are kept (ADR 143): a folder under DATA_DIR, or Supabase Storage.
    STORAGE: z.enum(["local", "supabase"]).default("local"),
    STORAGE_BUCKET: z.string().trim().min(1).default("documents"),
    // The largest document accepted, in megabytes.
    UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(500).default(25),
    // Logs: one JSON object per line (pino), or readable lines; pretty by default only in development.
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    LOG_FORMAT: optionalText.pipe(z.enum(["json", "pretty"]).optional()),
    // A request or a database statement slower than this is logged as a warning.
    SLOW_REQUEST_MS: milliseconds(1000),
    SLOW_STATEMENT_MS: milliseconds(250),
    // After SIGTERM, how long the server still accepts connections, answering /readyz with 503, so a load
    // balancer that probes it stops sending traffic first (0: stop accepting at once).
    SHUTDOWN_DELAY_MS: milliseconds(0),
    // Then how long requests in flight may take to finish before the server closes them.
    SHUTDOWN_TIMEOUT_MS: milliseconds(10_000),
  })
  .superRefine((config, ctx) => {
    if (config.DIRECT_URL && !config.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DIRECT_URL"],
        message: "is set without DATABASE_URL (the embedded database needs neither)",
      });
    }
    if (config.SMTP_URL && !config.MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required with SMTP_URL" });
    }
    // Outside the embedded demo and development, local sign-in mails real people: no outbox to fall back on.
    if (
      config.NODE_ENV === "production" &&
      config.AUTH_MODE === "local" &&
      !config.SMTP_URL &&
      !isEmbeddedDemo(config)
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message:
          "is required when NODE_ENV=production with AUTH_MODE=local (only the embedded demo keeps mail in an outbox)",
      });
    }
    if (config.STORAGE === "supabase") {
      for (const key of ["SUPABASE_URL", "SUPABASE_SERVICE_ROLE_KEY"] as const) {
        if (!config[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: "is required when STORAGE=supabase",
          });
        }
      }
    }
    if (config.JOBS === "worker" && !config.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["JOBS"],
        message:
          "worker needs DATABASE_URL: the embedded database runs its jobs in the server process",
      });
    }
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

export type Config = z.infer<typeof ConfigSchema> & {
  dataDir: string;
  logFormat: "json" | "pretty";
};

/** The embedded demo: PGlite with the demo partnership and local sign-in, where demo passwords may be shown. */
export function isEmbeddedDemo(
  config: Pick<Config, "DATABASE_URL" | "SEED_DEMO_DATA" | "AUTH_MODE">,
): boolean {
  return !config.DATABASE_URL && config.SEED_DEMO_DATA === "true" && config.AUTH_MODE === "local";
}

/**
 * Where local sign-in's mail goes: through SMTP when SMTP_URL is set; otherwise into the outbox shown at
 * /dev/outbox, which exists only in the embedded demo and in development (parseConfig refuses production
 * local sign-in without SMTP). With Supabase Auth, Supabase sends the mail and there is no outbox.
 */
export function mailDelivery(config: Config): "smtp" | "outbox" | "supabase" {
  if (config.AUTH_MODE === "supabase") return "supabase";
  if (config.SMTP_URL) return "smtp";
  if (isEmbeddedDemo(config) || config.NODE_ENV !== "production") return "outbox";
  throw new ConfigError("SMTP_URL is required when NODE_ENV=production with AUTH_MODE=local.");
}

/**
 * Where notification mail goes (ADR 141): SMTP when SMTP_URL is set, else the outbox in development and the
 * embedded demo, else nowhere (the inbox still shows everything). Supabase Auth's own mail is for sign-in only.
 */
export function notificationDelivery(config: Config): "smtp" | "outbox" | "none" {
  if (config.SMTP_URL) return "smtp";
  if (isEmbeddedDemo(config) || config.NODE_ENV !== "production") return "outbox";
  return "none";
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
  return {
    ...result.data,
    dataDir: path.resolve(result.data.DATA_DIR),
    logFormat:
      result.data.LOG_FORMAT ?? (result.data.NODE_ENV === "development" ? "pretty" : "json"),
  };
}

let cached: Config | undefined;
export function getConfig(): Config {
  cached ??= parseConfig();
  return cached;
}
