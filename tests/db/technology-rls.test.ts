/*
 * The traps around shared items (rule 8 of docs/security-model.md), on both engines: an item shared with Japan
 * and Canada is theirs alone; a private item is its owner's alone; an audience change takes effect on the next
 * request; expressions of interest reach the two governments and the secretariat only; and nothing tells anyone
 * else that an item exists — not joins, aggregates, the helpers, the country page, the audit trail or the live
 * stream. Forged writes, copies that could disagree with their item, and the lapsed read-only state too.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { Queryable } from "~/db/engine.server";
import { TechnologyItemSchema } from "~/domain/technology";
import { createLiveHub } from "~/live/hub.server";
import { liveEventStream } from "~/live/stream.server";
import { getCountryPage } from "~/models/country-page.server";
import { createMeeting } from "~/models/meetings.server";
import { createNationalAction, updateNationalAction } from "~/models/national-actions.server";
import { getItemHistory, setAudience } from "~/models/sharing.server";
import {
  createTechnologyItem,
  expressInterest,
  getTechnologyItem,
  listInterests,
  listOffers,
  matchesForRequest,
  myRequestMatches,
  updateTechnologyItem,
} from "~/models/technology.server";
import { EditNationalActionSchema, NationalActionSchema } from "~/domain/national-actions";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import {
  attempt,
  expectDenied,
  expectOutcome,
  ids,
  rolledBack,
  type Actor,
  type DemoUser,
} from "../support/rls";

const CONTEXTS = [
  "delegateJp",
  "delegateAu",
  "delegateUs",
  "twoHats",
  "secretariat",
  "sponsor",
  "observer",
] as const;
type WithContext = (typeof CONTEXTS)[number];

/** Everyone who could try: the governments, the other roles, outsiders. twoHats is Canada's delegate here. */
const EVERYONE: Actor[] = [
  "delegateUs",
  "delegateJp",
  "twoHats",
  "delegateAu",
  "sponsor",
  "sponsorNorthern",
  "observer",
  "secretariat",
  "pacificSecretariat",
  "revokedDelegateDe",
  "anon",
];

