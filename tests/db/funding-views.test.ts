/*
 * The funding views run as the signed-in user under RLS: a government's drafts reach its own delegates'
 * totals, exports and map, and nobody else's, on both engines. Also the pledge lifecycle through the models.
 */
import type { MemberContext } from "~/auth/auth.server";
import { runAsUser } from "~/db/rls.server";
import { countryName } from "~/domain/countries";
import type { Role } from "~/domain/permissions";
import { getProjectFunding } from "~/models/funding.server";
import { getPortfolio, portfolioTable } from "~/models/portfolio.server";
import {
  amendPledge,
  commitPledge,
  createPledge,
  getPledge,
  listPledges,
  withdrawPledge,
} from "~/models/pledges.server";
import { previewRates, saveRates, listRates } from "~/models/fx-rates.server";
import { toCsv } from "~/utils/csv";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { claimsFor, demoUsers, ids, type DemoUser } from "../support/rls";
import { seedDate } from "../support/seed-dates";
import { translate } from "~/i18n/i18n.server";

const JP_DRAFT = ids.pledge(3); // ¥800,000,000 equity draft on Kalgoorlie (project 1)
const AU_DRAFT = ids.pledge(5); // A$25,000,000.00 loan draft on Pilbara (project 2)
const JP_DRAFT_USD = 521600000n; // ¥800,000,000 × 0.00652 = US$5,216,000.00

function contextFor(
  db: TestDatabase["db"],
  user: DemoUser,
  role: Role,
  memberId: string | null,
): MemberContext {
  return {
    user: {
      id: demoUsers[user].id,
      email: demoUsers[user].email,
      claims: claimsFor(user),
      db: (work) => runAsUser(db, claimsFor(user), work),
    },
    partnership: {
      id: ids.cm,
      slug: "critical-minerals",
      name: "Critical Minerals Ministerial",
      reportingCurrency: "USD",
      subscriptionStatus: "active",
      writable: true,
      published: false,
    },
    membership: {
      membershipId: "",
      role,
      memberId,
      memberCode: null,
      memberName: null,
      sponsorOrganisationId: null,
      sponsorOrganisationName: null,
    },
    unread: 0,
  };
}

