import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireMember } from "~/auth/auth.server";
import { MILESTONE_STATUS_LABELS, type MilestoneStatus } from "~/domain/milestones";
import { ROLE_LABELS, ROLES_FOR } from "~/domain/permissions";
import { MINERAL_LABELS, type Mineral } from "~/domain/projects/vocabulary";
import { REFUSALS } from "~/domain/refusals";
import { formatDelta, formatMilli } from "~/domain/resilience";
import { defaultSince, getReport, getReportMeetings } from "~/models/report.server";
import { RouteErrorMessage } from "~/root";
import reportStyles from "~/styles/report.css";
import * as clock from "~/utils/clock.server";
import { formatDay, isIsoDate } from "~/utils/dates";
import { formatMoney } from "~/utils/money";
import { useNonce } from "~/utils/nonce";

/** Every word of the report, in one place (ready for the catalogues). */
const TEXT = {
  kind: "Ministerial briefing",
  asOf: (date: string) => `As of ${date}`,
  preparedFor: (who: string) => `Prepared for: ${who}`,
  visibility:
    "This briefing contains only what this person may see in Lodestone: other members' briefings may hold more or less (draft pledges, conditions, the change history).",
  since: "Changes since",
  sinceHint: "By default, the date of the last meeting.",
  sinceFromMeeting: (title: string, date: string) => `since the last meeting, ${title} (${date})`,
  sinceFromDays: (date: string) => `since ${date}`,
  apply: "Update",
  print: "Print or save as PDF",
  printHint:
    "Opens your browser's print dialogue: choose “Save as PDF” for a file. A4, page numbers included.",
  headline: "Headline totals",
  sought: "Funding sought",
  committed: "Committed",
  triggered: "Conditional, triggered",
  pending: "Conditional, pending",
  gap: "Gap",
  atRiskNow: "Milestones at risk or overdue",
  doneSince: "Milestones done since",
  byGovernment: "Funding by government",
  government: "Government",
  live: "Committed and conditional",
  drafts: "Your drafts",
  byMineral: "Funding by mineral",
  mineral: "Mineral",
  projects: "Projects",
  milestones: "Milestones",
  done: "Done",
  atRisk: "At risk or overdue",
  project: "Project",
  milestone: "Milestone",
  due: "Due",
  completed: "Completed",
  status: "Status",
  overdue: "overdue",
  noneDone: "No milestone was completed in this period.",
  noneAtRisk: "No milestone is at risk or overdue.",
  resilience: "Resilience",
  resilienceLead: (horizon: number) =>
    `Concentration of world supply (HHI, 0–10,000) and the partners' share, at baseline and in ${horizon} with the funded projects.`,
  noResilience: "The resilience data could not be computed.",
  mineralStage: "Mineral and stage",
  topProducer: "Top producer",
  hhi: "HHI",
  partners: "Partners' share",
  nextPledge: "Where the next pledge helps most",
  nextPledgeLead:
    "Approved projects with a funding gap, ranked by the fall in concentration per 100 million of gap (most helpful first).",
  noRanking: "No approved project with a gap and a recorded output.",
  rank: "Rank",
  adds: "Adds",
  deltaHhi: "ΔHHI",
  perHundred: "ΔHHI per 100M",
  changes: "Changes",
  noChanges: "No change in this period.",
  noHistory: "Your role does not see the change history, so no changes are listed.",
  moreChanges: (n: number) => `and ${n} more.`,
  kinds: {
    project: "projects",
    pledge: "pledges",
    milestone: "milestones",
    tranche: "tranche payments",
    meeting: "meetings",
    publication: "publication",
  } as Record<string, string>,
  arrow: "→",
  none: "—",
};

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${TEXT.kind} — ${data?.partnership.name ?? ""} — ${data?.todayLabel ?? ""}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.report);
  const today = clock.today();
  const typed = new URL(request.url).searchParams.get("since");
  const meetings = await getReportMeetings(context);
  const fallback = defaultSince(meetings, today);
  const valid = typed !== null && typed !== "" && isIsoDate(typed) && typed <= today;
  const since = valid ? typed : fallback.since;
  const lastMeeting = meetings.find((m) => m.heldOn === fallback.since);
  const report = await getReport(context, today, since);
  const { membership } = context;
  return json(
    {
      partnership: context.partnership,
      today,
      todayLabel: formatDay(today),
      since,
      typed: typed ?? "",
      sinceError: typed && !valid ? REFUSALS.reportSince : null,
      sinceLabel:
        !valid && fallback.reason === "meeting" && lastMeeting
          ? TEXT.sinceFromMeeting(lastMeeting.title, formatDay(lastMeeting.heldOn))
          : TEXT.sinceFromDays(formatDay(since)),
      viewer: `${ROLE_LABELS[membership.role]}${membership.memberName ? `, ${membership.memberName}` : ""}${membership.sponsorOrganisationName ? `, ${membership.sponsorOrganisationName}` : ""}`,
      report,
    },
    { status: typed && !valid ? 400 : 200 },
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** The running header and page numbers of the printed pages (CSS paged media; nonce'd for the CSP). */
function PrintPageStyle({ title }: { title: string }) {
  const nonce = useNonce();
  const css = JSON.stringify(title).replace(/</g, "\\3C ");
  return (
    <style
      nonce={nonce}
      dangerouslySetInnerHTML={{
        __html: `@page { @top-left { content: ${css}; } }`,
      }}
    />
  );
}

/** Tables scroll inside a focusable region on narrow screens (keyboard users can scroll them too). */
function ScrollTable({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function Money({ minor, currency }: { minor: string; currency: string }) {
  return <>{formatMoney(minor, currency)}</>;
}

function Cover({ data }: { data: Data }) {
  return (
    <section className="report-cover" aria-labelledby="report-title">
      <p className="eyebrow">{TEXT.kind}</p>
      <h1 id="report-title">{data.partnership.name}</h1>
      <p className="report-date">{TEXT.asOf(data.todayLabel)}</p>
      <p>{TEXT.preparedFor(data.viewer)}</p>
      <p className="report-visibility" data-testid="report-visibility">
        {TEXT.visibility}
      </p>
      <p>
        {TEXT.changes} {data.sinceLabel}.
      </p>
    </section>
  );
}

function Controls({ data }: { data: Data }) {
  return (
    <section className="report-controls card" aria-label="Report options">
      <Form method="get" className="report-since">
        <div className="field">
          <label htmlFor="since">{TEXT.since}</label>
          <input
            id="since"
            name="since"
            type="date"
            defaultValue={data.typed || data.since}
            max={data.today}
            aria-describedby="since-hint since-error"
            aria-invalid={data.sinceError ? true : undefined}
          />
          <p id="since-hint" className="muted small-print">
            {TEXT.sinceHint}
          </p>
          {data.sinceError ? (
            <p id="since-error" className="field-error" role="alert">
              {data.sinceError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button secondary">
          {TEXT.apply}
        </button>
      </Form>
      <div>
        <button type="button" className="button" onClick={() => window.print()}>
          {TEXT.print}
        </button>
        <p className="muted small-print">{TEXT.printHint}</p>
      </div>
    </section>
  );
}

function Headline({ data }: { data: Data }) {
  const { totals, reportingCurrency: currency, milestonesAtRisk } = data.report.portfolio;
  const stats: Array<[string, string]> = [
    [TEXT.sought, formatMoney(totals.sought, currency, { compact: true })],
    [TEXT.committed, formatMoney(totals.committed, currency, { compact: true })],
    [TEXT.triggered, formatMoney(totals.triggered, currency, { compact: true })],
    [TEXT.pending, formatMoney(totals.pending, currency, { compact: true })],
    [TEXT.gap, formatMoney(totals.gap, currency, { compact: true })],
    [TEXT.atRiskNow, String(milestonesAtRisk.length)],
    [TEXT.doneSince, String(data.report.milestonesDone.length)],
  ];
  return (
    <section className="report-section" aria-labelledby="headline-title">
      <h2 id="headline-title">{TEXT.headline}</h2>
      <dl className="report-stats">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Funding({ data }: { data: Data }) {
  const { byGovernment, byMineral, reportingCurrency: currency } = data.report.portfolio;
  const showDrafts = byGovernment.some((row) => BigInt(row.drafts) > 0n);
  return (
    <>
      <section className="report-section" aria-labelledby="by-government-title">
        <h2 id="by-government-title">{TEXT.byGovernment}</h2>
        <ScrollTable label={TEXT.byGovernment}>
          <table>
            <thead>
              <tr>
                <th scope="col">{TEXT.government}</th>
                <th scope="col" className="num">
                  {TEXT.live}
                </th>
                {showDrafts ? (
                  <th scope="col" className="num">
                    {TEXT.drafts}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {byGovernment.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  <td className="num">
                    <Money minor={row.live} currency={currency} />
                  </td>
                  {showDrafts ? (
                    <td className="num">
                      <Money minor={row.drafts} currency={currency} />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      <section className="report-section" aria-labelledby="by-mineral-title">
        <h2 id="by-mineral-title">{TEXT.byMineral}</h2>
        <ScrollTable label={TEXT.byMineral}>
          <table>
            <thead>
              <tr>
                <th scope="col">{TEXT.mineral}</th>
                <th scope="col" className="num">
                  {TEXT.projects}
                </th>
                <th scope="col" className="num">
                  {TEXT.sought}
                </th>
                <th scope="col" className="num">
                  {TEXT.committed}
                </th>
                <th scope="col" className="num">
                  {TEXT.gap}
                </th>
              </tr>
            </thead>
            <tbody>
              {byMineral.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{MINERAL_LABELS[row.key as Mineral] ?? row.label}</th>
                  <td className="num">{row.projects}</td>
                  <td className="num">
                    <Money minor={row.sought} currency={currency} />
                  </td>
                  <td className="num">
                    <Money minor={row.committed} currency={currency} />
                  </td>
                  <td className="num">
                    <Money minor={row.gap} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </>
  );
}

function Milestones({ data }: { data: Data }) {
  const { milestonesAtRisk } = data.report.portfolio;
  return (
    <section className="report-section" aria-labelledby="milestones-title">
      <h2 id="milestones-title">{TEXT.milestones}</h2>
      <h3>
        {TEXT.done} {data.sinceLabel}
      </h3>
      {data.report.milestonesDone.length === 0 ? (
        <p className="muted">{TEXT.noneDone}</p>
      ) : (
        <ScrollTable label={TEXT.done}>
          <table data-testid="milestones-done">
            <thead>
              <tr>
                <th scope="col">{TEXT.project}</th>
                <th scope="col">{TEXT.milestone}</th>
                <th scope="col">{TEXT.completed}</th>
              </tr>
            </thead>
            <tbody>
              {data.report.milestonesDone.map((m) => (
                <tr key={m.id}>
                  <td>{m.projectName}</td>
                  <td>{m.title}</td>
                  <td>{formatDay(m.completedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <h3>{TEXT.atRisk}</h3>
      {milestonesAtRisk.length === 0 ? (
        <p className="muted">{TEXT.noneAtRisk}</p>
      ) : (
        <ScrollTable label={TEXT.atRisk}>
          <table data-testid="milestones-at-risk">
            <thead>
              <tr>
                <th scope="col">{TEXT.project}</th>
                <th scope="col">{TEXT.milestone}</th>
                <th scope="col">{TEXT.due}</th>
                <th scope="col">{TEXT.status}</th>
              </tr>
            </thead>
            <tbody>
              {milestonesAtRisk.map((m) => (
                <tr key={m.id}>
                  <td>{m.projectName}</td>
                  <td>{m.title}</td>
                  <td>{formatDay(m.dueDate)}</td>
                  <td>
                    {MILESTONE_STATUS_LABELS[m.status as MilestoneStatus] ?? m.status}
                    {m.overdue ? `, ${TEXT.overdue}` : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

function Resilience({ data }: { data: Data }) {
  const { resilience, ranking, portfolio } = data.report;
  if (!resilience) {
    return (
      <section className="report-section" aria-labelledby="resilience-title">
        <h2 id="resilience-title">{TEXT.resilience}</h2>
        <p className="muted">{TEXT.noResilience}</p>
      </section>
    );
  }
  return (
    <>
      <section className="report-section report-break" aria-labelledby="resilience-title">
        <h2 id="resilience-title">{TEXT.resilience}</h2>
        <p>{TEXT.resilienceLead(resilience.horizon)}</p>
        <ScrollTable label={TEXT.resilience}>
          <table>
            <thead>
              <tr>
                <th scope="col">{TEXT.mineralStage}</th>
                <th scope="col">{TEXT.topProducer}</th>
                <th scope="col" className="num">
                  {TEXT.hhi}
                </th>
                <th scope="col" className="num">
                  {TEXT.partners}
                </th>
              </tr>
            </thead>
            <tbody>
              {resilience.groups.map((g) => (
                <tr key={g.key}>
                  <th scope="row">
                    {g.mineralLabel}, {g.stageLabel.toLowerCase()}
                  </th>
                  <td>
                    {g.baseline.top1
                      ? `${g.baseline.top1.name} ${g.baseline.top1.sharePct.toFixed(0)}%`
                      : TEXT.none}
                  </td>
                  <td className="num">
                    {Math.round(g.baseline.hhi).toLocaleString("en-GB")} {TEXT.arrow}{" "}
                    {Math.round(g.projected.hhi).toLocaleString("en-GB")}
                  </td>
                  <td className="num">
                    {g.baseline.partnerPct.toFixed(1)}% {TEXT.arrow}{" "}
                    {g.projected.partnerPct.toFixed(1)}%
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      <section className="report-section" aria-labelledby="next-pledge-title">
        <h2 id="next-pledge-title">{TEXT.nextPledge}</h2>
        <p>{TEXT.nextPledgeLead}</p>
        {ranking.length === 0 ? (
          <p className="muted">{TEXT.noRanking}</p>
        ) : (
          <ScrollTable label={TEXT.nextPledge}>
            <table data-testid="next-pledge">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {TEXT.rank}
                  </th>
                  <th scope="col">{TEXT.project}</th>
                  <th scope="col">{TEXT.adds}</th>
                  <th scope="col" className="num">
                    {TEXT.gap}
                  </th>
                  <th scope="col" className="num">
                    {TEXT.deltaHhi}
                  </th>
                  <th scope="col" className="num">
                    {TEXT.perHundred}
                  </th>
                </tr>
              </thead>
              <tbody>
                {ranking.map((row, index) => (
                  <tr key={`${row.projectId}-${row.groupKey}`}>
                    <td className="num">{index + 1}</td>
                    <td>
                      {row.projectName} ({row.hostName})
                    </td>
                    <td>
                      {row.mineralLabel}, {row.stageLabel.toLowerCase()}
                    </td>
                    <td className="num">
                      {row.gapMinor === null ? (
                        TEXT.none
                      ) : (
                        <Money minor={row.gapMinor} currency={portfolio.reportingCurrency} />
                      )}
                    </td>
                    <td className="num">{formatDelta(row.deltaHhi)}</td>
                    <td className="num">
                      {row.perHundredMillionMilli === null
                        ? TEXT.none
                        : formatMilli(BigInt(row.perHundredMillionMilli))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </>
  );
}

function Changes({ data }: { data: Data }) {
  const { changes, changeCounts, changesTotal, seesChanges } = data.report;
  return (
    <section className="report-section" aria-labelledby="changes-title">
      <h2 id="changes-title">
        {TEXT.changes} {data.sinceLabel}
      </h2>
      {!seesChanges ? (
        <p className="muted">{TEXT.noHistory}</p>
      ) : changesTotal === 0 ? (
        <p className="muted">{TEXT.noChanges}</p>
      ) : (
        <>
          <p>
            {Object.entries(changeCounts)
              .map(([kind, count]) => `${count} ${TEXT.kinds[kind] ?? kind}`)
              .join(", ")}
            .
          </p>
          <ul className="report-changes" data-testid="report-changes">
            {changes.map((change, index) => (
              <li key={`${change.at}-${index}`}>
                <span className="report-change-date">{formatDay(change.at)}</span> {change.text}
              </li>
            ))}
          </ul>
          {changesTotal > changes.length ? (
            <p className="muted">{TEXT.moreChanges(changesTotal - changes.length)}</p>
          ) : null}
        </>
      )}
    </section>
  );
}

export default function MinisterialReport() {
  const data = useLoaderData<typeof loader>();
  return (
    <article className="report stack">
      <PrintPageStyle title={`${data.partnership.name} — ${TEXT.kind} — ${data.todayLabel}`} />
      <Controls data={data} />
      <Cover data={data} />
      <Headline data={data} />
      <Funding data={data} />
      <Milestones data={data} />
      <Resilience data={data} />
      <Changes data={data} />
    </article>
  );
}

export const ErrorBoundary = RouteErrorMessage;
