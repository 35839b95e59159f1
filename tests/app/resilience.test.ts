/*
 * The resilience models as loaders and actions call them, on both engines: scenarios, the next-pledge table,
 * outputs registered with their project (all or nothing), outputs and links changed with clear refusals, the
 * secretariat's world total, and the newest reference version in use.
 */
import { loadReferenceData, readReferenceFiles } from "~/db/reference.server";
import { runAsServiceRole } from "~/db/service-role.server";
import { hhiPerHundredMillionMilli } from "~/domain/resilience";
import { outputsFromForm } from "~/domain/supply";
import { registerProject } from "~/models/projects.server";
import { getResilience, nextPledgeTable } from "~/models/resilience.server";
import { addLink, addOutput, editOutput, insertOutputs, removeLink } from "~/models/supply.server";
import { mineralChain, mineralProjects } from "~/models/supply-chain.server";
import { setWorldTotal } from "~/models/world-totals.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids } from "../support/rls";
import { seedDate } from "../support/seed-dates";
import { translate } from "~/i18n/i18n.server";
import { msg } from "~/i18n/message";

// FX rates are seeded ten days before the seed's reference day; evaluate funding as of that day.
const ON = seedDate("2026-11-30");
const search = (query: string) => new URLSearchParams(query);

describe.each(engines)("resilience models on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  const as = (user: Parameters<typeof memberContext>[1]) => memberContext(handle.db, user);
  async function model(user: Parameters<typeof memberContext>[1], query: string) {
    const outcome = await getResilience(await as(user), search(query), ON);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.model;
  }
  const added = (m: Awaited<ReturnType<typeof model>>, key: string) =>
    m.groups.find((g) => g.view.key === key)?.view.added;

  it("counts completed projects as funded and approved ones as pipeline until covered", async () => {
    const funded = await model("observer", "horizon=2030&scenario=funded");
    // Teesside (completed, 2,000 t Li from 2026) is the only funded output.
    expect(added(funded, "lithium:refining")).toBe(2000);
    expect(added(funded, "rare_earths:refining")).toBe(0);
    const pipeline = await model("observer", "horizon=2030&scenario=pipeline");
    expect(added(pipeline, "rare_earths:refining")).toBe(3500);
    expect(added(pipeline, "rare_earths:magnets")).toBe(8000);
    // Submitted (Bécancour graphite), rejected (Sonora) and cancelled projects never count.
    expect(added(pipeline, "graphite:refining")).toBe(0);
    expect(added(pipeline, "lithium:mining")).toBe(8000);
    const evaluated = await getResilience(
      await as("observer"),
      search("horizon=2030&scenario=pipeline"),
      ON,
      { source: "per-request" },
    );
    const standing = evaluated.ok
      ? evaluated.model.standings?.find((s) => s.id === ids.project(2))
      : undefined;
    expect(standing).toMatchObject({ projectClass: "pipeline", gapMinor: 26088000000n });
  });

  it("reads the figures from the rollups exactly as the per-request evaluation computes them (ADR 072, 152)", async () => {
    const cases = [
      ["observer", "horizon=2030&scenario=funded"],
      ["delegateJp", "horizon=2036&scenario=with-my-drafts"],
      ["delegateAu", "horizon=2036&scenario=with-my-drafts"],
      ["secretariat", "horizon=2036&scenario=pipeline"],
      ["sponsor", "horizon=2030&scenario=pipeline"],
    ] as const;
    for (const [user, query] of cases) {
      const context = await as(user);
      const [rolled, evaluated] = await Promise.all([
        getResilience(context, search(query), ON),
        getResilience(context, search(query), ON, { source: "per-request" }),
      ]);
      if (!rolled.ok || !evaluated.ok) throw new Error(`${user} ${query} refused`);
      expect(rolled.model.fromRollups).toBe(true);
      expect(evaluated.model.fromRollups).toBe(false);
      const { fromRollups: _r, standings: _s, ...figures } = rolled.model;
      expect(figures).toEqual({ ...evaluated.model, fromRollups: undefined, standings: undefined });
      expect(await nextPledgeTable(context, rolled.model)).toEqual(
        await nextPledgeTable(context, evaluated.model),
      );
      expect(await mineralProjects(context, "rare_earths", rolled.model)).toEqual(
        await mineralProjects(context, "rare_earths", evaluated.model),
      );
    }
  });

  it("pages the mineral's contributing projects: every row once, largest first, the counts of all", async () => {
    const context = await as("secretariat");
    const m = await model("secretariat", "horizon=2030&scenario=pipeline");
    // Pages of two rows over the seed's rare-earth outputs (a page holds LIST_ROWS on the page, ADR 162).
    const whole = await mineralProjects(context, "rare_earths", m, 1, 100);
    expect(whole.rows.length).toBeGreaterThan(3);
    const pages = Math.ceil(whole.rows.length / 2);
    const paged = await Promise.all(
      Array.from({ length: pages + 1 }, (_, n) =>
        mineralProjects(context, "rare_earths", m, n + 1, 2),
      ),
    );
    for (const list of paged) {
      expect(list.counts).toEqual(whole.counts);
      expect(list.pageCount).toBe(pages);
    }
    expect(paged.map((list) => list.page)).toEqual(paged.map((_, n) => n + 1));
    expect(paged.at(-1)?.rows).toEqual([]);
    expect(paged.flatMap((list) => list.rows)).toEqual(whole.rows);
  });

  it("counts a draft in no scenario for its sponsor: drafts are the registering government's", async () => {
    const sponsor = await as("sponsor");
    const refused = await getResilience(sponsor, search("scenario=with-my-drafts"), ON);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    const m = await model("sponsor", "horizon=2036&scenario=pipeline");
    expect(added(m, "rare_earths:refining")).toBe(3500);
    // The sponsor sees Darwin's output on the mineral page, marked as counting nowhere.
    const darwin = (await mineralProjects(sponsor, "rare_earths", m)).rows.find(
      (p) => p.projectId === ids.project(3),
    );
    expect(darwin).toMatchObject({ status: "draft", projectClass: null, counted: false });
  });

  it("ranks the next pledge by ΔHHI per 100 million of gap, computed in integers", async () => {
    const context = await as("secretariat");
    const m = await model("secretariat", "horizon=2030&scenario=funded");
    const rows = await nextPledgeTable(context, m);
    expect(rows.map((row) => row.projectName)).toEqual([
      "Gwangyang NdFeB Alloy Plant",
      "Gulf Coast Gallium & Germanium Recovery",
      "Kitakyushu Sintered Magnet Line",
      "Pilbara Rare Earth Separation Plant",
      "Lacq Magnet Recycling Hub",
      "Kalgoorlie Basin Rare Earths Mine",
      "James Bay Spodumene Mine",
    ]);
    for (const row of rows) {
      expect(row.perHundredMillionMilli).toBe(
        hhiPerHundredMillionMilli(row.deltaHhi, BigInt(row.gapMinor ?? "0"), 2)?.toString(),
      );
      expect(row.deltaHhi).toBeLessThan(0);
    }
    // Japan's Darwin draft is never a candidate, not even for Japan.
    const japan = await nextPledgeTable(
      await as("delegateJp"),
      await model("delegateJp", "horizon=2036&scenario=with-my-drafts"),
    );
    expect(japan.map((row) => row.projectId)).not.toContain(ids.project(3));
  });

  it("registers a project with its outputs in one transaction, or not at all", async () => {
    const context = await as("delegateJp");
    const input = {
      name: "Oita Gallium Recovery",
      segment: "refining" as const,
      minerals: ["gallium" as const],
      stage: "concept" as const,
      hostCountry: "JP",
      latitude: null,
      longitude: null,
      currency: "JPY",
      capexMinor: null,
      fundingSoughtMinor: "1000000000",
      esgNotes: null,
      registeringMemberId: ids.member.JP,
      sponsorOrganisationId: null,
    };
    const form = new FormData();
    form.set("outputs.0.group", "gallium:refining");
    form.set("outputs.0.capacity", "12,000");
    form.set("outputs.0.firstYear", "2030");
    form.set("outputs.1.group", "");
    const outputs = outputsFromForm(form);
    if (!outputs.ok) throw new Error("outputs refused");
    expect(outputs.outputs).toEqual([
      { group: "gallium:refining", capacity: "12000", firstYear: 2030 },
    ]);
    const registered = await registerProject(context, input, "draft", (tx, id) =>
      insertOutputs(tx, context.partnership.id, id, outputs.outputs),
    );
    expect(registered.ok).toBe(true);
    const rows = await context.user.db((tx) =>
      tx.query(
        "select unit, capacity_per_year::text as capacity from public.project_outputs where project_id = $1",
        [registered.ok ? registered.id : ""],
      ),
    );
    expect(rows).toEqual([{ unit: "kg Ga (primary low-purity)", capacity: "12000.000" }]);

    // An output the reference data cannot measure (no copper magnets) refuses the whole registration.
    const refused = await registerProject(
      context,
      { ...input, name: "Refused Works" },
      "draft",
      (tx, id) =>
        insertOutputs(tx, context.partnership.id, id, [
          { group: "copper:magnets", capacity: "1", firstYear: 2030 },
        ]),
    );
    expect(refused).toEqual({
      ok: false,
      errors: { form: msg("database.noReferenceFigures", { mineral: "copper", stage: "magnets" }) },
    });
    const [left] = await context.user.db((tx) =>
      tx.query<{ n: number }>(
        "select count(*)::int as n from public.projects where name = 'Refused Works'",
      ),
    );
    expect(left?.n).toBe(0);
  });

  it("reads a bad outputs row back with messages keyed by field", () => {
    const form = new FormData();
    form.set("outputs.0.group", "lithium:refining");
    form.set("outputs.0.capacity", "-5");
    form.set("outputs.0.firstYear", "1999");
    form.set("outputs.3.group", "nonsense");
    const read = outputsFromForm(form);
    expect(read.ok).toBe(false);
    expect(
      Object.fromEntries(
        Object.entries(read.ok ? {} : read.errors).map(([field, message]) => [
          field,
          translate("en", message),
        ]),
      ),
    ).toEqual({
      "outputs.0.capacity":
        "Enter the capacity per year as a number greater than zero, such as 12,000 (three decimals at most).",
      "outputs.0.firstYear": "Enter a year from 2000.",
      "outputs.3.group": "Choose what the project produces.",
      "outputs.3.capacity": "Enter the capacity per year.",
      "outputs.3.firstYear": "Enter the first year of output, such as 2028.",
    });
  });

  it("lets only a project's editors change its outputs, against the version they saw", async () => {
    const output = { group: "rare_earths:refining", capacity: "100", firstYear: 2031 };
    const refused = await addOutput(await as("delegateAu"), ids.project(2), output);
    expect(refused).toMatchObject({ ok: false, status: 403 });
    expect(!refused.ok && translate("en", refused.message)).toBe(
      "Only the project’s sponsor, the delegates of its registering government and the secretariat change its outputs.",
    );
    const japan = await as("delegateJp");
    const first = await editOutput(japan, {
      ...output,
      capacity: "3100",
      outputId: ids.output(2),
      version: 1,
    });
    expect(first.ok && translate("en", first.notice)).toBe("Output saved: Rare earths, refining.");
    expect(first.ok && translate("fr", first.notice)).toBe(
      "Production enregistrée : Terres rares, raffinage.",
    );
    const stale = await editOutput(japan, {
      ...output,
      capacity: "3200",
      outputId: ids.output(2),
      version: 1,
    });
    expect(stale).toMatchObject({ ok: false, status: 409 });
    const observer = await editOutput(await as("observer"), {
      ...output,
      outputId: ids.output(2),
      version: 2,
    });
    expect(observer).toMatchObject({ ok: false, status: 403 });
  });

  it("refuses a link to a draft the editor cannot see, and a second link for the same pair", async () => {
    const link = {
      direction: "supplies" as const,
      counterpartId: ids.project(3),
      mineral: "rare_earths",
      kind: "feedstock" as const,
      tonnes: "500",
      status: "mou" as const,
    };
    expect(
      await addLink(await as("delegateAu"), ids.project(1), {
        ...link,
        counterpartId: ids.project(3),
      }),
    ).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      await addLink(await as("delegateJp"), ids.project(2), {
        ...link,
        counterpartId: ids.project(4),
      }),
    ).toMatchObject({ ok: false, status: 409 });
    expect(await removeLink(await as("observer"), ids.link(1))).toMatchObject({
      ok: false,
      status: 403,
    });
  });

  it("flags refining and magnet projects without contracted supply, and draws the chain", async () => {
    const context = await as("secretariat");
    const m = await model("secretariat", "horizon=2030&scenario=pipeline");
    const chain = await mineralChain(context, "rare_earths");
    expect(chain.flags.map((flag) => [flag.name, flag.flag])).toEqual([
      ["Gwangyang NdFeB Alloy Plant", "negotiation-only"],
      ["Lacq Magnet Recycling Hub", "no-link"],
    ]);
    expect(chain.flagCount).toBe(2);
    // Links added up by stage and host country. The secretariat cannot see Japan's Darwin draft, so its link
    // (Kalgoorlie → Darwin, 2,000 t under negotiation) is in no flow.
    expect(chain.links).toBe(3);
    expect(
      chain.flows.map((flow) => [
        `${flow.from.stage}:${flow.from.country}`,
        `${flow.to.stage}:${flow.to.country}`,
        flow.links,
        flow.tonnes,
        flow.status,
      ]),
    ).toEqual([
      ["mining:AU", "refining:AU", 1, 10000, "signed"],
      ["refining:AU", "magnets:JP", 1, 900, "mou"],
      ["refining:AU", "magnets:KR", 1, 600, "under_negotiation"],
    ]);
    expect(chain.nodes.map((node) => [node.id, node.column])).toEqual([
      ["mining:AU", 0],
      ["refining:AU", 1],
      ["magnets:JP", 2],
      ["magnets:KR", 2],
    ]);
    expect(chain.flows.every((flow) => flow.path.startsWith("M"))).toBe(true);
    // Japan sees its draft's link: one more link in the mining → refining flow of Australia.
    const japanChain = await mineralChain(await as("delegateJp"), "rare_earths");
    expect(japanChain.flows[0]).toMatchObject({
      links: 2,
      tonnes: 12000,
      statuses: { signed: 1, mou: 0, under_negotiation: 1 },
    });
    const japan = await mineralProjects(await as("delegateJp"), "rare_earths", m);
    expect(japan.rows.map((p) => p.name)).toContain("Darwin Heavy Rare Earths Refinery");
  });

  it("uses the secretariat's own world total for magnets, and nobody else may set one", async () => {
    const figure = {
      stage: "magnets" as const,
      year: 2024,
      worldTotal: "240000",
      source: "Secretariat survey of magnet makers, 2025",
      sourceUrl: null,
      note: null,
    };
    expect(await setWorldTotal(await as("delegateJp"), "rare_earths", figure)).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(
      await setWorldTotal(await as("secretariat"), "lithium", { ...figure, stage: "mining" }),
    ).toMatchObject({ ok: false, status: 400 });
    expect(await setWorldTotal(await as("secretariat"), "rare_earths", figure)).toEqual({
      ok: true,
    });
    const m = await model("observer", "horizon=2024&scenario=pipeline");
    const magnets = m.groups.find((g) => g.view.key === "rare_earths:magnets")?.view;
    expect(magnets?.worldTotal).toMatchObject({ value: 240000, setBy: "secretariat", year: 2024 });
    expect(magnets?.baseline.worldTotal).toBeCloseTo(240000, 6);
    // The other partnership still uses the dataset's estimate.
    const pacific = await getResilience(
      await memberContext(handle.db, "pacificSecretariat", "pacific-battery"),
      search(""),
      ON,
    );
    expect(
      pacific.ok &&
        pacific.model.groups.find((g) => g.view.key === "rare_earths:magnets")?.view.worldTotal,
    ).toMatchObject({ value: 189000, setBy: "reference" });
  });

  it("computes with the newest reference version once one is loaded", async () => {
    const before = await model("observer", "");
    expect(before.reference.version).toBe(1);
    await runAsServiceRole(handle.db, (tx) =>
      loadReferenceData(
        tx,
        readReferenceFiles("tests/fixtures/reference/supply-shares-alt.csv"),
        "reference:load",
      ),
    );
    const after = await model("observer", "");
    expect(after.reference.version).toBe(2);
    expect(after.groups).toHaveLength(8);
    // Rare-earth mining is now measured in magnet rare earth elements: the mine's 12,000 t REO no longer count.
    const mining = after.groups.find((g) => g.view.key === "rare_earths:mining")?.view;
    expect(mining?.unit).toBe("t magnet rare earth elements");
    expect(mining?.uncounted).toEqual({ capacity: 12000, unit: "t REO" });
  });
});
