import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { MineralList } from "~/components/mineral";
import { isMilestoneStatus } from "~/domain/milestones";
import { PROJECT_STATUSES, SEGMENTS, STAGES } from "~/domain/projects/vocabulary";
import { requireParam } from "~/forms/params.server";
import type { Formatter } from "~/i18n/format";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { getProjectHistory, readsHistory, type HistoryEvent } from "~/models/audit-history.server";
import { listParties } from "~/models/projects.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "history.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const projectId = requireParam(params, "projectId", "uuid");
  if (!readsHistory(context)) return json({ readable: false as const, history: null });
  const before = new URL(request.url).searchParams.get("before");
  const [history, parties] = await Promise.all([
    getProjectHistory(context, projectId, before && /^\d{1,18}$/.test(before) ? before : null),
    listParties(context),
  ]);
  const names = Object.fromEntries(
    [...parties.members, ...parties.sponsors].map((party) => [party.id, party.name]),
  );
  return json({ readable: true as const, history, names, paged: Boolean(before) });
}

/** The fields the history names (the catalogue's history.fields); links between rows are left out. */
const FIELDS = [
  "name",
  "segment",
  "minerals",
  "host_country",
  "latitude",
  "longitude",
  "stage",
  "capex_minor",
  "funding_sought_minor",
  "currency",
  "esg_notes",
  "status",
  "decision_reason",
  "registering_member_id",
  "sponsor_organisation_id",
  "title",
  "due_date",
  "notes",
  "completed_at",
  "note",
  "status_change",
  "evidence_url",
] as const;
type Field = (typeof FIELDS)[number];
const isShown = (field: string): field is Field => (FIELDS as readonly string[]).includes(field);

const oneOf = <T extends string>(list: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (list as readonly string[]).includes(value);

/** A recorded value in words: statuses, segments and stages by name, amounts, dates and countries formatted. */
function Value({
  field,
  value,
  event,
  names,
  f,
}: {
  field: Field;
  value: unknown;
  event: HistoryEvent;
  names: Record<string, string>;
  f: Formatter;
}) {
  const { t } = useT();
  if (value === null || value === undefined || value === "") return <>{t("common.none")}</>;
  if (typeof value === "string" && names[value]) return <>{names[value]}</>;
  if ((field === "status" || field === "status_change") && isMilestoneStatus(value)) {
    return <>{t(`vocabulary.milestoneStatus.${value}`)}</>;
  }
  if (field === "status" && oneOf(PROJECT_STATUSES, value)) {
    return <>{t(`vocabulary.projectStatus.${value}`)}</>;
  }
  if (field === "segment" && oneOf(SEGMENTS, value)) return <>{t(`vocabulary.segment.${value}`)}</>;
  if (field === "stage" && oneOf(STAGES, value)) return <>{t(`vocabulary.stage.${value}`)}</>;
  if (field === "minerals" && Array.isArray(value))
    return <MineralList minerals={value.map(String)} />;
  if (field === "host_country" && typeof value === "string") return <>{f.country(value)}</>;
  if ((field === "capex_minor" || field === "funding_sought_minor") && event.currency) {
    return <>{f.money(String(value), event.currency)}</>;
  }
  if (field === "due_date" && typeof value === "string") return <>{f.day(value)}</>;
  if (field === "completed_at" && typeof value === "string") return <>{f.moment(value)}</>;
  if (Array.isArray(value)) return <>{value.join(t("common.listSeparator"))}</>;
  return <>{typeof value === "object" ? JSON.stringify(value) : String(value)}</>;
}

function EventCard({ event, names }: { event: HistoryEvent; names: Record<string, string> }) {
  const { t, tm } = useT();
  const f = useFormat();
  const changes = event.changes.filter((change) => isShown(change.field));
  return (
    <li className="history-event card">
      <p className="history-head">
        <strong>{t(`history.${event.action}`, { subject: tm(event.subject) })}</strong>
        <span className="muted">
          {" "}
          {t("history.by", { who: event.actor ?? t("project.theSystem") })} ·{" "}
          <time dateTime={String(event.at)}>{f.moment(event.at)}</time>
        </span>
      </p>
      {changes.length > 0 ? (
        <table className="changes">
          <thead>
            <tr>
              <th scope="col">{t("history.field")}</th>
              {event.action === "update" ? <th scope="col">{t("history.before")}</th> : null}
              <th scope="col">
                {event.action === "delete" ? t("history.value") : t("history.after")}
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => {
              const field = change.field as Field;
              return (
                <tr key={field}>
                  <th scope="row">{t(`history.fields.${field}`)}</th>
                  {event.action === "update" ? (
                    <td>
                      <Value
                        field={field}
                        value={change.before}
                        event={event}
                        names={names}
                        f={f}
                      />
                    </td>
                  ) : null}
                  <td>
                    <Value
                      field={field}
                      value={event.action === "delete" ? change.before : change.after}
                      event={event}
                      names={names}
                      f={f}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}

export default function ProjectHistory() {
  const data = useLoaderData<typeof loader>();
  const { t } = useT();
  if (!data.readable) {
    return (
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("history.heading")}</h2>
        <p>{t("history.closed")}</p>
      </section>
    );
  }
  const { history } = data;
  return (
    <section className="stack" aria-labelledby="history-title">
      <h2 id="history-title">{t("history.heading")}</h2>
      <p className="muted small-print">{t("history.lead")}</p>
      {history.events.length === 0 ? (
        <p className="card">{t("history.none")}</p>
      ) : (
        <ol className="history">
          {history.events.map((event) => (
            <EventCard key={event.id} event={event as unknown as HistoryEvent} names={data.names} />
          ))}
        </ol>
      )}
      <div className="row">
        {data.paged ? (
          <Link to="?" className="button secondary" preventScrollReset>
            {t("history.newest")}
          </Link>
        ) : null}
        {history.next ? (
          <Link to={`?before=${history.next}`} className="button secondary" preventScrollReset>
            {t("history.older")}
          </Link>
        ) : null}
      </div>
    </section>
  );
}

export const ErrorBoundary = RouteErrorMessage;
