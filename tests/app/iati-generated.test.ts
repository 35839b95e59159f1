/*
 * The IATI export of a generated portfolio, on both engines: a partnership of 48 projects in every status,
 * with milestones, pledges in seven currencies (one without a rate; JPY and KRW without minor units, BHD with
 * three), every instrument and co-funding rule, tranches paid and not, and names full of markup, scripts and
 * characters XML cannot carry. For the secretariat, a delegate's own government and anon, every file is valid
 * against the XSD and the codelists, holds every reportable pledge exactly once with its amount split exactly
 * between commitment and pledge, and nothing else.
 */
import type { Queryable } from "~/db/engine.server";
import { runAsAnon, runAsUser } from "~/db/rls.server";
import type { IatiScope } from "~/domain/iati/activity";
import { iatiXml } from "~/domain/iati/xml";
import { loadIatiFile } from "~/models/iati.server";
import { minorDigits } from "~/utils/money";
import { xmlSafe } from "~/utils/xml";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import {
  childOf,
  childrenOf,
  codelistErrors,
  readXml,
  schemaErrors,
  type Node,
} from "../support/iati-standard";
import { claimsFor, demoUsers } from "../support/rls";
import { seededRandom } from "../support/seeded-random";

const TODAY = "2026-06-30";
const PARTNERSHIP = "a9000000-0000-4000-8000-000000000001";
const uuid = (prefix: string, n: number) =>
  `${prefix}-0000-4000-8000-${String(n).padStart(12, "0")}`;

const GOVERNMENTS = [
  ["AU", "Australia", "XM-DAC-801"],
  ["CA", "Canada", "XM-DAC-301"],
  ["EU", "European Union", "XM-DAC-918"],
  ["DE", "Germany", "XM-DAC-5"],
  ["JP", "Japan", "XM-DAC-701"],
  ["KR", "Republic of Korea", "XM-DAC-742"],
  ["MX", "Mexico", null],
  ["GB", "United Kingdom", "XM-DAC-12"],
  ["US", "United States", "XM-DAC-302"],
  ["IN", "India", null],
] as const;
const NAMES = [
  "Mine & Mill",
  "<Refinery> </title>",
  "\"Quoted\" 'Works'",
  "Ørsted's Øre",
  "鉱山プロジェクト",
  "منجم الليثيوم",
  "Rock 🪨 Works",
  "A--B -->",
  "]]> CDATA",
  "Tab\tand\nnew line",
  "Bell\u0007Control\u001F",
  "Odd\uFFFEName",
];
const CURRENCIES = ["USD", "EUR", "JPY", "KRW", "GBP", "BHD", "CAD"] as const;
/** Units of EUR (the reporting currency) per unit; BHD has none, so its conditional pledges cannot be evaluated. */
const RATES: Record<string, string> = {
  USD: "0.92",
  JPY: "0.0061",
  KRW: "0.00068",
  GBP: "1.17",
  CAD: "0.68",
};
const LIVE = ["committed", "disbursing", "fulfilled"];

type GeneratedPledge = {
  projectId: string;
  memberId: string;
  status: string;
  amount: bigint;
  currency: string;
  conditional: boolean;
};

interface Generated {
  projects: Map<string, { status: string; registeredBy: string; name: string }>;
  pledges: Map<string, GeneratedPledge>;
  tranches: Map<string, { pledgeId: string; paid: boolean; amount: bigint }>;
  members: Map<string, { code: string; ref: string | null }>;
}

