/*
 * Technology sharing, national actions, meetings and country pages on both engines, as real users under RLS:
 * the proof that app/domain states the database's rules (item and conversation transitions, who may see an
 * item), and the model functions the pages call. The traps are in technology-rls.test.ts.
 */
import type { MemberContext } from "~/auth/auth.server";
import { translate } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";
import { EditNationalActionSchema, NationalActionSchema } from "~/domain/national-actions";
import { actorOf, canMoveInterest, maySeeItem } from "~/domain/permissions";
import type { Audience } from "~/domain/sharing";
import {
  canMoveItem,
  INTEREST_STATUSES,
  TECHNOLOGY_STATUSES,
  TechnologyItemSchema,
  type InterestStatus,
} from "~/domain/technology";
import { getCountryPage } from "~/models/country-page.server";
import {
  createMeeting,
  deleteMeeting,
  listMeetings,
  markPresented,
  unmarkPresented,
  updateMeeting,
} from "~/models/meetings.server";
import {
  createNationalAction,
  getNationalAction,
  listNationalActions,
  updateNationalAction,
} from "~/models/national-actions.server";
import { audienceOptions, deleteItem, setAudience } from "~/models/sharing.server";
import {
  createTechnologyItem,
  expressInterest,
  getTechnologyItem,
  listInterests,
  listOffers,
  matchesForRequest,
  moveInterest,
  moveTechnologyItem,
  myRequestMatches,
  updateTechnologyItem,
} from "~/models/technology.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids, rolledBack } from "../support/rls";
import { addDays, seedDate } from "../support/seed-dates";

const USERS = [
  "delegateJp",
  "delegateAu",
  "delegateUs",
  "twoHats",
  "secretariat",
  "sponsor",
  "observer",
] as const;
type User = (typeof USERS)[number];

/** A new offer's form, as the schema gives it to the model. */
const offer = (extra: Record<string, unknown> = {}) =>
  TechnologyItemSchema.parse({
    title: "Continuous ion-exchange separation",
    category: "separation",
    minerals: ["Dy"],
    trl: "7",
    holderOrganisation: "Test Separation Laboratory",
    audience: "partnership",
    ...extra,
  });

