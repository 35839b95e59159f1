/*
 * The secretariat's own world total for a group the reference data knows only as shares (the magnets stage):
 * it replaces the dated estimate for its partnership. Row-level security lets only the secretariat write it;
 * the database refuses a group that has quantities, and takes the unit from the reference data.
 */
import type { MemberContext } from "~/auth/auth.server";
import { databaseError } from "~/db/errors";
import type { WorldTotalInput } from "~/domain/supply";
import { msg } from "~/i18n/message";

export type WorldTotalOutcome =
  { ok: true } | { ok: false; status: 400 | 402 | 403; message: string };

export async function setWorldTotal(
  { user, partnership }: MemberContext,
  mineral: string,
  input: WorldTotalInput,
): Promise<WorldTotalOutcome> {
  try {
    await user.db((tx) =>
      tx.query(
        `insert into public.world_total_overrides (partnership_id, mineral, stage, year, world_total, source,
           source_url, note)
         values ($1, $2, $3, $4, $5::numeric, $6, $7, $8)
         on conflict (partnership_id, mineral, stage) do update
           set year = excluded.year, world_total = excluded.world_total, source = excluded.source,
               source_url = excluded.source_url, note = excluded.note`,
        [
          partnership.id,
          mineral,
          input.stage,
          input.year,
          input.worldTotal,
          input.source,
          input.sourceUrl,
          input.note,
        ],
      ),
    );
    return { ok: true };
  } catch (error) {
    return refusal(error);
  }
}

export async function removeWorldTotal(
  { user, partnership }: MemberContext,
  mineral: string,
  stage: string,
): Promise<WorldTotalOutcome> {
  try {
    await user.db((tx) =>
      tx.query(
        "delete from public.world_total_overrides where partnership_id = $1 and mineral = $2 and stage = $3",
        [partnership.id, mineral, stage],
      ),
    );
    return { ok: true };
  } catch (error) {
    return refusal(error);
  }
}

function refusal(error: unknown): WorldTotalOutcome {
  const failure = databaseError(error);
  if (failure?.code === "42501") {
    return {
      ok: false,
      status: 403,
      message: msg("resilience.worldTotal.secretariatOnly"),
    };
  }
  if (failure?.code === "23514") return { ok: false, status: 400, message: failure.message };
  if (failure?.code === "PT402") return { ok: false, status: 402, message: failure.message };
  throw error;
}