async function generate(tx: Queryable, seed: number): Promise<Generated> {
  const r = seededRandom(seed);
  const date = (from: string, days: number) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + r.int(0, days) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  const out: Generated = {
    projects: new Map(),
    pledges: new Map(),
    tranches: new Map(),
    members: new Map(),
  };
  await tx.query(
    `insert into public.partnerships (id, slug, name, reporting_currency, subscription_status)
     values ($1, 'generated', 'Generated & <Partnership>', 'EUR', 'active')`,
    [PARTNERSHIP],
  );
  const memberIds = GOVERNMENTS.map(([code, name, ref], index) => {
    const id = uuid("b9000000", index + 1);
    out.members.set(id, { code, ref });
    return [id, code, name, ref] as const;
  });
  for (const [id, code, name, ref] of memberIds) {
    await tx.query(
      "insert into public.members (id, partnership_id, code, name, iati_org_ref) values ($1, $2, $3, $4, $5)",
      [id, PARTNERSHIP, code, name, ref],
    );
  }
  const sponsors = [1, 2, 3].map((n) => uuid("c9000000", n));
  for (const [index, id] of sponsors.entries()) {
    await tx.query(
      "insert into public.sponsor_organisations (id, partnership_id, name, country) values ($1, $2, $3, 'ZA')",
      [id, PARTNERSHIP, `${NAMES[index] ?? "Sponsor"} Sponsor ${index}`],
    );
  }
  const japan = memberIds.find(([, code]) => code === "JP")?.[0];
  await tx.query(
    `insert into public.memberships (partnership_id, user_id, role, member_id) values
       ($1, $2, 'secretariat', null), ($1, $3, 'delegate', $4)`,
    [PARTNERSHIP, demoUsers.secretariat.id, demoUsers.delegateJp.id, japan],
  );
  for (const [currency, rate] of Object.entries(RATES)) {
    await tx.query(
      "insert into public.fx_rates (partnership_id, currency, rate, as_of) values ($1, $2, $3, '2026-01-15')",
      [PARTNERSHIP, currency, rate],
    );
  }

  let milestoneN = 0;
  let pledgeN = 0;
  let trancheN = 0;
  for (let n = 1; n <= 48; n++) {
    const projectId = uuid("f9000000", n);
    const status = r.pick([
      "approved",
      "approved",
      "approved",
      "approved",
      "completed",
      "draft",
      "submitted",
      "rejected",
      "cancelled",
    ]);
    const [registeredBy] = r.pick(memberIds);
    const segment = r.pick(["mining", "refining", "magnets", "recycling"]);
    const minerals = [
      ...new Set([
        r.pick(["NdPr", "lithium", "graphite", "platinum-group", "cobalt"]),
        r.pick(["Dy", "nickel", "graphite", "gallium"]),
      ]),
    ];
    const name = `${r.pick(NAMES)} ${n}`;
    out.projects.set(projectId, { status, registeredBy, name });
    await tx.query(
      `insert into public.projects (id, partnership_id, name, segment, minerals, host_country, stage, currency,
         funding_sought_minor, esg_notes, status, registering_member_id, sponsor_organisation_id)
       values ($1, $2, $3, $4, $5::text[], $6, $7, 'EUR', $8, $9, $10, $11, $12)`,
      [
        projectId,
        PARTNERSHIP,
        name,
        segment,
        minerals,
        r.pick(["AU", "CL", "CD", "ID", "BR", "IN", "NO", "ZA"]),
        r.pick(["concept", "feasibility", "construction", "production"]),
        String(r.int(1, 9) * 10_000_000),
        r.next() < 0.5 ? null : `${r.pick(NAMES)} — ESG`,
        status,
        registeredBy,
        r.next() < 0.2 ? null : r.pick(sponsors),
      ],
    );
    const milestones: string[] = [];
    for (let m = r.int(0, 5); m > 0; m--) {
      const id = uuid("5e000000", ++milestoneN);
      const milestoneStatus = r.pick([
        "planned",
        "in_progress",
        "at_risk",
        "done",
        "done",
        "delayed",
        "cancelled",
      ]);
      const due = date("2025-01-01", 1500);
      await tx.query(
        `insert into public.milestones (id, partnership_id, project_id, title, due_date, status, position, completed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          id,
          PARTNERSHIP,
          projectId,
          `Milestone ${m}`,
          due,
          milestoneStatus,
          m,
          milestoneStatus === "done" ? `${date("2025-01-01", 500)}T10:00:00Z` : null,
        ],
      );
      milestones.push(id);
    }
    for (let p = r.int(0, 5); p > 0; p--) {
      const id = uuid("9e000000", ++pledgeN);
      const [memberId] = r.pick(memberIds);
      const currency = r.pick(CURRENCIES);
      const amount = BigInt(r.int(1, 9_000_000)) * BigInt(r.int(1, 1_000_000)) + 1n;
      const pledgeStatus = r.pick([
        "draft",
        "committed",
        "committed",
        "committed",
        "disbursing",
        "fulfilled",
        "withdrawn",
      ]);
      const rule = r.pick([
        null,
        null,
        { kind: "min_other_members", n: r.int(1, 3) },
        {
          kind: "min_cofunding",
          amount_minor: String(r.int(1, 50) * 100_000_000),
          currency: "EUR",
        },
        {
          kind: "match",
          ratio: { numerator: r.int(1, 3), denominator: r.int(1, 2) },
          cap_minor: String(amount / 2n + 1n),
        },
      ]);
      const committed =
        pledgeStatus === "draft" || (pledgeStatus === "withdrawn" && r.next() < 0.5)
          ? null
          : `${date("2025-01-01", 500)}T09:30:00Z`;
      await tx.query(
        `insert into public.pledges (id, partnership_id, project_id, member_id, amount_minor, currency, instrument,
           status, cofunding_rule, withdrawal_reason, committed_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11)`,
        [
          id,
          PARTNERSHIP,
          projectId,
          memberId,
          amount.toString(),
          currency,
          r.pick(["grant", "loan", "equity", "guarantee", "offtake"]),
          pledgeStatus,
          rule ? JSON.stringify(rule) : null,
          pledgeStatus === "withdrawn" ? "Reprioritised" : null,
          committed,
        ],
      );
      out.pledges.set(id, {
        projectId,
        memberId,
        status: pledgeStatus,
        amount,
        currency,
        conditional: rule !== null,
      });
      for (let t = r.int(0, 3); t > 0; t--) {
        const trancheId = uuid("7e000000", ++trancheN);
        const paid = LIVE.includes(pledgeStatus) && r.next() < 0.6;
        const trancheAmount = amount / 4n + 1n;
        await tx.query(
          `insert into public.tranches (id, partnership_id, pledge_id, milestone_id, amount_minor, due_date, status, paid_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            trancheId,
            PARTNERSHIP,
            id,
            milestones.length && r.next() < 0.5 ? r.pick(milestones) : null,
            trancheAmount.toString(),
            date("2025-06-01", 700),
            paid ? "paid" : "scheduled",
            paid ? `${date("2025-06-01", 300)}T08:00:00Z` : null,
          ],
        );
        out.tranches.set(trancheId, { pledgeId: id, paid, amount: trancheAmount });
      }
    }
  }
  return out;
}

