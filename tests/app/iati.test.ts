/*
 * The IATI 2.03 activity export of the demo partnership (issue 16; docs/iati.md), called as a browser would
 * (signed-in cookie) on both engines: every file is valid against the official XSD (xmllint) and uses only
 * codes of the official codelists; it holds only what the viewer may see, and never a draft project or
 * pledge. The public variant is the same model run as anon on a published partnership.
 */
import { provideDatabase } from "~/db/database.server";
import { runAsAnon } from "~/db/rls.server";
import { iatiXml } from "~/domain/iati/xml";
import { loadIatiFile } from "~/models/iati.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import {
  childOf,
  childrenOf,
  codelistErrors,
  descendantsOf,
  readXml,
  schemaErrors,
  type Node,
} from "../support/iati-standard";
import { ids } from "../support/rls";
import { seedDate } from "../support/seed-dates";

process.env.JWT_SECRET = "iati-export-secret-iati-export-secret-iati";
const { getAuth } = await import("~/auth/auth.server");
const route = await import("~/routes/p.$slug.exports.iati[.]xml");

const slug = "critical-minerals";
const users = {
  secretariat: "secretariat@demo.lodestone.example",
  jp: "delegate.jp@demo.lodestone.example",
  au: "delegate.au@demo.lodestone.example",
  us: "delegate.us@demo.lodestone.example",
  observer: "observer@demo.lodestone.example",
  sponsor: "sponsor@demo.lodestone.example",
  pacific: "secretariat@pacific.lodestone.example",
};

/** Every draft, withdrawn or otherwise unreportable id of the demo: none may appear in any file. */
const NEVER = {
  draftProject: ids.project(3),
  submittedProject: ids.project(6),
  rejectedProject: ids.project(8),
  cancelledProject: ids.project(12),
  draftPledges: [3, 5, 13, 15].map(ids.pledge),
  withdrawnPledges: [12, 14].map(ids.pledge),
  draftPledgesTranches: [5, 17].map(ids.tranche),
  scheduledTranches: [1, 2, 4, 6, 7, 9, 11, 12, 16].map(ids.tranche),
};
const neverIds = [
  NEVER.draftProject,
  NEVER.submittedProject,
  NEVER.rejectedProject,
  NEVER.cancelledProject,
  ...NEVER.draftPledges,
  ...NEVER.withdrawnPledges,
  ...NEVER.draftPledgesTranches,
  ...NEVER.scheduledTranches,
];

/** The file as xmllint read it: its root and each activity by identifier, in document order. */
function read(xml: string) {
  const root = readXml(xml);
  const activities = childrenOf(root, "iati-activity");
  const byId = new Map(activities.map((activity) => [identifierOf(activity), activity]));
  return {
    root,
    activities,
    identifiers: [...byId.keys()],
    activity: (id: string) => byId.get(id),
  };
}

const identifierOf = (activity: Node) => childOf(activity, "iati-identifier").text;
const attribute = (nodes: Node[], name: string) => nodes.map((node) => node.attributes[name]);

/** Structure the schema cannot check, which IATI's rules require of every file. */
function ruleErrors(root: Node): string[] {
  return childrenOf(root, "iati-activity").flatMap((activity) => {
    const identifier = identifierOf(activity);
    const reporter = childOf(activity, "reporting-org").attributes.ref ?? "";
    const total = childrenOf(activity, "sector")
      .map((sector) => Number(sector.attributes.percentage))
      .reduce((a, b) => a + b, 0);
    return [
      identifier.startsWith(`${reporter}-`) ? null : `${identifier} is not under ${reporter}`,
      Math.abs(total - 100) < 1e-9 ? null : `${identifier}: sectors add up to ${total}`,
      ...descendantsOf(activity, "value")
        .map((value) => value.attributes["value-date"] ?? "")
        .filter((date) => !/^\d{4}-\d{2}-\d{2}$/.test(date))
        .map((date) => `${identifier}: value-date ${date}`),
    ].filter((error): error is string => error !== null);
  });
}

