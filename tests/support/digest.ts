/*
 * "Nothing was written", checked: a digest of every row of every table the app writes (schemas public, private
 * and auth), read as the owner so row-level security hides nothing. Compare one taken before an attack with
 * one taken after.
 */
import type { Database } from "~/db/engine.server";

export async function digest(db: Database): Promise<Map<string, string>> {
  const tables = await db.query<{ name: string }>(
    `select format('%I.%I', table_schema, table_name) as name from information_schema.tables
      where table_schema in ('public', 'private', 'auth') and table_type = 'BASE TABLE' order by 1`,
  );
  const rows = await db.query<{ name: string; digest: string }>(
    tables
      .map(
        ({ name }) =>
          `select '${name}' as name,
                  count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as digest
             from ${name} t`,
      )
      .join(" union all "),
  );
  return new Map(rows.map((row) => [row.name, row.digest]));
}

/** The tables whose rows differ between two digests. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([name, value]) => before.get(name) !== value).map(([name]) => name);
}