/** A value element's amount in minor units, refusing more or fewer decimals than the currency has. */
function minorOf(value: Node): bigint {
  const currency = value.attributes.currency ?? "";
  const digits = minorDigits(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value.text);
  if (!match || (match[2] ?? "").length !== digits) {
    throw new Error(`${value.text} is not an amount in ${currency}'s ${digits} decimals`);
  }
  return BigInt(`${match[1]}${match[2] ?? ""}`);
}

/** What a file says about each pledge and tranche it names (by transaction/@ref). */
function moneyIn(root: Node) {
  const byPledge = new Map<
    string,
    { committed: bigint; pledged: bigint; provider: string | undefined }
  >();
  const paid = new Map<string, bigint>();
  for (const activity of childrenOf(root, "iati-activity")) {
    for (const transaction of childrenOf(activity, "transaction")) {
      const ref = transaction.attributes.ref ?? "";
      const type = childOf(transaction, "transaction-type").attributes.code;
      const value = childOf(transaction, "value");
      expect(childOf(transaction, "transaction-date").attributes["iso-date"]).toBe(
        value.attributes["value-date"],
      );
      if (type === "3") {
        expect(paid.has(ref)).toBe(false);
        paid.set(ref, minorOf(value));
        continue;
      }
      const entry = byPledge.get(ref) ?? { committed: 0n, pledged: 0n, provider: undefined };
      if (type === "2") entry.committed += minorOf(value);
      else if (type === "12") entry.pledged += minorOf(value);
      else throw new Error(`unexpected transaction type ${type}`);
      entry.provider = childOf(transaction, "provider-org").attributes.ref;
      byPledge.set(ref, entry);
    }
  }
  return { byPledge, paid };
}