describe.each(engines)("funding views on %s", (engine) => {
  let handle: TestDatabase;
  let jp: MemberContext;
  let au: MemberContext;
  let us: MemberContext;
  let secretariat: MemberContext;
  let observer: MemberContext;
  let sponsor: MemberContext;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    jp = contextFor(handle.db, "delegateJp", "delegate", ids.member.JP);
    au = contextFor(handle.db, "delegateAu", "delegate", ids.member.AU);
    us = contextFor(handle.db, "delegateUs", "delegate", ids.member.US);
    secretariat = contextFor(handle.db, "secretariat", "secretariat", null);
    observer = contextFor(handle.db, "observer", "observer", null);
    sponsor = contextFor(handle.db, "sponsor", "sponsor", null);
  });
  afterAll(() => handle.dispose());

  it("shows a delegate their own drafts in the portfolio totals, and nobody else", async () => {
    const mine = await getPortfolio(jp, handle.today);
    expect(mine.hasDrafts).toBe(true);
    expect(BigInt(mine.totals.drafts)).toBe(JP_DRAFT_USD);
    for (const other of [au, secretariat, observer, sponsor]) {
      const theirs = await getPortfolio(other, handle.today);
      // Australia's own draft is on Pilbara; Japan's never appears in anyone else's figures.
      const japanRow = theirs.byGovernment.find((row) => row.label === "Japan");
      expect(japanRow?.drafts ?? "0").toBe("0");
      const kalgoorlie = theirs.gaps.find((row) => row.id === ids.project(1));
      expect(kalgoorlie?.drafts).toBe("0");
    }
    const secretariatView = await getPortfolio(secretariat, handle.today);
    expect(secretariatView.hasDrafts).toBe(false);
    expect(secretariatView.totals.drafts).toBe("0");
    expect(secretariatView.byQuarter.every((row) => row.drafts === "0")).toBe(true);
    expect(secretariatView.byInstrument.every((row) => row.drafts === "0")).toBe(true);
    // Names and labels come from the same vocabulary as every other page.
    expect(secretariatView.byCountry.map((row) => row.label)).toContain(countryName("US"));
    expect(secretariatView.bySegment.map((row) => row.label)).toContain("Refining and processing");
    const kalgoorlie = secretariatView.gaps.find((row) => row.id === ids.project(1));
    expect(kalgoorlie?.hostCountry).toBe(countryName("AU"));
  });

  it("keeps committed, triggered and pending identical for every viewer: drafts never move them", async () => {
    const views = await Promise.all(
      [jp, au, secretariat, observer].map((c) => getPortfolio(c, handle.today)),
    );
    const live = views.map(({ totals: { committed, triggered, pending, sought } }) => ({
      committed,
      triggered,
      pending,
      sought,
    }));
    for (const view of live) expect(view).toEqual(live[0]);
    // The committed total is real money: the seed has unconditional live pledges in six currencies.
    expect(BigInt(live[0]?.committed ?? "0")).toBeGreaterThan(0n);
    // …and the map shows the same dots and amounts to everyone.
    const maps = views.map((view) => view.map.points);
    for (const points of maps) expect(points).toEqual(maps[0]);
  });

  it("never exports another government's drafts", async () => {
    const [jpView, auView, secView] = await Promise.all([
      getPortfolio(jp, handle.today),
      getPortfolio(au, handle.today),
      getPortfolio(secretariat, handle.today),
    ]);
    const csvOf = (
      view: Awaited<ReturnType<typeof getPortfolio>>,
      name: "governments" | "gaps" | "quarters" | "instruments" | "projects",
    ) => {
      const table = portfolioTable(view, name);
      return toCsv(table.header, table.rows);
    };
    expect(csvOf(jpView, "governments")).toContain("Japan,");
    expect(csvOf(jpView, "governments")).toMatch(/Japan,[\d.]+,5216000\.00,/);
    expect(csvOf(auView, "governments")).toMatch(/Japan,[\d.]+,0\.00,/);
    expect(csvOf(secView, "governments")).toMatch(/Japan,[\d.]+,0\.00,/);
    // Australia's own A$25m draft (US$16,350,000.00) shows only in Australia's export.
    expect(csvOf(auView, "governments")).toMatch(/Australia,[\d.]+,16350000\.00,/);
    expect(csvOf(jpView, "governments")).toMatch(/Australia,[\d.]+,0\.00,/);
    for (const name of ["gaps", "quarters", "instruments", "projects"] as const) {
      expect(csvOf(secView, name)).not.toContain("5216000.00");
    }
  });

  it("lists drafts only to their own government", async () => {
    const ids_ = async (context: MemberContext) => (await listPledges(context)).map((p) => p.id);
    expect(await ids_(jp)).toContain(JP_DRAFT);
    expect(await ids_(jp)).not.toContain(AU_DRAFT);
    expect(await ids_(au)).toContain(AU_DRAFT);
    expect(await ids_(au)).not.toContain(JP_DRAFT);
    const seen = await listPledges(secretariat);
    expect(seen.some((p) => p.status === "draft")).toBe(false);
    expect(await getPledge(au, JP_DRAFT, handle.today)).toBeNull();
    expect(await getPledge(secretariat, JP_DRAFT, handle.today)).toBeNull();
    expect((await getPledge(jp, JP_DRAFT, handle.today))?.canAct).toBe(true);
  });

  it("evaluates the seed's rules on a project tab, with drafts apart", async () => {
    const asJapan = await getProjectFunding(jp, ids.project(1), handle.today);
    const asAustralia = await getProjectFunding(au, ids.project(1), handle.today);
    expect(asJapan?.reporting.drafts).toBe(JP_DRAFT_USD.toString());
    expect(asAustralia?.reporting.drafts).toBe("0");
    // Australia's A$50m grant needs 2 other members; nobody else has committed to Kalgoorlie: pending.
    const australia = asAustralia?.pledges.find((p) => p.id === ids.pledge(4));
    expect(australia).toMatchObject({ state: "pending", hasRule: true });
    expect(asAustralia?.reporting.pending).toBe("3270000000"); // A$50,000,000.00 × 0.654
    expect(asJapan?.reporting.pending).toBe(asAustralia?.reporting.pending);
    expect(asAustralia?.rateDate).toMatchObject({
      newest: seedDate("2026-11-20", handle.today),
      on: handle.today,
    });
  });

  it("drafts, commits, amends and withdraws through the models, with the database's rules", async () => {
    const draft = await createPledge(us, {
      projectId: ids.project(7),
      amountMinor: 100000000n,
      currency: "USD",
      instrument: "grant",
      conditions: null,
      rule: { kind: "min_other_members", n: 1 },
      tranches: [
        { amountMinor: 60000000n, dueDate: "2027-03-31", milestoneId: ids.milestone(17) },
        { amountMinor: 40000000n, dueDate: "2027-09-30", milestoneId: null },
      ],
    });
    expect(draft).toEqual({ ok: true, id: expect.any(String) });
    if (!draft.ok) return;
    const refused = await createPledge(us, {
      projectId: ids.project(6), // submitted, not approved
      amountMinor: 1n,
      currency: "USD",
      instrument: "grant",
      conditions: null,
      rule: null,
      tranches: [{ amountMinor: 1n, dueDate: "2027-03-31", milestoneId: null }],
    });
    expect(refused).toMatchObject({ ok: false, field: "projectId" });
    const wrongMilestone = await createPledge(us, {
      projectId: ids.project(7),
      amountMinor: 1n,
      currency: "USD",
      instrument: "grant",
      conditions: null,
      rule: null,
      tranches: [{ amountMinor: 1n, dueDate: "2027-03-31", milestoneId: ids.milestone(1) }],
    });
    expect(wrongMilestone).toMatchObject({ ok: false, field: "tranches.0.milestoneId" });

    expect(await commitPledge(au, draft.id, 1)).toMatchObject({ ok: false, status: 404 });
    expect(await commitPledge(us, draft.id, 99)).toMatchObject({ ok: false, status: 409 });
    expect(await commitPledge(us, draft.id, 1)).toMatchObject({ ok: true });
    expect((await getPledge(secretariat, draft.id, handle.today))?.pledge.status).toBe("committed");

    // The milestone is done: its tranche becomes requested (and is no longer re-spread by amendments).
    await runAsUser(handle.db, claimsFor("secretariat"), (tx) =>
      tx.query(
        "select 1 from public.complete_milestone($1, (select version from public.milestones where id = $1))",
        [ids.milestone(17)],
      ),
    );
    const released = await getPledge(us, draft.id, handle.today);
    expect(released?.tranches.map((t) => t.status)).toEqual(["requested", "scheduled"]);

    expect(await amendPledge(us, draft.id, 150000000n, "Doubled the second half.")).toMatchObject({
      ok: true,
    });
    const amended = await getPledge(jp, draft.id, handle.today);
    expect(amended?.pledge.amountMinor).toBe("150000000");
    expect(amended?.amendments[0]).toMatchObject({
      previousAmountMinor: "100000000",
      newAmountMinor: "150000000",
      reason: "Doubled the second half.",
    });
    expect(amended?.tranches.map((t) => t.amountMinor)).toEqual(["60000000", "90000000"]);
    expect(await amendPledge(us, draft.id, 50000000n, "Below what is requested.")).toMatchObject({
      ok: false,
      status: 422,
      field: "newAmount",
    });
    // At least one other member must commit: on Lacq only Europe's pledge is live, itself pending.
    expect(amended?.evaluation?.state).toBe("pending");

    expect(await withdrawPledge(jp, draft.id, "not ours")).toMatchObject({ ok: false });
    expect(await withdrawPledge(us, draft.id, "Budget cut.")).toMatchObject({ ok: true });
    const withdrawn = await getPledge(secretariat, draft.id, handle.today);
    expect(withdrawn?.pledge).toMatchObject({
      status: "withdrawn",
      withdrawalReason: "Budget cut.",
    });
  });

  it("lets only the secretariat save FX rates, after a preview", async () => {
    const preview = previewRates(
      "currency,rate,as_of\nCHF,1.13,2026-11-26\nCHF,1.14,2026-11-26\nUSD,1,2026-11-26\nEUR,abc,2026-11-26\nEUR,1.15,2026-13-01\nEUR,1.16,2099-01-01",
      "USD",
      await listRates(secretariat),
      handle.today,
    );
    expect(preview.valid).toEqual([]);
    expect(preview.rows.map((row) => row.errors.length)).toEqual([0, 1, 1, 1, 1, 1]);
    expect(translate("en", preview.rows[1]?.errors[0] ?? "")).toBe(
      "Line 2 already gives CHF on 2026-11-26.",
    );
    const headless = previewRates("rate,as_of\n1,2026-01-01", "USD", [], handle.today);
    expect(translate("en", headless.fileErrors[0] ?? "")).toMatch(/missing: currency/);
    const seededDay = seedDate("2026-11-20", handle.today);
    const good = previewRates(
      `Currency,Rate,As_Of\nEUR,1.1600,${seededDay}\n`,
      "USD",
      await listRates(secretariat),
      handle.today,
    );
    expect(good.rows[0]?.replaces).toBe("1.1580000000");

    expect(await saveRates(jp, good.valid)).toMatchObject({ ok: false });
    expect(await saveRates(secretariat, good.valid)).toEqual({ ok: true, saved: 1 });
    const rates = await listRates(observer);
    expect(rates.find((r) => r.currency === "EUR" && r.asOf === seededDay)?.rate).toBe(
      "1.1600000000",
    );
  });

  describe("the rollups and the per-request evaluation (ADR 072)", () => {
    const viewers = () => [jp, au, us, secretariat, observer, sponsor];
    /** Both sources, all rows, for every viewer: they must be the same portfolio. */
    async function expectSameFromBoth(onDate: string) {
      for (const viewer of viewers()) {
        const [rolled, evaluated] = await Promise.all([
          getPortfolio(viewer, onDate),
          getPortfolio(viewer, onDate, { source: "per-request" }),
        ]);
        expect(rolled).toEqual(evaluated);
      }
    }

    it("agree on the seed for every viewer, page-sized and whole", async () => {
      await expectSameFromBoth(handle.today);
      const [page, whole] = await Promise.all([
        getPortfolio(jp, handle.today, { limit: 3 }),
        getPortfolio(jp, handle.today, { limit: 3, source: "per-request" }),
      ]);
      expect(page).toEqual(whole);
      expect(page.gaps).toHaveLength(3);
      expect(page.counts.projects).toBeGreaterThan(3);
    });

    it("list the milestones at risk as the plain filter does, soonest first, cut at the limit", async () => {
      // The page reads one ordered index range per open status; the plain definition, straight from the rows.
      const plain = await runAsUser(handle.db, claimsFor("secretariat"), (tx) =>
        tx.query<{ id: string }>(
          `select ms.id from public.milestones ms join public.projects pr on pr.id = ms.project_id
            where ms.partnership_id = $1 and pr.status in ('submitted', 'approved', 'completed')
              and (ms.status in ('at_risk', 'delayed')
                   or (ms.due_date < $2::date and ms.status not in ('done', 'cancelled')))
            order by ms.due_date, ms.id`,
          [ids.cm, handle.today],
        ),
      );
      expect(plain.length).toBeGreaterThan(3);
      for (const limit of [1, 3, undefined]) {
        const portfolio = await getPortfolio(secretariat, handle.today, { limit });
        expect(portfolio.milestonesAtRisk.map((row) => row.id)).toEqual(
          plain.slice(0, limit ?? plain.length).map((row) => row.id),
        );
        expect(portfolio.counts.milestonesAtRisk).toBe(plain.length);
      }
    });

    it("still agree after pledges, tranches, rates and projects change", async () => {
      const changed = await createPledge(au, {
        projectId: ids.project(7),
        amountMinor: 250000000n,
        currency: "AUD",
        instrument: "loan",
        conditions: null,
        rule: { kind: "match", numerator: 1, denominator: 2, capMinor: 90000000n },
        tranches: [{ amountMinor: 250000000n, dueDate: "2027-06-30", milestoneId: null }],
      });
      expect(changed.ok).toBe(true);
      await expectSameFromBoth(handle.today); // a draft: only Australia sees it, apart
      if (changed.ok) expect(await commitPledge(au, changed.id, 1)).toMatchObject({ ok: true });
      await expectSameFromBoth(handle.today); // live, conditional: the engine splits it
      const seededDay = seedDate("2026-11-20", handle.today);
      const rate = previewRates(
        `currency,rate,as_of\nAUD,0.7000,${seededDay}\n`,
        "USD",
        await listRates(secretariat),
        handle.today,
      );
      expect(await saveRates(secretariat, rate.valid)).toEqual({ ok: true, saved: 1 });
      await expectSameFromBoth(handle.today); // every project revalued at the corrected rate
      await runAsUser(handle.db, claimsFor("secretariat"), (tx) =>
        tx.query(
          "update public.projects set status = 'approved', decision_reason = 'ok' where id = $1",
          [ids.project(6)],
        ),
      );
      await expectSameFromBoth(handle.today); // a submitted project approved
    });

    it("give way to the per-request evaluation for a day before a rate's date", async () => {
      const tomorrow = seedDate("2026-12-01", handle.today);
      const ahead = previewRates(
        `currency,rate,as_of\nEUR,2.0000,${tomorrow}\n`,
        "USD",
        await listRates(secretariat),
        tomorrow,
      );
      expect(await saveRates(secretariat, ahead.valid)).toEqual({ ok: true, saved: 1 });
      // Today is before the new rate: the rollups (at the newest rates) do not describe it.
      await expectSameFromBoth(handle.today);
      const [today, onTheDay] = await Promise.all([
        getPortfolio(secretariat, handle.today),
        getPortfolio(secretariat, tomorrow),
      ]);
      expect(today.ratesUsed.find((r) => r.currency === "EUR")?.rate).not.toBe("2.0000000000");
      expect(onTheDay.ratesUsed.find((r) => r.currency === "EUR")?.rate).toBe("2.0000000000");
      await expectSameFromBoth(tomorrow);
    });
  });
});