/** Resolves once `check` holds, polling every 10 ms (fails after `ms`). */
async function eventually(check: () => boolean, ms = 5000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const TRAP_TITLE = "Trap: rare earth metallisation furnace";

describe.each(engines)("technology sharing traps on %s", (engine) => {
  let handle: TestDatabase;
  const as = {} as Record<WithContext, MemberContext>;
  /** The United States' offer, shared with Japan and Canada only. */
  let trap = "";

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    for (const user of CONTEXTS) as[user] = await memberContext(handle.db, user);
    const created = await createTechnologyItem(
      as.delegateUs,
      "offer",
      TechnologyItemSchema.parse({
        title: TRAP_TITLE,
        category: "metallisation",
        minerals: ["NdPr"],
        trl: "6",
        holderOrganisation: "Gulf Coast Critical Metals Laboratory",
        licensingTerms: "Secret terms for Japan and Canada.",
        audience: "chosen",
        memberIds: [ids.member.JP, ids.member.CA],
      }),
    );
    if (!created.ok) throw new Error(created.message);
    trap = created.id;
    const interest = await expressInterest(as.twoHats, {
      itemId: trap,
      message: "Canada would like a furnace.",
    });
    if (!interest.ok) throw new Error(interest.message);
  });
  afterAll(() => handle.dispose());

  /** How many rows `actor` sees (or "denied"), in a rolled-back transaction. */
  const seen = async (actor: Actor, sql: string, params: unknown[], setup?: string) => {
    const result = await attempt(handle.db, actor, sql, params, setup);
    return result.error ? "denied" : result.rows.length;
  };
  const seenBy = async (actors: Actor[], sql: string, params: unknown[], setup?: string) =>
    Object.fromEntries(
      await Promise.all(
        actors.map(async (actor) => [actor, await seen(actor, sql, params, setup)] as const),
      ),
    );
  const as_ = <T>(actor: Actor, work: (tx: Queryable) => Promise<T>, setup?: string) =>
    rolledBack(handle.db, actor, work, setup);

  describe("an offer the United States shares with Japan and Canada", () => {
    const expected = {
      delegateUs: 1,
      delegateJp: 1,
      twoHats: 1,
      delegateAu: 0,
      sponsor: 0,
      sponsorNorthern: 0,
      observer: 0,
      secretariat: 0,
      pacificSecretariat: 0,
      revokedDelegateDe: 0,
      anon: "denied",
    };

    it("is visible to their delegates, and to nobody else, the secretariat included", async () => {
      for (const table of ["shared_items", "technology_offers"]) {
        expect(
          await seenBy(EVERYONE, `select id from public.${table} where id = $1`, [trap]),
        ).toEqual(expected);
      }
    });

    it("reaches the secretariat once the United States ticks it", async () => {
      const ticked = `update public.shared_items set includes_secretariat = true where id = '${trap}'`;
      expect(
        await seenBy(
          EVERYONE,
          "select id from public.technology_offers where id = $1",
          [trap],
          ticked,
        ),
      ).toEqual({ ...expected, secretariat: 1 });
    });

    it("cannot be told to exist through aggregates, joins or the helpers", async () => {
      const aggregate = (actor: Actor, setup?: string) =>
        as_(
          actor,
          (tx) =>
            tx.query(
              `select category, count(*)::int as n, max(trl) as trl, array_agg(distinct m order by m) as minerals
                 from public.technology_offers, unnest(minerals) m
                where partnership_id = $1 group by category order by category`,
              [ids.cm],
            ),
          setup,
        );
      // Without the offer (removed as its owner, rolled back), the totals read the same to outsiders.
      const removed = `delete from public.expressions_of_interest where item_id = '${trap}';
        delete from public.shared_items where id = '${trap}'`;
      for (const actor of ["delegateAu", "secretariat", "observer", "sponsor"] as const) {
        expect(await aggregate(actor)).toEqual(await aggregate(actor, removed));
      }
      expect(await aggregate("delegateJp")).not.toEqual(await aggregate("delegateJp", removed));

      // Canada's expression of interest names the offer: the secretariat and Australia read neither.
      const joined = `select i.id, o.title from public.expressions_of_interest i
        left join public.technology_offers o on o.id = i.item_id where i.item_id = $1`;
      expect(await seenBy(["delegateAu", "secretariat", "observer"], joined, [trap])).toEqual({
        delegateAu: 0,
        secretariat: 0,
        observer: 0,
      });
      expect(await seen("delegateJp", joined, [trap])).toBe(0);
      expect(await seen("twoHats", joined, [trap])).toBe(1);
      // The helpers answer for the caller only.
      const point = (actor: Actor) =>
        as_(actor, async (tx) => {
          const [row] = await tx.query<{ sees: boolean; chosen: boolean }>(
            `select private.can_see_item($1) as sees,
                    $1 in (select private.my_chosen_item_ids()) as chosen`,
            [trap],
          );
          return row;
        });
      expect(await point("delegateAu")).toEqual({ sees: false, chosen: false });
      expect(await point("secretariat")).toEqual({ sees: false, chosen: false });
      expect(await point("twoHats")).toEqual({ sees: true, chosen: true });
      // Nobody on the audience list learns who else is on it.
      expect(
        await seenBy(
          ["delegateUs", "delegateJp", "twoHats"],
          "select member_id from public.shared_item_audiences where item_id = $1",
          [trap],
        ),
      ).toEqual({ delegateUs: 2, delegateJp: 0, twoHats: 0 });
    });

    it("is left out of every list, match and country page of those it is not shared with", async () => {
      const titles = async (user: WithContext) =>
        (await listOffers(user === "delegateUs" ? as.delegateUs : as[user])).map((o) => o.title);
      expect(await titles("delegateJp")).toContain(TRAP_TITLE);
      expect(await titles("twoHats")).toContain(TRAP_TITLE);
      for (const user of ["delegateAu", "secretariat", "observer", "sponsor"] as const) {
        expect(await titles(user)).not.toContain(TRAP_TITLE);
        expect(await getTechnologyItem(as[user], "offer", trap)).toBeNull();
        const page = await getCountryPage(as[user], "US");
        expect(page?.offers.map((o) => o.id)).not.toContain(trap);
      }
      expect((await getCountryPage(as.delegateJp, "US"))?.offers.map((o) => o.id)).toContain(trap);
      const interests = await listInterests(as.secretariat);
      expect(interests.map((i) => i.itemId)).not.toContain(trap);
    });
  });

  describe("private items", () => {
    it("are invisible to everyone but their own government, in every table and in the trail", async () => {
      const onlyJapan = Object.fromEntries(
        EVERYONE.map((actor) => [
          actor,
          actor === "anon" ? "denied" : actor === "delegateJp" ? 1 : 0,
        ]),
      );
      expect(
        await seenBy(EVERYONE, "select id from public.technology_offers where id = $1", [
          ids.offer(4),
        ]),
      ).toEqual(onlyJapan);
      expect(
        await seenBy(EVERYONE, "select id from public.national_actions where id = $1", [
          ids.action(5),
        ]),
      ).toEqual(onlyJapan);
      expect(
        await seenBy(
          EVERYONE,
          "select id from public.audit_events where item_id = $1 and table_name = 'shared_items'",
          [ids.action(5)],
        ),
      ).toEqual(onlyJapan);
      // The secretariat cannot mark it as presented: it is not there for it.
      expectOutcome(
        await attempt(
          handle.db,
          "secretariat",
          "insert into public.meeting_presentations (partnership_id, meeting_id, action_id) values ($1, $2, $3)",
          [ids.cm, ids.meeting(2), ids.action(5)],
        ),
        /not found/,
      );
      // Nor can another government answer it.
      expectOutcome(
        await attempt(
          handle.db,
          "twoHats",
          "insert into public.expressions_of_interest (partnership_id, item_id, member_id, message) values ($1, $2, $3, 'Hi.')",
          [ids.cm, ids.offer(4), ids.member.CA],
        ),
        /not found/,
      );
    });
  });

  describe("changing the audience", () => {
    it("takes effect on the next request, for the item, its history and its conversations", async () => {
      const created = await createTechnologyItem(
        as.delegateUs,
        "request",
        TechnologyItemSchema.parse({
          title: "Audience changes",
          category: "refining",
          minerals: ["lithium"],
          trl: "5",
          holderOrganisation: "US Lithium Office",
          audience: "chosen",
          memberIds: [ids.member.JP, ids.member.CA],
        }),
      );
      if (!created.ok) throw new Error(created.message);
      const answered = await expressInterest(as.twoHats, {
        itemId: created.id,
        message: "Canada answers.",
      });
      if (!answered.ok) throw new Error(answered.message);
      // The same member context throughout, as a long-lived page would hold: nothing is cached.
      const canada = as.twoHats;
      expect(await getTechnologyItem(canada, "request", created.id)).not.toBeNull();
      expect((await getItemHistory(canada, created.id)).length).toBeGreaterThan(0);

      const narrowed = await setAudience(as.delegateUs, {
        itemId: created.id,
        version: 1,
        audience: "chosen",
        memberIds: [ids.member.JP],
        includesSecretariat: false,
      });
      expect(narrowed).toEqual({ ok: true, version: 2 });
      expect(await getTechnologyItem(canada, "request", created.id)).toBeNull();
      // The item's whole history goes with it; Canada keeps only its own message and what became of it.
      expect((await getItemHistory(canada, created.id)).map((e) => e.table)).toEqual([
        "expressions_of_interest",
      ]);
      const own = (await listInterests(canada)).find((i) => i.id === answered.id);
      expect(own).toMatchObject({ message: "Canada answers.", itemTitle: null });

      expect(await getTechnologyItem(as.delegateAu, "request", created.id)).toBeNull();
      const widened = await setAudience(as.delegateUs, {
        itemId: created.id,
        version: 2,
        audience: "partnership",
        memberIds: [],
        includesSecretariat: false,
      });
      expect(widened).toEqual({ ok: true, version: 3 });
      expect(await getTechnologyItem(as.delegateAu, "request", created.id)).not.toBeNull();
      expect(await getTechnologyItem(canada, "request", created.id)).not.toBeNull();
      // The copies on the item's rows followed, and kept their own versions.
      const [copy] = await handle.db.query<{
        audience: string;
        version: number;
        itemAudience: string;
      }>(
        `select r.audience, r.version, i.item_audience as "itemAudience"
           from public.technology_requests r join public.expressions_of_interest i on i.item_id = r.id
          where r.id = $1`,
        [created.id],
      );
      expect(copy).toEqual({ audience: "partnership", version: 1, itemAudience: "partnership" });
    });

    it("takes effect on the next request for the country page, a request's matches and the dashboard", async () => {
      const offer = await createTechnologyItem(
        as.delegateUs,
        "offer",
        TechnologyItemSchema.parse({
          title: "Trap: narrowed magnet alloy offer",
          category: "magnet_manufacturing",
          minerals: ["Tb"],
          trl: "8",
          holderOrganisation: "US Magnet Works",
          audience: "chosen",
          memberIds: [ids.member.JP],
        }),
      );
      const request = await createTechnologyItem(
        as.delegateJp,
        "request",
        TechnologyItemSchema.parse({
          title: "Trap: terbium magnet alloys wanted",
          category: "magnet_manufacturing",
          minerals: ["Tb", "Dy"],
          trl: "6",
          holderOrganisation: "METI",
          audience: "partnership",
        }),
      );
      if (!offer.ok || !request.ok) throw new Error("not created");
      const japan = as.delegateJp;
      const matchIds = async (context: MemberContext) =>
        (await matchesForRequest(context, request.id)).map((match) => match.id);
      const dashboard = async () =>
        (await myRequestMatches(japan))
          .find((entry) => entry.request.id === request.id)
          ?.matches.map((match) => match.id) ?? [];
      const countryOffers = async (context: MemberContext) =>
        (await getCountryPage(context, "US"))?.offers.map((item) => item.id) ?? [];

      expect(await matchIds(japan)).toContain(offer.id);
      expect(await dashboard()).toContain(offer.id);
      expect(await countryOffers(japan)).toContain(offer.id);
      // The request is the whole partnership's, the offer is not: its match reaches no one else.
      for (const other of ["delegateAu", "secretariat", "twoHats"] as const) {
        expect(await matchIds(as[other])).not.toContain(offer.id);
        expect(await countryOffers(as[other])).not.toContain(offer.id);
        expect(await getItemHistory(as[other], offer.id)).toEqual([]);
      }
      for (const outside of ["sponsor", "observer"] as const) {
        expect(await countryOffers(as[outside])).toEqual([]);
        expect(await matchIds(as[outside])).toEqual([]);
      }

      const narrowed = await setAudience(as.delegateUs, {
        itemId: offer.id,
        version: 1,
        audience: "private",
        memberIds: [],
        includesSecretariat: false,
      });
      expect(narrowed).toEqual({ ok: true, version: 2 });
      expect(await matchIds(japan)).not.toContain(offer.id);
      expect(await dashboard()).not.toContain(offer.id);
      expect(await countryOffers(japan)).not.toContain(offer.id);
      expect(await getItemHistory(japan, offer.id)).toEqual([]);
      expect(await countryOffers(as.delegateUs)).toContain(offer.id);
    });

    it("never lets a copy of the audience disagree with its item", async () => {
      const result = await handle.db
        .transaction(async (tx) => {
          await tx.query(
            "update public.technology_offers set audience = 'partnership' where id = $1",
            [ids.offer(1)],
          );
          return "accepted";
        })
        .catch((error: Error) => error.message);
      expect(result).toMatch(/foreign key/);
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.technology_offers set audience = 'partnership' where id = $1",
          [ids.offer(1)],
        ),
        /permission denied/,
      );
    });
  });

  describe("expressions of interest", () => {
    it("are read by the two governments and the secretariat only", async () => {
      const sql = "select id from public.expressions_of_interest where id = $1";
      // Japan answers Australia's partnership-wide request.
      expect(await seenBy(EVERYONE, sql, [ids.interest(3)])).toEqual({
        delegateUs: 0,
        delegateJp: 1,
        twoHats: 0,
        delegateAu: 1,
        sponsor: 0,
        sponsorNorthern: 0,
        observer: 0,
        secretariat: 1,
        pacificSecretariat: 0,
        revokedDelegateDe: 0,
        anon: "denied",
      });
      // Canada's interest in Japan's offer to Canada and France: the secretariat was not ticked.
      expect(await seenBy(EVERYONE, sql, [ids.interest(1)])).toEqual({
        delegateUs: 0,
        delegateJp: 1,
        twoHats: 1,
        delegateAu: 0,
        sponsor: 0,
        sponsorNorthern: 0,
        observer: 0,
        secretariat: 0,
        pacificSecretariat: 0,
        revokedDelegateDe: 0,
        anon: "denied",
      });
      // Korea's agreement with France: Japan may read France's offer but not the two governments' conversation.
      expect(
        await seen("delegateJp", "select id from public.technology_offers where id = $1", [
          ids.offer(2),
        ]),
      ).toBe(1);
      expect(await seen("delegateJp", sql, [ids.interest(2)])).toBe(0);
    });

    it("refuses forged ones: in another government's name, agreed from the start, on an action, moved by the wrong side", async () => {
      const insert = `insert into public.expressions_of_interest (partnership_id, item_id, member_id, message, status)
        values ($1, $2, $3, 'Forged.', $4) returning status`;
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          insert.replace(", status)", ")").replace(", $4)", ")"),
          [ids.cm, ids.offer(3), ids.member.CA],
        ),
      );
      // A client may not choose the status at all (no column privilege).
      expectDenied(
        await attempt(handle.db, "twoHats", insert, [
          ids.cm,
          ids.offer(3),
          ids.member.CA,
          "agreed",
        ]),
        /permission denied/,
      );
      expectOutcome(
        await attempt(
          handle.db,
          "twoHats",
          "insert into public.expressions_of_interest (partnership_id, item_id, member_id, message) values ($1, $2, $3, 'Hi.')",
          [ids.cm, ids.action(1), ids.member.CA],
        ),
        /technology offers and requests/,
      );
      // Canada may withdraw its interest, not agree on Japan's behalf, nor rewrite its message.
      expectOutcome(
        await attempt(
          handle.db,
          "twoHats",
          "update public.expressions_of_interest set status = 'in_talks' where id = $1",
          [ids.interest(1)],
        ),
        /Only the item's own government/,
      );
      expectDenied(
        await attempt(
          handle.db,
          "twoHats",
          "update public.expressions_of_interest set message = 'Edited.' where id = $1",
          [ids.interest(1)],
        ),
        /permission denied/,
      );
      expectOutcome(
        await attempt(
          handle.db,
          "delegateJp",
          "update public.expressions_of_interest set terms_summary = 'Sneaked in.' where id = $1",
          [ids.interest(1)],
        ),
        /recorded with the agreement/,
      );
      expectOutcome(
        await attempt(
          handle.db,
          "twoHats",
          "update public.expressions_of_interest set status = 'declined' where id = $1 returning id",
          [ids.interest(1)],
        ),
        1,
      );
    });
  });

  describe("forged writes", () => {
    const freshItem = ids.fresh(40);
    const japaneseDraft = `insert into public.shared_items (id, partnership_id, item_type, owner_member_id)
      values ('${freshItem}', '${ids.cm}', 'technology_offer', '${ids.member.JP}')`;

    it("writes nothing in another government's name or into another partnership", async () => {
      expectDenied(
        await attempt(
          handle.db,
          "delegateAu",
          "insert into public.shared_items (partnership_id, item_type, owner_member_id) values ($1, 'technology_offer', $2)",
          [ids.cm, ids.member.JP],
        ),
      );
      expectOutcome(
        await attempt(
          handle.db,
          "delegateAu",
          `insert into public.technology_offers (id, partnership_id, title, category, minerals, trl, holder_organisation)
           values ($1, $2, 'Forged', 'separation', '{Dy}', 5, 'Forged lab')`,
          [freshItem, ids.cm],
          japaneseDraft,
        ),
        /not found/,
      );
      // Japan's own item, but the content under the Pacific forum's id: the composite key refuses it.
      expectDenied(
        await attempt(
          handle.db,
          "delegateJp",
          `insert into public.technology_offers (id, partnership_id, title, category, minerals, trl, holder_organisation)
           values ($1, $2, 'Moved', 'separation', '{Dy}', 5, 'Lab')`,
          [freshItem, ids.pb],
          japaneseDraft,
        ),
        /not found|row-level security|foreign key/,
      );
      expectDenied(
        await attempt(
          handle.db,
          "twoHats",
          "insert into public.shared_items (partnership_id, item_type, owner_member_id) values ($1, 'national_action', $2)",
          [ids.pb, ids.member.CA],
        ),
        /row-level security|foreign key/,
      );
      for (const column of ["owner_member_id", "partnership_id", "item_type"]) {
        expectDenied(
          await attempt(
            handle.db,
            "delegateJp",
            `update public.shared_items set ${column} = ${column} where id = $1`,
            [ids.offer(1)],
          ),
          /permission denied/,
        );
      }
      // Australia cannot put itself on Japan's audience, nor Canada add France to the United States' list.
      expectOutcome(
        await attempt(
          handle.db,
          "delegateAu",
          "insert into public.shared_item_audiences (partnership_id, item_id, member_id) values ($1, $2, $3)",
          [ids.cm, ids.offer(1), ids.member.AU],
        ),
        /not found/,
      );
      expectDenied(
        await attempt(
          handle.db,
          "twoHats",
          "insert into public.shared_item_audiences (partnership_id, item_id, member_id) values ($1, $2, $3)",
          [ids.cm, trap, ids.member.FR],
        ),
      );
      // A government on the audience reads the offer but does not write it.
      expectOutcome(
        await attempt(
          handle.db,
          "twoHats",
          "update public.technology_offers set trl = 9 where id = $1 returning id",
          [trap],
        ),
        0,
      );
    });

    it("keeps the secretariat's powers to its own partnership", async () => {
      // The two-hats user is the Pacific forum's secretariat: it sees the forum's action, none of this
      // partnership's beyond what Canada is shown.
      expect(
        await seen("twoHats", "select id from public.national_actions where id = $1", [
          ids.pbAction(1),
        ]),
      ).toBe(1);
      expect(
        await seen("delegateJp", "select id from public.national_actions where id = $1", [
          ids.pbAction(1),
        ]),
      ).toBe(0);
      expect(
        await seen("twoHats", "select id from public.national_actions where id = $1", [
          ids.action(4),
        ]),
      ).toBe(0);
      expectDenied(
        await attempt(
          handle.db,
          "twoHats",
          "insert into public.meeting_presentations (partnership_id, meeting_id, action_id) values ($1, $2, $3)",
          [ids.cm, ids.meeting(2), ids.action(3)],
        ),
      );
      expectDenied(
        await attempt(
          handle.db,
          "pacificSecretariat",
          "insert into public.meetings (partnership_id, title, place, held_on) values ($1, 'Forged', 'Nowhere', '2027-01-01')",
          [ids.cm],
        ),
      );
    });
  });

  describe("the audit trail", () => {
    const events = "select id from public.audit_events where item_id = $1";

    it("shows the secretariat nothing of an item not shared with it, while it reads the rest", async () => {
      expect(await seen("secretariat", events, [trap])).toBe(0);
      expect(await seen("secretariat", events, [ids.action(3)])).toBeGreaterThan(0);
      expect(await seen("secretariat", events, [ids.offer(1)])).toBe(0);
      expect(await seen("delegateAu", events, [trap])).toBe(0);
      expect(await seen("delegateJp", events, [trap])).toBeGreaterThan(0);
      // The United States also reads its audience list's events.
      expect(Number(await seen("delegateUs", events, [trap]))).toBeGreaterThan(
        Number(await seen("delegateJp", events, [trap])),
      );
      // Audience lists are the owner's alone, even on a partnership-wide item's trail.
      const lists =
        "select id from public.audit_events where item_id = $1 and table_name = 'shared_item_audiences'";
      expect(
        await seenBy(["delegateJp", "delegateAu", "secretariat", "twoHats"], lists, [ids.offer(5)]),
      ).toEqual({
        delegateJp: 0,
        delegateAu: 0,
        secretariat: 0,
        twoHats: 2,
      });
      // A conversation's events reach the same people as the conversation.
      const conversation =
        "select id from public.audit_events where table_name = 'expressions_of_interest' and row_id = $1";
      expect(
        await seenBy(["delegateJp", "delegateAu", "secretariat", "observer"], conversation, [
          ids.interest(2),
        ]),
      ).toEqual({ delegateJp: 0, delegateAu: 0, secretariat: 1, observer: 0 });
      expect(await getItemHistory(as.delegateAu, trap)).toEqual([]);
      expect((await getItemHistory(as.delegateJp, trap)).length).toBeGreaterThan(0);
    });

    it("keeps what was written while an item was private hidden once it is shared", async () => {
      const form = {
        kind: "policy",
        title: "Draft policy",
        summary: "First draft, never shared.",
        status: "planned",
        audience: "private",
      };
      const created = await createNationalAction(as.delegateJp, NationalActionSchema.parse(form));
      if (!created.ok) throw new Error(created.message);
      const edited = await updateNationalAction(
        as.delegateJp,
        EditNationalActionSchema.parse({
          ...form,
          summary: "As shared.",
          itemId: created.id,
          version: "1",
        }),
      );
      expect(edited).toEqual({ ok: true, version: 2 });
      const shared = await setAudience(as.delegateJp, {
        itemId: created.id,
        version: 1,
        audience: "partnership",
        memberIds: [],
        includesSecretariat: false,
      });
      expect(shared).toEqual({ ok: true, version: 2 });
      expect(await getItemHistory(as.delegateAu, created.id)).toEqual([]);
      const published = await updateNationalAction(
        as.delegateJp,
        EditNationalActionSchema.parse({
          ...form,
          summary: "As published.",
          itemId: created.id,
          version: "2",
        }),
      );
      expect(published).toEqual({ ok: true, version: 3 });
      const australia = await getItemHistory(as.delegateAu, created.id);
      expect(australia.map((e) => [e.table, e.action])).toEqual([["national_actions", "update"]]);
      // Only what Australia could read once it was shared: never the earlier draft.
      expect(australia[0]?.changes).toEqual([
        { field: "summary", before: "As shared.", after: "As published." },
      ]);
      expect(JSON.stringify(australia)).not.toContain("never shared");
      expect((await getItemHistory(as.delegateJp, created.id)).length).toBe(5);
    });
  });

  describe("the live stream", () => {
    it("tells only those who may read a changed item, asking the database for each", async () => {
      const hub = createLiveHub(async () => handle.db);
      const listeners = ["delegateJp", "twoHats", "delegateAu", "secretariat", "observer"] as const;
      const streams = await Promise.all(
        listeners.map(async (user) => {
          const abort = new AbortController();
          const response = liveEventStream(
            new Request("http://localhost/p/critical-minerals/events", { signal: abort.signal }),
            await memberContext(handle.db, user),
            { hub },
          );
          const reader = (response.body as ReadableStream<Uint8Array>).getReader();
          const stream = { user, text: "", abort };
          void (async () => {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) return;
              stream.text += new TextDecoder().decode(value);
            }
          })();
          return stream;
        }),
      );
      await eventually(() => streams.every((stream) => stream.text.includes("event: ready")));
      const [offer] = await handle.db.query<{ version: number }>(
        "select version from public.technology_offers where id = $1",
        [trap],
      );
      const changed = await updateTechnologyItem(as.delegateUs, "offer", {
        itemId: trap,
        version: offer?.version ?? 0,
        title: TRAP_TITLE,
        description: "Changed while everyone listens.",
        category: "metallisation",
        minerals: ["NdPr"],
        trl: 7,
        holderOrganisation: "Gulf Coast Critical Metals Laboratory",
        licensingTerms: null,
        exportControlled: false,
        exportControlRegime: null,
        exportControlNote: null,
        contactMembershipId: null,
      });
      expect(changed.ok).toBe(true);
      // Then a change everyone may hear of: each stream checks in commit order, so once it has this one, its
      // decision on the offer was made.
      const marker = await createMeeting(as.secretariat, {
        title: "Marker meeting",
        place: "Geneva",
        heldOn: "2027-06-01",
      });
      if (!marker.ok) throw new Error(marker.message);
      await eventually(() => streams.every((stream) => stream.text.includes(marker.id)));
      const heard = Object.fromEntries(
        streams.map((stream) => [stream.user, stream.text.includes(trap)]),
      );
      expect(heard).toEqual({
        delegateJp: true,
        twoHats: true,
        delegateAu: false,
        secretariat: false,
        observer: false,
      });
      const japan = streams.find((stream) => stream.user === "delegateJp")?.text ?? "";
      const data = new RegExp(`event: sharing\\ndata: (\\{[^\\n]*"${trap}"[^\\n]*\\})`).exec(
        japan,
      )?.[1];
      expect(JSON.parse(data ?? "{}")).toEqual({
        table: "technology_offers",
        op: "update",
        id: trap,
        version: (offer?.version ?? 0) + 1,
        itemId: trap,
      });
      expect(japan).not.toContain("Changed while everyone listens");
      for (const stream of streams) stream.abort.abort();
      await eventually(() => !hub.listening());
    });

    it("carries ids, versions and table names only: never titles, terms, messages or amounts", async () => {
      const payloads: string[] = [];
      const stop = await handle.db.listen("lodestone_changes", (payload) => payloads.push(payload));
      const secret = `secret-${Date.now()}`;
      try {
        await handle.db.transaction(async (tx) => {
          await tx.exec(`select set_config('request.jwt.claims', '{}', true)`);
          await tx.query(
            "update public.technology_offers set title = $2, licensing_terms = $2, holder_organisation = $2 where id = $1",
            [ids.offer(1), `${secret} offer`],
          );
          await tx.query("update public.expressions_of_interest set message = $2 where id = $1", [
            ids.interest(1),
            `${secret} message`,
          ]);
          await tx.query(
            "update public.national_actions set summary = $2, amount_minor = 987654321987 where id = $1",
            [ids.action(1), `${secret} action`],
          );
          await tx.query("update public.meetings set place = $2 where id = $1", [
            ids.meeting(2),
            `${secret} place`,
          ]);
          await tx.query("update public.shared_items set audience = 'partnership' where id = $1", [
            ids.offer(4),
          ]);
        });
        await eventually(() => payloads.some((p) => p.includes('"shared_items"')));
      } finally {
        await stop();
      }
      const allowed = ["partnership_id", "table", "op", "id", "version", "item_id"];
      const tables = [
        "shared_items",
        "technology_offers",
        "technology_requests",
        "national_actions",
        "expressions_of_interest",
        "meetings",
        "meeting_presentations",
      ];
      expect(payloads.length).toBeGreaterThanOrEqual(5);
      for (const payload of payloads) {
        expect(payload).not.toContain(secret);
        expect(payload).not.toContain("987654321987");
        const parsed = JSON.parse(payload) as Record<string, unknown>;
        expect(allowed).toEqual(expect.arrayContaining(Object.keys(parsed)));
        for (const value of Object.values(parsed)) {
          expect(
            value === null ||
              typeof value === "number" ||
              /^[0-9a-f-]{36}$/.test(String(value)) ||
              [...tables, "insert", "update", "delete"].includes(String(value)),
          ).toBe(true);
        }
      }
      // The audience change cascaded to the offer's copy without a notification of its own.
      expect(
        payloads.filter((p) => p.includes(ids.offer(4))).map((p) => JSON.parse(p).table),
      ).toEqual(["shared_items"]);
    });
  });

  describe("a lapsed subscription", () => {
    it("leaves the register readable and refuses every write", async () => {
      const lapsed = `update public.partnerships set subscription_status = 'canceled',
        trial_ends_at = now() - interval '1 day' where id = '${ids.cm}'`;
      expect(
        await seen(
          "delegateJp",
          "select id from public.technology_offers where id = $1",
          [ids.offer(1)],
          lapsed,
        ),
      ).toBe(1);
      for (const [actor, sql, params] of [
        [
          "delegateJp",
          "insert into public.shared_items (partnership_id, item_type, owner_member_id) values ($1, 'technology_offer', $2)",
          [ids.cm, ids.member.JP],
        ],
        ["delegateJp", "update public.technology_offers set trl = 9 where id = $1", [ids.offer(1)]],
        [
          "twoHats",
          "update public.expressions_of_interest set status = 'declined' where id = $1",
          [ids.interest(1)],
        ],
        [
          "secretariat",
          "delete from public.meeting_presentations where id = $1",
          [ids.presentation(1)],
        ],
        [
          "secretariat",
          "insert into public.meetings (partnership_id, title, place, held_on) values ($1, 'M', 'P', '2027-01-01')",
          [ids.cm],
        ],
      ] as const) {
        expectOutcome(
          await attempt(handle.db, actor as DemoUser, sql, [...params], lapsed),
          /read-only/,
        );
      }
    });
  });
});