describe.each(engines)("the IATI export of a generated portfolio on %s", (engine) => {
  let handle: TestDatabase;
  let data: Generated;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    data = await handle.db.transaction((tx) => generate(tx, 20261201));
  });
  afterAll(() => handle.dispose());

  const exportAs = async (who: "secretariat" | "delegateJp" | "anon", scope: IatiScope) => {
    const work = (tx: Queryable) => loadIatiFile(tx, PARTNERSHIP, scope, TODAY);
    const file =
      who === "anon"
        ? await runAsAnon(handle.db, work)
        : await runAsUser(handle.db, claimsFor(who), work);
    if (!file) throw new Error(`${who} cannot see the generated partnership`);
    return { file, xml: iatiXml(file, new Date("2026-06-30T09:00:00Z")) };
  };

  interface Reportable {
    /** The projects the file must report (when their reporter has an identifier). */
    project: (projectId: string) => boolean;
    /** The pledges it must carry, of the projects it reports. */
    pledge: (pledge: GeneratedPledge) => boolean;
    /** The government that reports a project. */
    reporter: (projectId: string) => string;
  }

  /** Checks a file against the generated data: valid, complete for `reportable`, nothing else. */
  function check(xml: string, reportable: Reportable) {
    expect(schemaErrors(xml)).toBe("");
    const root = readXml(xml);
    expect(codelistErrors(root)).toEqual([]);

    const reported = new Set<string>();
    for (const activity of childrenOf(root, "iati-activity")) {
      const identifier = childOf(activity, "iati-identifier").text;
      const projectId = identifier.slice(-36);
      const project = data.projects.get(projectId);
      if (!project) throw new Error(`${identifier} names no generated project`);
      const ref = data.members.get(reportable.reporter(projectId))?.ref;
      expect(identifier).toBe(`${ref}-${projectId}`);
      expect(childOf(activity, "reporting-org").attributes.ref).toBe(ref);
      expect(childOf(childOf(activity, "title"), "narrative").text).toBe(xmlSafe(project.name));
      reported.add(projectId);
    }
    // Every project the file must report is in it, unless its reporter has no identifier; nothing else is.
    for (const projectId of data.projects.keys()) {
      const reporterRef = data.members.get(reportable.reporter(projectId))?.ref;
      expect(reported.has(projectId)).toBe(reportable.project(projectId) && Boolean(reporterRef));
    }

    const { byPledge, paid } = moneyIn(root);
    for (const [pledgeId, pledge] of data.pledges) {
      const entry = byPledge.get(pledgeId);
      const expected = reportable.pledge(pledge) && reported.has(pledge.projectId);
      expect(entry !== undefined).toBe(expected);
      if (!entry) continue;
      expect(entry.committed + entry.pledged).toBe(pledge.amount);
      if (!pledge.conditional) expect(entry.pledged).toBe(0n);
      if (pledge.conditional && pledge.currency === "BHD") expect(entry.committed).toBe(0n);
      expect(entry.provider).toBe(data.members.get(pledge.memberId)?.ref ?? undefined);
    }
    for (const [trancheId, tranche] of data.tranches) {
      const expected = tranche.paid && byPledge.has(tranche.pledgeId);
      expect(paid.has(trancheId)).toBe(expected);
      if (expected) expect(paid.get(trancheId)).toBe(tranche.amount);
    }
    return { root, reported, pledges: byPledge };
  }

  it("generates a portfolio that exercises every path", () => {
    const statuses = new Set([...data.pledges.values()].map((p) => p.status));
    expect(statuses).toEqual(
      new Set(["draft", "committed", "disbursing", "fulfilled", "withdrawn"]),
    );
    expect(
      [...data.pledges.values()].some(
        (p) => p.conditional && p.currency === "BHD" && LIVE.includes(p.status),
      ),
    ).toBe(true);
    expect([...data.tranches.values()].filter((t) => t.paid).length).toBeGreaterThan(10);
  });

  it("gives the secretariat every approved and completed project with every live pledge", async () => {
    const { file, xml } = await exportAs("secretariat", { kind: "partnership" });
    const { reported, pledges } = check(xml, {
      project: (id) => ["approved", "completed"].includes(data.projects.get(id)?.status ?? ""),
      pledge: (p) => LIVE.includes(p.status),
      reporter: (projectId) => data.projects.get(projectId)?.registeredBy ?? "",
    });
    expect(reported.size).toBeGreaterThan(20);
    expect([...pledges.values()].some((p) => p.committed > 0n && p.pledged > 0n)).toBe(true);
    expect(file.leftOut.length).toBeGreaterThan(0);
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<!-- Not reported, because/);
  });

  it("gives Japan's delegate Japan's live pledges only, under Japan's identifier", async () => {
    const japan = [...data.members].find(([, m]) => m.code === "JP")?.[0] ?? "";
    const { xml } = await exportAs("delegateJp", { kind: "government", memberId: japan });
    const ours = (p: GeneratedPledge) => LIVE.includes(p.status) && p.memberId === japan;
    const { reported } = check(xml, {
      project: (id) =>
        ["approved", "completed"].includes(data.projects.get(id)?.status ?? "") &&
        [...data.pledges.values()].some((p) => p.projectId === id && ours(p)),
      pledge: ours,
      reporter: () => japan,
    });
    expect(reported.size).toBeGreaterThanOrEqual(2);
  });

  it("gives anon, once published, the approved projects and their live unconditional pledges only", async () => {
    await handle.db.query("update public.partnerships set is_published = true where id = $1", [
      PARTNERSHIP,
    ]);
    try {
      const { xml } = await exportAs("anon", { kind: "partnership" });
      const { pledges } = check(xml, {
        project: (id) => data.projects.get(id)?.status === "approved",
        pledge: (p) => LIVE.includes(p.status) && !p.conditional,
        reporter: (projectId) => data.projects.get(projectId)?.registeredBy ?? "",
      });
      expect(pledges.size).toBeGreaterThan(10);
    } finally {
      await handle.db.query("update public.partnerships set is_published = false where id = $1", [
        PARTNERSHIP,
      ]);
    }
  });
});
