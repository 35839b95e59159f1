// `npm run db:migrate | db:seed | db:reset`: against DATABASE_URL when set, else the embedded database in DATA_DIR.
import { rmSync } from "node:fs";
import path from "node:path";
import { parseConfig } from "~/config.server";
import { openConfiguredDatabase, seed } from "~/db/database.server";
import { migrate } from "~/db/migrate.server";

const command = process.argv[2];
const log = (line: string) => console.log(line);

async function main() {
  const config = parseConfig();
  const target = config.DATABASE_URL
    ? "DATABASE_URL"
    : `the embedded database in ${config.dataDir}`;
  if (command === "reset") {
    if (config.DATABASE_URL) {
      const host = new URL(config.DATABASE_URL).hostname;
      if (!["localhost", "127.0.0.1", "::1"].includes(host) && !process.argv.includes("--force")) {
        throw new Error(`Refusing to reset a database on ${host} without --force.`);
      }
      const db = await openConfiguredDatabase(config);
      await db.exec(`
        drop schema if exists public cascade;
        drop schema if exists private cascade;
        drop schema if exists supabase_migrations cascade;
        drop schema if exists reference cascade;
        create schema public;
        do $$ begin
          if exists (select 1 from pg_namespace where nspname = 'auth') then
            execute 'truncate auth.users cascade';
          end if;
        end $$;
      `);
      await db.close();
    } else {
      rmSync(path.join(config.dataDir, "pglite"), { recursive: true, force: true });
    }
    log(`Reset ${target}.`);
  }
  if (command !== "migrate" && command !== "seed" && command !== "reset") {
    throw new Error("Usage: scripts/db.ts migrate | seed | reset");
  }
  const db = await openConfiguredDatabase(config);
  try {
    if (command !== "seed") {
      const applied = await migrate(db, { log });
      if (applied.length === 0) log(`${target} is up to date.`);
    }
    if (command !== "migrate") {
      await seed(db);
      log(`Loaded the demo data into ${target}.`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