function expectValidIati(xml: string) {
  expect(schemaErrors(xml)).toBe("");
  const root = readXml(xml);
  expect(codelistErrors(root)).toEqual([]);
  expect(ruleErrors(root)).toEqual([]);
  for (const id of neverIds) expect(xml).not.toContain(id);
}

/** An activity's transactions as "type currency amount ref" lines, in document order. */
function transactionsOf(activity: Node | undefined) {
  if (!activity) throw new Error("no such activity");
  return childrenOf(activity, "transaction").map((transaction) => {
    const value = childOf(transaction, "value");
    const type = childOf(transaction, "transaction-type").attributes.code;
    return `${type} ${value.attributes.currency} ${value.text} ${transaction.attributes.ref}`;
  });
}

describe.each(engines)("the IATI export on %s", (engine) => {
  let handle: TestDatabase;
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
    (globalThis as { __lodestoneAuth?: unknown }).__lodestoneAuth = undefined;
  });
  afterAll(() => handle.dispose());

  async function cookieFor(email: string) {
    const known = cookies.get(email);
    if (known) return known;
    const result = await (
      await getAuth()
    ).signInWithPassword(new Request("http://localhost/"), email, "lodestone-demo");
    if (!result.ok) throw new Error(`could not sign in ${email}`);
    const cookie = cookieHeaderFrom(result.headers);
    cookies.set(email, cookie);
    return cookie;
  }

  async function download(email: string, query = "", partnership = slug) {
    const request = requestWithCookie(
      await cookieFor(email),
      `http://localhost/p/${partnership}/exports/iati.xml${query}`,
    );
    const response = await route
      .loader({ request, params: { slug: partnership }, context: {} } as never)
      .catch((thrown: unknown) => {
        if (thrown instanceof Response) return thrown;
        throw thrown;
      });
    return {
      status: response.status,
      type: response.headers.get("Content-Type"),
      disposition: response.headers.get("Content-Disposition"),
      text: await response.text(),
    };
  }

  /** The secretariat's file, downloaded once (the tests that change data restore it before they end). */
  let secretariatFile: Promise<Awaited<ReturnType<typeof download>>> | undefined;
  const partnershipFile = () => (secretariatFile ??= download(users.secretariat));

  it("gives the secretariat one valid activity per approved or completed project, with every committed pledge", async () => {
    const file = await partnershipFile();
    expect(file.status).toBe(200);
    expect(file.type).toBe("application/xml; charset=utf-8");
    expect(file.disposition).toBe('attachment; filename="critical-minerals-iati-activities.xml"');
    expectValidIati(file.text);
    const { root, identifiers } = read(file.text);
    // In the order of the projects' names, each under the identifier of the government that registered it.
    expect(identifiers).toEqual([
      `XM-DAC-302-${ids.project(10)}`, // Gulf Coast Gallium & Germanium Recovery (the United States)
      `XM-DAC-742-${ids.project(9)}`, // Gwangyang NdFeB Alloy Plant (Korea)
      `XM-DAC-301-${ids.project(5)}`, // James Bay Spodumene Mine (Canada)
      `XM-DAC-801-${ids.project(1)}`, // Kalgoorlie Basin Rare Earths Mine (Australia)
      `XM-DAC-701-${ids.project(4)}`, // Kitakyushu Sintered Magnet Line (Japan)
      `XM-DAC-4-${ids.project(7)}`, // Lacq Magnet Recycling Hub (France)
      `XM-DAC-701-${ids.project(2)}`, // Pilbara Rare Earth Separation Plant (Japan)
      `XM-DAC-12-${ids.project(11)}`, // Teesside Lithium Hydroxide Refinery (the United Kingdom, completed)
    ]);
    expect(root.attributes).toMatchObject({ version: "2.03" });
    // The partnership's file compiles every government's money: a secondary reporter's, never counted twice.
    expect(new Set(attribute(descendantsOf(root, "reporting-org"), "secondary-reporter"))).toEqual(
      new Set(["1"]),
    );
    expect(file.text).not.toContain("<!--");
  });

  it("reports Pilbara's dates, budget and split matching pledge exactly", async () => {
    const { text } = await partnershipFile();
    const pilbara = read(text).activity(`XM-DAC-701-${ids.project(2)}`);
    if (!pilbara) throw new Error("Pilbara is missing");
    expect(childOf(childOf(pilbara, "title"), "narrative").text).toBe(
      "Pilbara Rare Earth Separation Plant",
    );
    expect(childOf(pilbara, "activity-status").attributes.code).toBe("2");
    expect(
      childrenOf(pilbara, "activity-date").map((date) => [
        date.attributes.type,
        date.attributes["iso-date"],
      ]),
    ).toEqual([
      ["1", seedDate("2026-05-29", handle.today)],
      ["2", seedDate("2026-05-26", handle.today)], // the first milestone was completed three days early
      ["3", seedDate("2028-03-31", handle.today)],
    ]);
    expect(childOf(pilbara, "recipient-country").attributes.code).toBe("AU");
    expect(attribute(childrenOf(pilbara, "sector"), "code")).toEqual(["32170"]);
    const orgs = childrenOf(pilbara, "participating-org");
    expect(orgs.map((org) => [org.attributes.role, childOf(org, "narrative").text])).toEqual([
      ["1", "Japan"],
      ["1", "United States"],
      ["4", "Austral Rare Earths Ltd"],
    ]);
    // The co-funder's own activity is named, so the partnership's file links to the government's.
    expect(attribute(orgs, "activity-id")).toEqual([
      undefined,
      `XM-DAC-302-${ids.project(2)}`,
      undefined,
    ]);
    // Japan's ¥3,000,000,000 at 0.00652 is US$19,560,000; the United States matches it 1:1 up to its cap of
    // US$25,000,000, so US$19,560,000 of its US$40,000,000 is a commitment and the rest an outgoing pledge.
    expect(transactionsOf(pilbara)).toEqual([
      `2 JPY 3000000000 ${ids.pledge(1)}`,
      `2 USD 19560000.00 ${ids.pledge(6)}`,
      `12 USD 20440000.00 ${ids.pledge(6)}`,
    ]);
    const transactions = childrenOf(pilbara, "transaction");
    expect(
      transactions.map((transaction) => childOf(transaction, "finance-type").attributes.code),
    ).toEqual(["421", "421", "421"]);
    expect(
      transactions.map(
        (transaction) => childOf(transaction, "transaction-date").attributes["iso-date"],
      ),
    ).toEqual([
      seedDate("2026-06-15", handle.today),
      seedDate("2026-07-01", handle.today),
      seedDate("2026-07-01", handle.today),
    ]);
    expect(
      transactions.map((transaction) => childOf(transaction, "value").attributes["value-date"]),
    ).toEqual(
      transactions.map(
        (transaction) => childOf(transaction, "transaction-date").attributes["iso-date"],
      ),
    );
    // Two currencies: the budget is their sum in the reporting currency, indicative while a part is conditional.
    const budget = childOf(pilbara, "budget");
    expect(budget.attributes).toEqual({ type: "1", status: "1" });
    expect(childOf(budget, "value").text).toBe("59560000.00");
    expect(childOf(budget, "value").attributes).toEqual({
      currency: "USD",
      "value-date": seedDate("2026-11-20", handle.today),
    });
  });

  it("reports paid tranches as disbursements and a completed, fully paid project as closed", async () => {
    const file = read((await partnershipFile()).text);
    expect(transactionsOf(file.activity(`XM-DAC-701-${ids.project(4)}`))).toEqual([
      `2 JPY 1500000000 ${ids.pledge(2)}`,
      `3 JPY 500000000 ${ids.tranche(3)}`,
    ]);
    const teesside = file.activity(`XM-DAC-12-${ids.project(11)}`);
    if (!teesside) throw new Error("Teesside is missing");
    expect(childOf(teesside, "activity-status").attributes.code).toBe("4");
    expect(attribute(childrenOf(teesside, "activity-date"), "type")).toEqual(["1", "2", "3", "4"]);
    expect(childOf(teesside, "budget").attributes.status).toBe("2");
    expect(childOf(childOf(teesside, "budget"), "value").text).toBe("12000000.00");
    const jamesBay = file.activity(`XM-DAC-301-${ids.project(5)}`);
    expect(transactionsOf(jamesBay)).toEqual([
      `2 CAD 35000000.00 ${ids.pledge(9)}`,
      `3 CAD 15000000.00 ${ids.tranche(13)}`,
      `3 CAD 20000000.00 ${ids.tranche(14)}`,
    ]);
    expect(attribute(descendantsOf(jamesBay as Node, "finance-type"), "code")).toEqual([
      "510",
      "510",
      "510",
    ]);
  });

  it("gives a delegate the partnership's file exactly as the secretariat's: its own drafts stay out", async () => {
    const withoutStamp = (xml: string) => xml.replace(/generated-datetime="[^"]+"/, "");
    const secretariat = await partnershipFile();
    for (const email of [users.jp, users.au, users.us]) {
      const delegate = await download(email, "?scope=partnership");
      expect(delegate.status).toBe(200);
      expect(withoutStamp(delegate.text)).toBe(withoutStamp(secretariat.text));
    }
  });

  it("restricts a delegate's file to its own government's pledges, reported under its own identifier", async () => {
    const japan = await download(users.jp, "?scope=government");
    expect(japan.status).toBe(200);
    expect(japan.disposition).toBe(
      'attachment; filename="critical-minerals-iati-activities-JP.xml"',
    );
    expectValidIati(japan.text);
    const jp = read(japan.text);
    expect(jp.identifiers).toEqual([
      `XM-DAC-701-${ids.project(4)}`,
      `XM-DAC-701-${ids.project(2)}`,
    ]);
    const refs = (name: string, key = "ref") =>
      new Set(attribute(descendantsOf(jp.root, name), key));
    expect(refs("reporting-org")).toEqual(new Set(["XM-DAC-701"]));
    expect(refs("provider-org")).toEqual(new Set(["XM-DAC-701"]));
    expect(refs("reporting-org", "secondary-reporter")).toEqual(new Set(["0"]));
    expect(
      attribute(
        descendantsOf(jp.root, "participating-org").filter((org) => org.attributes.role === "1"),
        "ref",
      ),
    ).toEqual(["XM-DAC-701", "XM-DAC-701"]);
    for (const other of [6, 7, 8, 9, 10, 11].map(ids.pledge))
      expect(japan.text).not.toContain(other);

    // Australia's only live pledge waits on two other governments that have not come: an outgoing pledge.
    const australia = await download(users.au, "?scope=government");
    expectValidIati(australia.text);
    const au = read(australia.text);
    expect(au.identifiers).toEqual([`XM-DAC-801-${ids.project(1)}`]);
    expect(transactionsOf(au.activities[0])).toEqual([`12 AUD 50000000.00 ${ids.pledge(4)}`]);
    expect(attribute(descendantsOf(au.root, "budget"), "status")).toEqual(["1"]);

    const unitedStates = await download(users.us, "?scope=government");
    expectValidIati(unitedStates.text);
    const us = read(unitedStates.text);
    expect(us.identifiers).toEqual([
      `XM-DAC-302-${ids.project(10)}`,
      `XM-DAC-302-${ids.project(2)}`,
    ]);
    expect(transactionsOf(us.activity(`XM-DAC-302-${ids.project(2)}`))).toEqual([
      `2 USD 19560000.00 ${ids.pledge(6)}`,
      `12 USD 20440000.00 ${ids.pledge(6)}`,
    ]);
    // In a government's own file the only funder is the reporter: no other activity to name.
    expect(attribute(descendantsOf(us.root, "participating-org"), "activity-id")).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("refuses observers and sponsors, an unknown scope, a government file for the secretariat, and outsiders", async () => {
    expect((await download(users.observer)).status).toBe(403);
    expect((await download(users.sponsor)).status).toBe(403);
    const unknown = await download(users.jp, "?scope=everything");
    expect(unknown.status).toBe(400);
    expect(unknown.text).toMatch(/scope=partnership/);
    const secretariat = await download(users.secretariat, "?scope=government");
    expect(secretariat.status).toBe(400);
    expect(secretariat.text).toMatch(/reports for no government/);
    expect((await download(users.pacific, "", slug)).status).toBe(404);
  });

  it("keeps each partnership's file to its own projects", async () => {
    const pacific = await download(users.pacific, "", "pacific-battery");
    expectValidIati(pacific.text);
    expect(read(pacific.text).identifiers).toEqual([`XM-DAC-801-${ids.pbProject(1)}`]);
    expect(pacific.text).not.toContain(ids.pbProject(2)); // submitted
    expect(pacific.text).not.toContain(ids.pbPledge(2)); // Korea's draft
    expect(pacific.text).not.toContain("f1000000");
    const ours = await partnershipFile();
    expect(ours.text).not.toContain("f2000000");
  });

  it("leaves out, and says so, the projects of a government without an identifier", async () => {
    await partnershipFile(); // downloaded before the change, for the tests that share it
    await handle.db.query("update public.members set iati_org_ref = null where id = $1", [
      ids.member.JP,
    ]);
    try {
      const all = await download(users.secretariat);
      expectValidIati(all.text);
      expect(read(all.text).identifiers).toHaveLength(6);
      expect(all.text).not.toContain(`-${ids.project(2)}<`);
      expect(all.text).toContain(
        "<!-- Not reported, because the government that would report them has no IATI organisation identifier: Kitakyushu Sintered Magnet Line (Japan); Pilbara Rare Earth Separation Plant (Japan). -->",
      );
      const japan = await download(users.jp, "?scope=government");
      expect(japan.status).toBe(409);
      expect(japan.text).toMatch(/No IATI organisation identifier is recorded for Japan/);
    } finally {
      await handle.db.query("update public.members set iati_org_ref = 'XM-DAC-701' where id = $1", [
        ids.member.JP,
      ]);
    }
  });

  describe("as anon, for the public pages", () => {
    const publicFile = () =>
      runAsAnon(handle.db, (tx) => loadIatiFile(tx, ids.cm, { kind: "partnership" }, handle.today));

    it("reads nothing of a partnership that does not publish", async () => {
      expect(await publicFile()).toBeNull();
    });

    it("reports only approved projects and firm unconditional pledges once the partnership publishes", async () => {
      await partnershipFile();
      await handle.db.query("update public.partnerships set is_published = true where id = $1", [
        ids.cm,
      ]);
      try {
        const file = await publicFile();
        if (!file) throw new Error("the published partnership is not visible to anon");
        const xml = iatiXml(file, new Date("2026-11-30T12:00:00Z"));
        expectValidIati(xml);
        const { root, identifiers } = read(xml);
        expect(identifiers).toHaveLength(7);
        expect(xml).not.toContain(ids.project(11)); // completed: not public (ADR 016)
        // Conditional pledges stay private until the database can say which are triggered.
        for (const conditional of [4, 6, 8].map(ids.pledge)) expect(xml).not.toContain(conditional);
        expect(attribute(descendantsOf(root, "transaction-type"), "code").sort()).toEqual([
          "2",
          "2",
          "2",
          "2",
          "2",
          "3",
          "3",
          "3",
          "3",
        ]);
        expect(root.attributes["generated-datetime"]).toBe("2026-11-30T12:00:00Z");
      } finally {
        await handle.db.query("update public.partnerships set is_published = false where id = $1", [
          ids.cm,
        ]);
      }
    });
  });
});
