import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireMember } from "~/auth/auth.server";
import { ROLES_FOR } from "~/domain/permissions";
import { REFUSALS } from "~/domain/refusals";
import { isoDate } from "~/forms/values";
import { metaFormat, metaT } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import type { Formatter } from "~/i18n/format";
import { defaultSince, getReport, getReportMeetings } from "~/models/report.server";
import { RouteErrorMessage } from "~/root";
import reportStyles from "~/styles/report.css";
import * as clock from "~/utils/clock.server";
import { useNonce } from "~/utils/nonce";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches);
  if (!data) return [{ title: t("report.kind") }];
  return [
    {
      title: t("report.metaTitle", {
        partnership: data.partnership.name,
        date: metaFormat(matches).day(data.today),
      }),
    },
  ];
};

/** `?since=` as the report's forms send it: a date (values.ts) no later than today. */
function readSince(typed: string | null, today: string): string | null {
  if (typed === null || typed === "") return null;
  const parsed = isoDate().safeParse(typed);
  return parsed.success && parsed.data <= today ? parsed.data : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.report);
  const today = clock.today();
  const typed = new URL(request.url).searchParams.get("since");
  const chosen = readSince(typed, today);
  const meetings = await getReportMeetings(context);
  const fallback = defaultSince(meetings, today);
  const since = chosen ?? fallback.since;
  const lastMeeting = meetings.find((m) => m.heldOn === fallback.since);
  const report = await getReport(context, today, since);
  const { membership } = context;
  const refused = typed !== null && typed !== "" && chosen === null;
  return json(
    {
      partnership: context.partnership,
      today,
      since,
      typed: typed ?? "",
      sinceError: refused ? REFUSALS.reportSince : null,
      /** The last meeting the changes are counted from, when the reader chose no date of their own. */
      sinceMeeting:
        !chosen && fallback.reason === "meeting" && lastMeeting
          ? { title: lastMeeting.title, heldOn: lastMeeting.heldOn }
          : null,
      viewer: {
        role: membership.role,
        government: membership.memberName,
        organisation: membership.sponsorOrganisationName,
      },
      report,
    },
    { status: refused ? 400 : 200 },
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
  const format = useFormat();
  return <>{format.money(minor, currency)}</>;
}

/** A change of an index, signed: "+1.5", "−12.0" (the minus sign, not a hyphen). */
function signed(format: Formatter, value: number, digits = 1): string {
  const rounded = Number(value.toFixed(digits));
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "";
  return `${sign}${format.number(Math.abs(rounded), digits)}`;
}

/** "since the last meeting, Ministerial (12 Nov 2026)" or "since 1 Sept 2026". */
function useSinceLabel(data: Data): string {
  const { t } = useT();
  const format = useFormat();
  return data.sinceMeeting
    ? t("report.sinceFromMeeting", {
        title: data.sinceMeeting.title,
        date: format.day(data.sinceMeeting.heldOn),
      })
    : t("report.sinceFromDays", { date: format.day(data.since) });
}

function Cover({ data }: { data: Data }) {
  const { t } = useT();
  const format = useFormat();
  const { viewer } = data;
  const who = [t(`vocabulary.role.${viewer.role}`), viewer.government, viewer.organisation]
    .filter(Boolean)
    .join(t("common.listSeparator"));
  return (
    <section className="report-cover" aria-labelledby="report-title">
      <p className="eyebrow">{t("report.kind")}</p>
      <h1 id="report-title">{data.partnership.name}</h1>
      <p className="report-date">{t("report.asOf", { date: format.day(data.today) })}</p>
      <p>{t("report.preparedFor", { who })}</p>
      <p className="report-visibility" data-testid="report-visibility">
        {t("report.visibility")}
      </p>
      <p>{t("report.changesSince", { since: useSinceLabel(data) })}</p>
    </section>
  );
}