describe.each(engines)("technology sharing on %s", (engine) => {
  let handle: TestDatabase;
  const as = {} as Record<User, MemberContext>;

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    for (const user of USERS) as[user] = await memberContext(handle.db, user);
  });
  afterAll(() => handle.dispose());

  const versionOf = async (table: string, id: string) => {
    const [row] = await handle.db.query<{ version: number; status: string }>(
      `select version, status from public.${table} where id = $1`,
      [id],
    );
    return row ?? { version: 0, status: "gone" };
  };

  describe("the rules in TypeScript are the rules in the database", () => {
    it("agrees on every move of an offer and a request by its own government", async () => {
      const disagreements: string[] = [];
      for (const [table, item] of [
        ["technology_offers", ids.offer(4)],
        ["technology_requests", ids.request(2)],
      ] as const) {
        for (const from of TECHNOLOGY_STATUSES) {
          for (const to of TECHNOLOGY_STATUSES) {
            if (from === to) continue;
            const database = await rolledBack(
              handle.db,
              "delegateJp",
              async (tx) => {
                try {
                  const rows = await tx.query(
                    `update public.${table} set status = $2 where id = $1 returning id`,
                    [item, to],
                  );
                  return rows.length === 1;
                } catch {
                  return false;
                }
              },
              from === "open"
                ? undefined
                : `update public.${table} set status = '${from}' where id = '${item}'`,
            );
            if (database !== canMoveItem(from, to)) {
              disagreements.push(`${table}: ${from} → ${to} db=${database}`);
            }
          }
        }
      }
      expect(disagreements).toEqual([]);
    });

    it("agrees on every move of a conversation, for each side and for those outside it", async () => {
      // Canada's interest in Japan's separation offer, put in each state by the database's owner.
      const interest = ids.interest(1);
      const into: Record<InterestStatus, string> = {
        sent: "",
        in_talks: `update public.expressions_of_interest set status = 'in_talks' where id = '${interest}'`,
        agreed: `update public.expressions_of_interest set status = 'in_talks' where id = '${interest}';
                 update public.expressions_of_interest set status = 'agreed', terms_summary = 'Licence.',
                   agreed_on = '2026-10-01' where id = '${interest}'`,
        declined: `update public.expressions_of_interest set status = 'declined' where id = '${interest}'`,
      };
      const disagreements: string[] = [];
      for (const user of [
        "delegateJp",
        "twoHats",
        "delegateAu",
        "secretariat",
        "observer",
      ] as const) {
        for (const from of INTEREST_STATUSES) {
          for (const to of INTEREST_STATUSES) {
            if (from === to) continue;
            const database = await rolledBack(
              handle.db,
              user,
              async (tx) => {
                try {
                  const rows = await tx.query(
                    `update public.expressions_of_interest
                        set status = $2,
                            terms_summary = case when $2 = 'agreed' then 'Licence.' else terms_summary end,
                            agreed_on = case when $2 = 'agreed' then date '2026-10-01' else agreed_on end
                      where id = $1 returning id`,
                    [interest, to],
                  );
                  return rows.length === 1;
                } catch {
                  return false;
                }
              },
              into[from] || undefined,
            );
            const domain = canMoveInterest(
              actorOf(as[user]),
              { ownerMemberId: ids.member.JP, memberId: ids.member.CA, status: from },
              to,
            );
            if (database !== domain) disagreements.push(`${user}: ${from} → ${to} db=${database}`);
          }
        }
      }
      expect(disagreements).toEqual([]);
    });

    it("agrees on who sees an item, for every audience and every role: policies, point check and domain", async () => {
      const item = ids.offer(1); // Japan's
      const audiences: Array<{ audience: Audience; memberIds: string[]; secretariat: boolean }> = [
        { audience: "private", memberIds: [], secretariat: false },
        { audience: "partnership", memberIds: [], secretariat: false },
        { audience: "chosen", memberIds: [ids.member.CA, ids.member.FR], secretariat: false },
        { audience: "chosen", memberIds: [ids.member.CA], secretariat: true },
        { audience: "chosen", memberIds: [ids.member.AU, ids.member.US], secretariat: false },
        { audience: "chosen", memberIds: [], secretariat: true },
      ];
      const disagreements: string[] = [];
      for (const choice of audiences) {
        const setup = `update public.shared_items set audience = '${choice.audience}',
            includes_secretariat = ${choice.secretariat} where id = '${item}';
          delete from public.shared_item_audiences where item_id = '${item}';
          ${choice.memberIds
            .map(
              (
                member,
              ) => `insert into public.shared_item_audiences (partnership_id, item_id, member_id)
                values ('${ids.cm}', '${item}', '${member}')`,
            )
            .join(";")}`;
        for (const user of USERS) {
          // The select policies test the row; can_see_item checks one item by id; the domain says it in
          // TypeScript. All three must give the same answer.
          const database = await rolledBack(
            handle.db,
            user,
            async (tx) => {
              const rows = (table: string) =>
                tx.query(`select 1 from public.${table} where id = $1`, [item]);
              const [point] = await tx.query<{ sees: boolean }>(
                "select private.can_see_item($1) as sees",
                [item],
              );
              return {
                item: (await rows("shared_items")).length === 1,
                offer: (await rows("technology_offers")).length === 1,
                point: point?.sees ?? null,
              };
            },
            setup,
          );
          const domain = maySeeItem(actorOf(as[user]), {
            ownerMemberId: ids.member.JP,
            audience: choice.audience,
            includesSecretariat: choice.secretariat,
            memberIds: choice.memberIds,
          });
          if (Object.values(database).some((answer) => answer !== domain)) {
            disagreements.push(
              `${JSON.stringify(choice)} ${user}: db=${JSON.stringify(database)} ts=${domain}`,
            );
          }
        }
      }
      expect(disagreements).toEqual([]);
    });
  });

  describe("offers and requests", () => {
    it("creates an offer for the delegate's own government with its audience, its contact the delegate", async () => {
      const created = await createTechnologyItem(
        as.delegateJp,
        "offer",
        offer({ audience: "chosen", memberIds: [ids.member.CA, ids.member.FR] }),
      );
      if (!created.ok) throw new Error(created.message);
      const own = await getTechnologyItem(as.delegateJp, "offer", created.id);
      expect(own).toMatchObject({
        mine: true,
        ownerCode: "JP",
        audience: "chosen",
        includesSecretariat: false,
        audienceList: [
          { code: "CA", name: "Canada" },
          { code: "FR", name: "France" },
        ].map((m) => expect.objectContaining(m)),
        contactMembershipId: ids.membership.delegateJp,
        contactEmail: "delegate.jp@demo.lodestone.example",
        statusMoves: ["in_talks", "agreed", "closed"],
        mayExpressInterest: false,
        status: "open",
        trl: 7,
      });
      const canada = await getTechnologyItem(as.twoHats, "offer", created.id);
      expect(canada).toMatchObject({
        mine: false,
        audienceList: null,
        statusMoves: [],
        mayExpressInterest: true,
      });
      expect(await getTechnologyItem(as.delegateAu, "offer", created.id)).toBeNull();
      expect(await getTechnologyItem(as.secretariat, "offer", created.id)).toBeNull();
      // Not a request, whatever the id.
      expect(await getTechnologyItem(as.delegateJp, "request", created.id)).toBeNull();
    });

    it("refuses items in another's name, unknown governments and contacts, keeping the field", async () => {
      const countItems = async () =>
        (
          await handle.db.query<{ n: number }>("select count(*)::int as n from public.shared_items")
        )[0]?.n;
      const before = await countItems();
      expect(await createTechnologyItem(as.secretariat, "offer", offer())).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await createTechnologyItem(as.sponsor, "request", offer())).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(
        await createTechnologyItem(
          as.delegateJp,
          "offer",
          offer({ audience: "chosen", memberIds: [ids.member.pbAU] }),
        ),
      ).toMatchObject({ ok: false, status: 422, field: "memberIds" });
      expect(
        await createTechnologyItem(
          as.delegateJp,
          "offer",
          offer({ contactMembershipId: ids.membership.delegateAu }),
        ),
      ).toMatchObject({ ok: false, status: 422, field: "contactMembershipId" });
      // Nothing half-written.
      expect(await countItems()).toBe(before);
    });

    it("edits against the version seen, for its own government only", async () => {
      const item = ids.request(2); // Japan's
      const { version } = await versionOf("technology_requests", item);
      const fields = {
        itemId: item,
        version,
        title: "Pre-processing of magnet scrap at scale",
        description: null,
        category: "recycling" as const,
        minerals: ["NdPr" as const, "Dy" as const],
        trl: 6,
        holderOrganisation: "Hokuyo Magnetics K.K.",
        licensingTerms: null,
        exportControlled: false,
        exportControlRegime: null,
        exportControlNote: null,
        contactMembershipId: null,
      };
      expect(await updateTechnologyItem(as.delegateAu, "request", fields)).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await updateTechnologyItem(as.delegateJp, "request", fields)).toEqual({
        ok: true,
        version: version + 1,
      });
      expect(await updateTechnologyItem(as.delegateJp, "request", fields)).toMatchObject({
        ok: false,
        status: 409,
      });
      const now = await getTechnologyItem(as.delegateAu, "request", item);
      // The contact was kept (none was given), the minerals changed.
      expect(now).toMatchObject({
        minerals: ["NdPr", "Dy"],
        contactMembershipId: ids.membership.delegateJp,
      });
      expect(
        await updateTechnologyItem(as.delegateJp, "request", { ...fields, itemId: ids.offer(1) }),
      ).toMatchObject({ ok: false, status: 404 });
    });

    it("moves an item's status along its life and explains a refused move", async () => {
      const created = await createTechnologyItem(
        as.delegateAu,
        "request",
        offer({ title: "Closing request" }),
      );
      if (!created.ok) throw new Error(created.message);
      expect(
        await moveTechnologyItem(as.delegateAu, "request", {
          itemId: created.id,
          version: 1,
          status: "closed",
        }),
      ).toEqual({ ok: true, version: 2 });
      expect(
        await moveTechnologyItem(as.delegateAu, "request", {
          itemId: created.id,
          version: 2,
          status: "agreed",
        }),
      ).toEqual({
        ok: false,
        status: 422,
        field: "status",
        message: msg("database.itemTransition", { from: "closed", to: "agreed" }),
      });
      expect(
        translate("en", msg("database.itemTransition", { from: "closed", to: "agreed" })),
      ).toBe("An offer or request cannot go from “Closed” to “Agreed”.");
      expect(
        await moveTechnologyItem(as.delegateJp, "request", {
          itemId: created.id,
          version: 2,
          status: "open",
        }),
      ).toMatchObject({ ok: false, status: 403 });
    });

    it("lists what the member may see, filtered", async () => {
      const separation = await listOffers(as.delegateAu, { category: "separation" });
      expect(separation.map((row) => row.id)).toContain(ids.offer(6));
      expect(separation.map((row) => row.id)).not.toContain(ids.offer(1));
      expect(separation.every((row) => row.category === "separation")).toBe(true);
      const gallium = await listOffers(as.delegateJp, { mineral: "gallium" });
      expect(gallium.map((row) => row.id)).toEqual([ids.offer(3)]);
      expect(gallium[0]).toMatchObject({
        exportControlled: true,
        ownerName: "United States",
        mine: false,
      });
      expect(await listOffers(as.observer)).toEqual([]);
      expect(await listOffers(as.sponsor)).toEqual([]);
    });

    it("removes an item that drew no interest, and keeps one that did", async () => {
      const created = await createTechnologyItem(
        as.delegateUs,
        "offer",
        offer({ title: "Short-lived" }),
      );
      if (!created.ok) throw new Error(created.message);
      expect(await deleteItem(as.delegateJp, created.id)).toMatchObject({ ok: false, status: 403 });
      expect(await deleteItem(as.delegateUs, created.id)).toEqual({ ok: true, id: created.id });
      expect(await getTechnologyItem(as.delegateUs, "offer", created.id)).toBeNull();
      expect(await deleteItem(as.delegateJp, ids.offer(1))).toMatchObject({
        ok: false,
        status: 409,
      });
      expect(await getTechnologyItem(as.delegateJp, "offer", ids.offer(1))).not.toBeNull();
    });
  });

  describe("audiences", () => {
    it("changes who sees an item against the version its owner saw", async () => {
      const created = await createTechnologyItem(
        as.delegateUs,
        "offer",
        offer({ title: "Audience test", audience: "private" }),
      );
      if (!created.ok) throw new Error(created.message);
      expect(await getTechnologyItem(as.delegateJp, "offer", created.id)).toBeNull();
      const shared = await setAudience(as.delegateUs, {
        itemId: created.id,
        version: 1,
        audience: "chosen",
        memberIds: [ids.member.JP, ids.member.US],
        includesSecretariat: true,
      });
      expect(shared).toEqual({ ok: true, version: 2 });
      const own = await getTechnologyItem(as.delegateUs, "offer", created.id);
      // The owning government itself is never listed: it always sees its own.
      expect(own?.audienceList?.map((m) => m.code)).toEqual(["JP"]);
      expect(await getTechnologyItem(as.delegateJp, "offer", created.id)).not.toBeNull();
      expect(await getTechnologyItem(as.secretariat, "offer", created.id)).not.toBeNull();
      expect(
        await setAudience(as.delegateUs, {
          itemId: created.id,
          version: 1,
          audience: "private",
          memberIds: [],
          includesSecretariat: false,
        }),
      ).toMatchObject({ ok: false, status: 409 });
      expect(
        await setAudience(as.delegateJp, {
          itemId: created.id,
          version: 2,
          audience: "partnership",
          memberIds: [],
          includesSecretariat: false,
        }),
      ).toMatchObject({ ok: false, status: 403 });
      expect(
        await setAudience(as.delegateUs, {
          itemId: created.id,
          version: 2,
          audience: "chosen",
          memberIds: [ids.member.pbJP],
          includesSecretariat: false,
        }),
      ).toMatchObject({ ok: false, status: 422, field: "memberIds" });
    });

    it("offers every other government of the partnership to choose from", async () => {
      const options = await audienceOptions(as.delegateJp);
      expect(options).toHaveLength(11);
      expect(options.map((o) => o.code)).not.toContain("JP");
    });
  });

  describe("expressions of interest", () => {
    it("takes Canada's interest into talks, moving the offer with it, and records the agreement", async () => {
      const created = await createTechnologyItem(
        as.delegateJp,
        "offer",
        offer({
          title: "Offer to Canada and France",
          audience: "chosen",
          memberIds: [ids.member.CA, ids.member.FR],
        }),
      );
      if (!created.ok) throw new Error(created.message);
      const sent = await expressInterest(as.twoHats, {
        itemId: created.id,
        message: "Canada would like to license this.",
      });
      if (!sent.ok) throw new Error(sent.message);
      expect(
        await expressInterest(as.twoHats, { itemId: created.id, message: "Again." }),
      ).toMatchObject({ ok: false, status: 409 });
      expect(await getTechnologyItem(as.twoHats, "offer", created.id)).toMatchObject({
        mayExpressInterest: false,
        interests: [expect.objectContaining({ id: sent.id, status: "sent", moves: ["declined"] })],
      });

      expect(
        await moveInterest(
          as.twoHats,
          {
            interestId: sent.id,
            version: 1,
            status: "in_talks",
            termsSummary: null,
            agreedOn: null,
          },
          handle.today,
        ),
      ).toMatchObject({ ok: false, status: 403 });
      expect(
        await moveInterest(
          as.delegateJp,
          {
            interestId: sent.id,
            version: 1,
            status: "in_talks",
            termsSummary: null,
            agreedOn: null,
          },
          handle.today,
        ),
      ).toEqual({ ok: true, version: 2 });
      expect((await getTechnologyItem(as.twoHats, "offer", created.id))?.status).toBe("in_talks");

      const tomorrow = addDays(handle.today, 1);
      expect(
        await moveInterest(
          as.delegateJp,
          {
            interestId: sent.id,
            version: 2,
            status: "agreed",
            termsSummary: "Licence for Quebec.",
            agreedOn: tomorrow,
          },
          handle.today,
        ),
      ).toMatchObject({ ok: false, status: 422, field: "agreedOn" });
      expect(
        await moveInterest(
          as.delegateJp,
          {
            interestId: sent.id,
            version: 1,
            status: "agreed",
            termsSummary: "Licence.",
            agreedOn: handle.today,
          },
          handle.today,
        ),
      ).toMatchObject({ ok: false, status: 409 });
      expect(
        await moveInterest(
          as.delegateJp,
          {
            interestId: sent.id,
            version: 2,
            status: "agreed",
            termsSummary: "Licence for Quebec.",
            agreedOn: handle.today,
          },
          handle.today,
        ),
      ).toEqual({ ok: true, version: 3 });
      expect(await getTechnologyItem(as.twoHats, "offer", created.id)).toMatchObject({
        status: "agreed",
        interests: [
          expect.objectContaining({
            status: "agreed",
            termsSummary: "Licence for Quebec.",
            agreedOn: handle.today,
            moves: [],
          }),
        ],
      });
      // Agreed is final.
      expect(
        await moveInterest(
          as.delegateJp,
          {
            interestId: sent.id,
            version: 3,
            status: "declined",
            termsSummary: null,
            agreedOn: null,
          },
          handle.today,
        ),
      ).toMatchObject({ ok: false, status: 403 });
    });

    it("refuses interest in an unseen item, one's own, and from anyone but a delegate", async () => {
      expect(
        await expressInterest(as.delegateAu, { itemId: ids.offer(1), message: "Hello." }),
      ).toMatchObject({ ok: false, status: 404 });
      expect(
        await expressInterest(as.delegateJp, { itemId: ids.offer(1), message: "Hello." }),
      ).toMatchObject({ ok: false, status: 422 });
      expect(
        await expressInterest(as.secretariat, { itemId: ids.offer(3), message: "Hello." }),
      ).toMatchObject({ ok: false, status: 403 });
      expect(
        await expressInterest(as.delegateJp, { itemId: ids.action(1), message: "Hello." }),
      ).toMatchObject({ ok: false, status: 404 });
    });

    it("shows the secretariat the agreements on items shared with it, and no other", async () => {
      const agreements = await listInterests(as.secretariat, { status: "agreed" });
      const titles = agreements.map((a) => a.itemTitle);
      expect(titles).toContain("Hydrogen decrepitation of end-of-life magnets");
      expect(titles).not.toContain("Offer to Canada and France");
      expect(agreements.every((a) => a.status === "agreed")).toBe(true);
      expect(agreements.find((a) => a.id === ids.interest(2))).toMatchObject({
        memberName: "Republic of Korea",
        itemOwnerName: "France",
        termsSummary: expect.stringContaining("Non-exclusive licence"),
        agreedOn: seedDate("2026-10-15", handle.today),
      });
      // Japan sees its own conversations, on either side, and not Korea's with France.
      const japan = await listInterests(as.delegateJp);
      expect(japan.map((a) => a.id)).toEqual(
        expect.arrayContaining([ids.interest(1), ids.interest(3)]),
      );
      expect(japan.map((a) => a.id)).not.toContain(ids.interest(2));
    });
  });

  describe("matching", () => {
    it("ranks the offers a request's government may see by TRL, and nothing it may not", async () => {
      // Australia's separation request (Dy, Tb): Korea's partnership-wide offer matches; Japan's is not shared
      // with Australia.
      expect((await matchesForRequest(as.delegateAu, ids.request(1))).map((m) => m.id)).toEqual([
        ids.offer(6),
      ]);
      const chosen = await createTechnologyItem(
        as.delegateJp,
        "offer",
        offer({
          title: "Dy-Tb separation for Australia",
          trl: "9",
          minerals: ["Tb"],
          audience: "chosen",
          memberIds: [ids.member.AU],
          includesSecretariat: "on",
        }),
      );
      if (!chosen.ok) throw new Error(chosen.message);
      const australia = await matchesForRequest(as.delegateAu, ids.request(1));
      expect(australia.map((m) => [m.id, m.trl, m.sharedMinerals])).toEqual([
        [chosen.id, 9, ["Tb"]],
        [ids.offer(6), 5, ["Dy", "Tb"]],
      ]);
      // Japan owns the chosen offer and reads its audience: it knows Australia may see it.
      expect((await matchesForRequest(as.delegateJp, ids.request(1))).map((m) => m.id)).toEqual([
        chosen.id,
        ids.offer(6),
      ]);
      // The secretariat sees the offer (ticked) but cannot know Australia may: it is not counted.
      expect((await matchesForRequest(as.secretariat, ids.request(1))).map((m) => m.id)).toEqual([
        ids.offer(6),
      ]);
      expect(await matchesForRequest(as.observer, ids.request(1))).toEqual([]);

      const dashboard = await myRequestMatches(as.delegateAu);
      expect(dashboard.map((d) => [d.request.id, d.matches.map((m) => m.id)])).toContainEqual([
        ids.request(1),
        [chosen.id, ids.offer(6)],
      ]);
      expect(await myRequestMatches(as.secretariat)).toEqual([]);
    });
  });

  describe("national actions and meetings", () => {
    it("creates, reads and edits a national action with an exact amount", async () => {
      const form = {
        kind: "stockpile",
        title: "Gallium reserve",
        summary: "A reserve of gallium for semiconductor makers.",
        minerals: ["gallium"],
        status: "planned",
        amount: "250,000,000.75",
        currency: "AUD",
        audience: "chosen",
        memberIds: [ids.member.JP],
      };
      const input = NationalActionSchema.parse(form);
      const created = await createNationalAction(as.delegateAu, input);
      if (!created.ok) throw new Error(created.message);
      expect(await getNationalAction(as.delegateJp, created.id)).toMatchObject({
        amountMinor: "25000000075",
        currency: "AUD",
        ownerName: "Australia",
        mine: false,
        audienceList: null,
        presentedAt: [],
      });
      expect(await getNationalAction(as.delegateUs, created.id)).toBeNull();
      const edit = EditNationalActionSchema.parse({
        ...form,
        amount: "",
        status: "under_way",
        itemId: created.id,
        version: "1",
      });
      expect(await updateNationalAction(as.delegateAu, edit)).toEqual({ ok: true, version: 2 });
      expect(await updateNationalAction(as.delegateAu, edit)).toMatchObject({
        ok: false,
        status: 409,
      });
      expect(await updateNationalAction(as.delegateJp, { ...edit, version: 2 })).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await getNationalAction(as.delegateAu, created.id)).toMatchObject({
        status: "under_way",
        amountMinor: null,
        currency: null,
        mine: true,
        audienceList: [expect.objectContaining({ code: "JP" })],
      });
      expect(await createNationalAction(as.observer, input)).toMatchObject({
        ok: false,
        status: 403,
      });
    });

    it("lists each member's shared actions, and a meeting's presentations as far as each may see", async () => {
      const japan = await listNationalActions(as.delegateJp);
      expect(japan.map((a) => a.id)).toEqual(
        expect.arrayContaining([ids.action(1), ids.action(3), ids.action(4), ids.action(5)]),
      );
      const australia = (await listNationalActions(as.delegateAu)).map((a) => a.id);
      expect(australia).toContain(ids.action(3));
      expect(australia).not.toContain(ids.action(4));
      expect(australia).not.toContain(ids.action(5));
      expect(await listNationalActions(as.observer)).toEqual([]);

      const tokyo = (await listMeetings(as.delegateAu)).find((m) => m.id === ids.meeting(1));
      expect(tokyo?.presented.map((p) => p.title).sort()).toEqual([
        "Critical Minerals Strategic Reserve",
        "Economic security fund for rare earth separation",
        "Recycling obligation for magnets in motors",
      ]);
      const observed = await listMeetings(as.observer);
      expect(observed.map((m) => m.title)).toEqual([
        "Fifth Critical Minerals Ministerial",
        "Fourth Critical Minerals Ministerial",
      ]);
      expect(observed.flatMap((m) => m.presented)).toEqual([]);
      expect((await getNationalAction(as.delegateJp, ids.action(1)))?.presentedAt).toEqual([
        expect.objectContaining({
          meetingId: ids.meeting(1),
          place: "Tokyo",
          heldOn: seedDate("2026-10-20", handle.today),
        }),
      ]);
    });

    it("lets the secretariat record meetings and mark the actions shared with it as presented", async () => {
      const meeting = { title: "Officials' meeting", place: "Paris", heldOn: "2027-02-10" };
      expect(await createMeeting(as.delegateJp, meeting)).toMatchObject({ ok: false, status: 403 });
      const created = await createMeeting(as.secretariat, meeting);
      if (!created.ok) throw new Error(created.message);
      // The United States shares its tariff-rate quota with Japan alone.
      expect(
        await markPresented(as.secretariat, { meetingId: created.id, actionId: ids.action(4) }),
      ).toMatchObject({ ok: false, status: 422, field: "actionId" });
      const marked = await markPresented(as.secretariat, {
        meetingId: created.id,
        actionId: ids.action(3),
      });
      if (!marked.ok) throw new Error(marked.message);
      expect(
        await markPresented(as.secretariat, { meetingId: created.id, actionId: ids.action(3) }),
      ).toEqual({ ok: true, id: marked.id });
      expect(
        (await getNationalAction(as.delegateAu, ids.action(3)))?.presentedAt.map((p) => p.place),
      ).toEqual(["Paris"]);
      expect(
        await unmarkPresented(as.delegateJp, { meetingId: created.id, actionId: ids.action(3) }),
      ).toMatchObject({ ok: false, status: 403 });
      expect(
        await unmarkPresented(as.secretariat, { meetingId: created.id, actionId: ids.action(3) }),
      ).toEqual({ ok: true, id: marked.id });

      const moved = { ...meeting, place: "Lyon", meetingId: created.id, version: 1 };
      expect(await updateMeeting(as.delegateAu, moved)).toMatchObject({ ok: false, status: 403 });
      expect(await updateMeeting(as.secretariat, moved)).toEqual({ ok: true, version: 2 });
      expect(await updateMeeting(as.secretariat, moved)).toMatchObject({ ok: false, status: 409 });
      expect(await deleteMeeting(as.observer, created.id)).toMatchObject({
        ok: false,
        status: 403,
      });
      expect(await deleteMeeting(as.secretariat, created.id)).toEqual({ ok: true, id: created.id });
      expect((await listMeetings(as.delegateAu)).map((m) => m.id)).not.toContain(created.id);
    });
  });

  describe("country pages", () => {
    it("shows a government its own page with drafts and unshared items", async () => {
      const page = await getCountryPage(as.delegateJp, "JP");
      expect(page).toMatchObject({ government: { code: "JP", name: "Japan" }, isOwn: true });
      expect(page?.hostedProjects.map((p) => p.name)).toEqual(["Kitakyushu Sintered Magnet Line"]);
      expect(page?.registeredProjects.map((p) => p.name)).toEqual([
        "Darwin Heavy Rare Earths Refinery",
        "Kitakyushu Sintered Magnet Line",
        "Pilbara Rare Earth Separation Plant",
      ]);
      expect(page?.pledges.map((p) => p.status).sort()).toEqual([
        "committed",
        "disbursing",
        "draft",
      ]);
      expect(page?.offers.map((o) => o.id)).toEqual(
        expect.arrayContaining([ids.offer(1), ids.offer(4)]),
      );
      expect(page?.nationalActions.map((a) => a.id)).toEqual(
        expect.arrayContaining([ids.action(1), ids.action(5)]),
      );
      // The draft pledge counts in no total; the disbursing one has paid its first tranche.
      expect(page?.pledgeTotals).toEqual([
        { currency: "JPY", committedMinor: "4500000000", paidMinor: "500000000" },
      ]);
    });

    it("shows another government only what it shares with the viewer", async () => {
      const page = await getCountryPage(as.delegateAu, "JP");
      expect(page?.isOwn).toBe(false);
      expect(page?.registeredProjects.map((p) => p.name)).not.toContain(
        "Darwin Heavy Rare Earths Refinery",
      );
      expect(page?.pledges.map((p) => p.status).sort()).toEqual(["committed", "disbursing"]);
      const offers = page?.offers.map((o) => o.id) ?? [];
      expect(offers).not.toContain(ids.offer(1));
      expect(offers).not.toContain(ids.offer(4));
      expect(page?.requests.map((r) => r.id)).toContain(ids.request(2));
      expect(page?.nationalActions.map((a) => a.id)).toEqual([ids.action(1)]);

      const canada = await getCountryPage(as.delegateJp, "CA");
      expect(canada?.offers.map((o) => o.id)).toContain(ids.offer(5));
      expect(canada?.nationalActions.map((a) => a.id)).toContain(ids.action(3));

      const sponsor = await getCountryPage(as.sponsor, "JP");
      expect(sponsor).toMatchObject({ offers: [], requests: [], nationalActions: [] });
      expect(sponsor?.hostedProjects.map((p) => p.name)).toEqual([
        "Kitakyushu Sintered Magnet Line",
      ]);
    });

    it("answers no page for a government that is not in the partnership", async () => {
      expect(await getCountryPage(as.delegateJp, "CL")).toBeNull();
      expect(await getCountryPage(as.delegateJp, "jp")).toBeNull();
      expect(await getCountryPage(as.delegateJp, "JPN")).toBeNull();
    });
  });
});
