import { readFileSync } from "node:fs";
import { parse } from "dotenv";
import { ConfigError, isEmbeddedDemo, mailDelivery, parseConfig } from "~/config.server";

describe("parseConfig", () => {
  it("defaults to the embedded database in .data with local auth", () => {
    const config = parseConfig({});
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.dataDir).toMatch(/\.data$/);
    expect(config.AUTH_MODE).toBe("local");
    expect(config.PORT).toBe(3000);
  });

  it("accepts a PostgreSQL DATABASE_URL and treats an empty one as unset", () => {
    expect(parseConfig({ DATABASE_URL: "postgres://u:p@db:5432/x" }).DATABASE_URL).toBe(
      "postgres://u:p@db:5432/x",
    );
    expect(parseConfig({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
  });

  it("takes where the embedded engine runs PGlite, an empty value leaving it to the engine's default", () => {
    expect(parseConfig({ EMBEDDED_THREAD: "main" }).EMBEDDED_THREAD).toBe("main");
    expect(parseConfig({ EMBEDDED_THREAD: "worker" }).EMBEDDED_THREAD).toBe("worker");
    expect(parseConfig({ EMBEDDED_THREAD: "" }).EMBEDDED_THREAD).toBeUndefined();
    expect(() => parseConfig({ EMBEDDED_THREAD: "threads" })).toThrow(/EMBEDDED_THREAD/);
  });

  it("names a malformed variable", () => {
    expect(() => parseConfig({ DATABASE_URL: "mysql://db/x" })).toThrow(ConfigError);
    expect(() => parseConfig({ DATABASE_URL: "mysql://db/x" })).toThrow(/DATABASE_URL/);
    expect(() => parseConfig({ PORT: "eighty" })).toThrow(/PORT/);
  });

  it("names every variable Supabase Auth needs when it is missing", () => {
    const attempt = () =>
      parseConfig({ AUTH_MODE: "supabase", SUPABASE_URL: "https://x.supabase.co" });
    expect(attempt).toThrow(/SUPABASE_ANON_KEY: is required when AUTH_MODE=supabase/);
    expect(attempt).toThrow(/JWT_SECRET: is required when AUTH_MODE=supabase/);
    expect(attempt).not.toThrow(/SUPABASE_URL:/);
  });

  it("rejects a JWT secret too short to be safe", () => {
    expect(() => parseConfig({ JWT_SECRET: "short" })).toThrow(/JWT_SECRET/);
  });

  it("refuses to start local sign-in in production on a real database without an SMTP server", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db:5432/x" };
    expect(() => parseConfig(production)).toThrow(/SMTP_URL: is required when NODE_ENV=production/);
    expect(() => parseConfig({ NODE_ENV: "production", SEED_DEMO_DATA: "false" })).toThrow(
      /SMTP_URL/,
    );
    expect(() => parseConfig({ ...production, SMTP_URL: "smtp://mail:25" })).toThrow(
      /MAIL_FROM: is required with SMTP_URL/,
    );
    expect(() => parseConfig({ ...production, SMTP_URL: "http://mail:25" })).toThrow(/SMTP_URL/);
    const withSmtp = parseConfig({
      ...production,
      SMTP_URL: "smtps://user:secret@mail.example:465",
      MAIL_FROM: "Lodestone <no-reply@example.org>",
    });
    expect(mailDelivery(withSmtp)).toBe("smtp");
  });

  it("keeps the outbox to the embedded demo and development, never production on a real database", () => {
    expect(mailDelivery(parseConfig({ NODE_ENV: "production" }))).toBe("outbox");
    expect(
      mailDelivery(
        parseConfig({ NODE_ENV: "development", DATABASE_URL: "postgres://u:p@db:5432/x" }),
      ),
    ).toBe("outbox");
    const supabase = parseConfig({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://u:p@db:5432/x",
      AUTH_MODE: "supabase",
      SUPABASE_URL: "https://x.supabase.co",
      SUPABASE_ANON_KEY: "anon",
      JWT_SECRET: "a-jwt-secret-that-is-long-enough-for-hs256",
    });
    expect(mailDelivery(supabase)).toBe("supabase");
  });

  it("takes DIRECT_URL only beside a DATABASE_URL", () => {
    const both = parseConfig({
      DATABASE_URL: "postgres://u:p@pooler:6543/x",
      DIRECT_URL: "postgres://u:p@db:5432/x",
    });
    expect(both.DIRECT_URL).toBe("postgres://u:p@db:5432/x");
    expect(() => parseConfig({ DIRECT_URL: "postgres://u:p@db:5432/x" })).toThrow(
      /DIRECT_URL: is set without DATABASE_URL/,
    );
    expect(() =>
      parseConfig({ DATABASE_URL: "postgres://u:p@db/x", DIRECT_URL: "http://db" }),
    ).toThrow(/DIRECT_URL/);
  });

  it("logs JSON except in development, at the level and thresholds asked for", () => {
    expect(parseConfig({}).logFormat).toBe("pretty");
    expect(parseConfig({ NODE_ENV: "production" }).logFormat).toBe("json");
    expect(parseConfig({ LOG_FORMAT: "json" }).logFormat).toBe("json");
    const config = parseConfig({
      LOG_LEVEL: "warn",
      SLOW_REQUEST_MS: "500",
      SLOW_STATEMENT_MS: "0",
    });
    expect([config.LOG_LEVEL, config.SLOW_REQUEST_MS, config.SLOW_STATEMENT_MS]).toEqual([
      "warn",
      500,
      0,
    ]);
    expect(parseConfig({}).SHUTDOWN_TIMEOUT_MS).toBe(10_000);
    expect(() => parseConfig({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(() => parseConfig({ SLOW_REQUEST_MS: "-1" })).toThrow(/SLOW_REQUEST_MS/);
  });

  it("starts the embedded demo from .env.example copied as it is (empty values count as unset)", () => {
    const config = parseConfig(parse(readFileSync(".env.example")));
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DIRECT_URL).toBeUndefined();
    expect(config.APP_URL).toBeUndefined();
    expect(isEmbeddedDemo(config)).toBe(true);
    expect([config.LOG_LEVEL, config.logFormat, config.SHUTDOWN_DELAY_MS]).toEqual([
      "info",
      "pretty",
      0,
    ]);
  });
});