function Controls({ data }: { data: Data }) {
  const { t, tm } = useT();
  return (
    <section className="report-controls card" aria-label={t("report.options")}>
      <Form method="get" className="report-since">
        <div className="field">
          <label htmlFor="since">{t("report.since")}</label>
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
            {t("report.sinceHint")}
          </p>
          {data.sinceError ? (
            <p id="since-error" className="field-error" role="alert">
              {tm(data.sinceError)}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button secondary">
          {t("report.apply")}
        </button>
      </Form>
      <div>
        <button type="button" className="button" onClick={() => window.print()}>
          {t("report.print")}
        </button>
        <p className="muted small-print">{t("report.printHint")}</p>
      </div>
    </section>
  );
}

function Headline({ data }: { data: Data }) {
  const { t } = useT();
  const format = useFormat();
  const { totals, reportingCurrency: currency, milestonesAtRisk } = data.report.portfolio;
  const money = (minor: string) => format.money(minor, currency, { compact: true });
  const stats: Array<[string, string]> = [
    [t("report.sought"), money(totals.sought)],
    [t("report.committed"), money(totals.committed)],
    [t("report.triggered"), money(totals.triggered)],
    [t("report.pending"), money(totals.pending)],
    [t("report.gap"), money(totals.gap)],
    [t("report.atRiskNow"), format.number(milestonesAtRisk.length)],
    [t("report.milestonesDoneSince"), format.number(data.report.milestonesDone.length)],
  ];
  return (
    <section className="report-section" aria-labelledby="headline-title">
      <h2 id="headline-title">{t("report.headline")}</h2>
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
  const { t } = useT();
  const format = useFormat();
  const { byGovernment, byMineral, reportingCurrency: currency } = data.report.portfolio;
  const showDrafts = byGovernment.some((row) => BigInt(row.drafts) > 0n);
  return (
    <>
      <section className="report-section" aria-labelledby="by-government-title">
        <h2 id="by-government-title">{t("report.byGovernment")}</h2>
        <ScrollTable label={t("report.byGovernment")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("report.government")}</th>
                <th scope="col" className="num">
                  {t("report.live")}
                </th>
                {showDrafts ? (
                  <th scope="col" className="num">
                    {t("report.drafts")}
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
        <h2 id="by-mineral-title">{t("report.byMineral")}</h2>
        <ScrollTable label={t("report.byMineral")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("report.mineral")}</th>
                <th scope="col" className="num">
                  {t("report.projects")}
                </th>
                <th scope="col" className="num">
                  {t("report.sought")}
                </th>
                <th scope="col" className="num">
                  {t("report.committed")}
                </th>
                <th scope="col" className="num">
                  {t("report.gap")}
                </th>
              </tr>
            </thead>
            <tbody>
              {byMineral.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{t(`vocabulary.mineral.${row.key}`, row.label)}</th>
                  <td className="num">{format.number(row.projects)}</td>
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
  const { t } = useT();
  const format = useFormat();
  const { milestonesAtRisk } = data.report.portfolio;
  return (
    <section className="report-section" aria-labelledby="milestones-title">
      <h2 id="milestones-title">{t("report.milestones")}</h2>
      <h3>{t("report.doneSince", { since: useSinceLabel(data) })}</h3>
      {data.report.milestonesDone.length === 0 ? (
        <p className="muted">{t("report.noneDone")}</p>
      ) : (
        <ScrollTable label={t("report.done")}>
          <table data-testid="milestones-done">
            <thead>
              <tr>
                <th scope="col">{t("report.project")}</th>
                <th scope="col">{t("report.milestone")}</th>
                <th scope="col">{t("report.completed")}</th>
              </tr>
            </thead>
            <tbody>
              {data.report.milestonesDone.map((m) => (
                <tr key={m.id}>
                  <td>{m.projectName}</td>
                  <td>{m.title}</td>
                  <td>{format.day(m.completedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      <h3>{t("report.atRisk")}</h3>
      {milestonesAtRisk.length === 0 ? (
        <p className="muted">{t("report.noneAtRisk")}</p>
      ) : (
        <ScrollTable label={t("report.atRisk")}>
          <table data-testid="milestones-at-risk">
            <thead>
              <tr>
                <th scope="col">{t("report.project")}</th>
                <th scope="col">{t("report.milestone")}</th>
                <th scope="col">{t("report.due")}</th>
                <th scope="col">{t("report.status")}</th>
              </tr>
            </thead>
            <tbody>
              {milestonesAtRisk.map((m) => (
                <tr key={m.id}>
                  <td>{m.projectName}</td>
                  <td>{m.title}</td>
                  <td>{format.day(m.dueDate)}</td>
                  <td>
                    {m.overdue
                      ? t("report.statusOverdue", { status: m.status })
                      : t(`vocabulary.milestoneStatus.${m.status}`, m.status)}
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

function ResilienceTable({ data }: { data: Data }) {
  const { t } = useT();
  const format = useFormat();
  const resilience = data.report.resilience;
  if (!resilience) return null;
  const change = (before: string, after: string) => t("report.change", { before, after });
  return (
    <section className="report-section report-break" aria-labelledby="resilience-title">
      <h2 id="resilience-title">{t("report.resilience")}</h2>
      <p>{t("report.resilienceLead", { horizon: String(resilience.horizon) })}</p>
      <ScrollTable label={t("report.resilience")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("report.mineralStage")}</th>
              <th scope="col">{t("report.topProducer")}</th>
              <th scope="col" className="num">
                {t("report.hhi")}
              </th>
              <th scope="col" className="num">
                {t("report.partners")}
              </th>
            </tr>
          </thead>
          <tbody>
            {resilience.groups.map((g) => (
              <tr key={g.key}>
                <th scope="row">
                  {t("supply.outputs.group", { mineral: g.mineral, stage: g.stage })}
                </th>
                <td>
                  {g.baseline.top1
                    ? t("report.producerShare", {
                        country: format.country(g.baseline.top1.country),
                        share: format.percent(g.baseline.top1.sharePct, 0),
                      })
                    : t("common.none")}
                </td>
                <td className="num">
                  {change(
                    format.number(Math.round(g.baseline.hhi)),
                    format.number(Math.round(g.projected.hhi)),
                  )}
                </td>
                <td className="num">
                  {change(
                    format.percent(g.baseline.partnerPct, 1),
                    format.percent(g.projected.partnerPct, 1),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

function NextPledge({ data }: { data: Data }) {
  const { t } = useT();
  const format = useFormat();
  const { ranking, portfolio } = data.report;
  const none = t("common.none");
  return (
    <section className="report-section" aria-labelledby="next-pledge-title">
      <h2 id="next-pledge-title">{t("report.nextPledge")}</h2>
      <p>{t("report.nextPledgeLead")}</p>
      {ranking.length === 0 ? (
        <p className="muted">{t("report.noRanking")}</p>
      ) : (
        <ScrollTable label={t("report.nextPledge")}>
          <table data-testid="next-pledge">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("report.rank")}
                </th>
                <th scope="col">{t("report.project")}</th>
                <th scope="col">{t("report.adds")}</th>
                <th scope="col" className="num">
                  {t("report.gap")}
                </th>
                <th scope="col" className="num">
                  {t("report.deltaHhi")}
                </th>
                <th scope="col" className="num">
                  {t("report.perHundred")}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranking.map((row, index) => {
                const [mineral = "", stage = ""] = row.groupKey.split(":");
                return (
                  <tr key={`${row.projectId}-${row.groupKey}`}>
                    <td className="num">{format.number(index + 1)}</td>
                    <td>
                      {t("report.projectIn", {
                        project: row.projectName,
                        country: format.country(row.hostCountry),
                      })}
                    </td>
                    <td>{t("supply.outputs.group", { mineral, stage })}</td>
                    <td className="num">
                      {row.gapMinor === null ? (
                        none
                      ) : (
                        <Money minor={row.gapMinor} currency={portfolio.reportingCurrency} />
                      )}
                    </td>
                    <td className="num">{signed(format, row.deltaHhi)}</td>
                    <td className="num">
                      {row.perHundredMillionMilli === null
                        ? none
                        : signed(format, Number(row.perHundredMillionMilli) / 1000)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </section>
  );
}

function Resilience({ data }: { data: Data }) {
  const { t } = useT();
  if (!data.report.resilience) {
    return (
      <section className="report-section" aria-labelledby="resilience-title">
        <h2 id="resilience-title">{t("report.resilience")}</h2>
        <p className="muted">{t("report.noResilience")}</p>
      </section>
    );
  }
  return (
    <>
      <ResilienceTable data={data} />
      <NextPledge data={data} />
    </>
  );
}

const CHANGE_KINDS = [
  "project",
  "pledge",
  "milestone",
  "tranche",
  "meeting",
  "publication",
] as const;

function Changes({ data }: { data: Data }) {
  const { t, tm } = useT();
  const format = useFormat();
  const { changes, changeCounts, changesTotal, seesChanges } = data.report;
  const counts = CHANGE_KINDS.filter((kind) => (changeCounts[kind] ?? 0) > 0).map((kind) =>
    t(`report.kinds.${kind}`, { count: changeCounts[kind] ?? 0 }),
  );
  return (
    <section className="report-section" aria-labelledby="changes-title">
      <h2 id="changes-title">{t("report.changesSince", { since: useSinceLabel(data) })}</h2>
      {!seesChanges ? (
        <p className="muted">{t("report.noHistory")}</p>
      ) : changesTotal === 0 ? (
        <p className="muted">{t("report.noChanges")}</p>
      ) : (
        <>
          <p>{t("report.counts", { list: counts.join(t("common.listSeparator")) })}</p>
          <ul className="report-changes" data-testid="report-changes">
            {changes.map((change, index) => (
              <li key={`${change.at}-${index}`}>
                <span className="report-change-date">{format.day(change.at)}</span>{" "}
                {tm(change.text)}
              </li>
            ))}
          </ul>
          {changesTotal > changes.length ? (
            <p className="muted">
              {t("report.moreChanges", { count: changesTotal - changes.length })}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

export default function MinisterialReport() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  const format = useFormat();
  return (
    <article className="report stack">
      <PrintPageStyle
        title={t("report.runningHeader", {
          partnership: data.partnership.name,
          date: format.day(data.today),
        })}
      />
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
