import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useCallback, useRef, useState } from "react";
import { requireMember } from "~/auth/auth.server";
import { BoardColumns, type MoveResult } from "~/components/board";
import { FilterBar, FilterSelect, PortfolioFilterSelects } from "~/components/filters";
import { LiveIndicator, useActionResult, useLiveRevalidation } from "~/components/live";
import { MoveSchema, type MilestoneStatus } from "~/domain/milestones";
import { movesAnyMilestone } from "~/domain/permissions";
import {
  BOARD_COLUMN_MAX,
  BOARD_COLUMN_STEP,
  parseBoardFilters,
  withParams,
} from "~/domain/projects/filters";
import { parseForm } from "~/forms/parse.server";
import { pageTitle } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { getBoard } from "~/models/board.server";
import { moveMilestone, type MilestoneOutcome } from "~/models/milestones.server";
import { listSecretariatNames } from "~/models/contacts.server";
import { listHostCountries, listParties } from "~/models/projects.server";
import { listReleases } from "~/models/releases.server";
import { RouteErrorMessage } from "~/root";
import boardStyles from "~/styles/board.css";
import * as clock from "~/utils/clock.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardStyles }];

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "board.title") }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const filters = parseBoardFilters(new URL(request.url).searchParams);
  const [board, parties, hosts, secretariat] = await Promise.all([
    getBoard(context, filters, clock.today()),
    listParties(context),
    listHostCountries(context),
    listSecretariatNames(context),
  ]);
  const cards = board.columns.flatMap((column) => column.cards);
  const releases = await context.user.db((tx) =>
    listReleases(
      tx,
      cards
        .filter((card) => card.status !== "done" && card.status !== "cancelled")
        .map((c) => c.id),
    ),
  );
  return json({
    slug: context.partnership.slug,
    board: {
      ...board,
      columns: board.columns.map((column) => ({
        ...column,
        cards: column.cards.map((card) => ({ ...card, releases: releases.get(card.id) ?? [] })),
      })),
    },
    secretariat,
    filters,
    sponsors: parties.sponsors,
    hosts,
    canMoveAny: movesAnyMilestone(context.membership),
  });
}

/** The move's answer as JSON: 200 with the moved milestone, 409 with the fresh state, or the refusal. */
function moveResponse(outcome: MilestoneOutcome) {
  if (outcome.ok) {
    return json<MoveResult>({
      ok: true,
      milestone: pick(outcome.milestone),
    });
  }
  if (outcome.kind === "conflict") {
    return json<MoveResult>(
      { ok: false, message: outcome.message, milestone: pick(outcome.current) },
      { status: 409 },
    );
  }
  return json<MoveResult>({ ok: false, message: outcome.message }, { status: outcome.status });
}

function pick(milestone: { id: string; title: string; status: MilestoneStatus; version: number }) {
  return {
    id: milestone.id,
    title: milestone.title,
    status: milestone.status,
    version: milestone.version,
  };
}

/** Moves a card: drag and drop and the keyboard's "Move to…" both post here. */
export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const submission = await parseForm(request, MoveSchema);
  if (!submission.ok) return submission.response;
  return moveResponse(await moveMilestone(context, submission.data));
}

export default function BoardPage() {
  const { slug, board, filters, sponsors, hosts, canMoveAny, secretariat } =
    useLoaderData<typeof loader>();
  const { t, tm, language } = useT();
  const live = useLiveRevalidation(slug);
  const { search } = useLocation();
  const [notice, setNotice] = useState<MoveResult | null>(null);
  const seen = useRef(new WeakSet<object>());
  const onResult = useCallback((result: MoveResult) => {
    if (seen.current.has(result)) return;
    seen.current.add(result);
    setNotice(result.ok ? null : result);
  }, []);
  // A move posted without JavaScript comes back as the page's action data.
  const posted = useActionResult<MoveResult>();
  const message = notice?.message ?? (posted && !posted.ok ? posted.message : undefined);
  const params = new URLSearchParams(search);
  const shownMax = Math.max(...board.columns.map((column) => column.cards.length));
  const anyHidden = board.columns.some((column) => column.total > column.cards.length);

  return (
    <div className="stack board-page">
      <div className="page-heading">
        <div>
          <h1>{t("board.title")}</h1>
          <p className="muted small-print">
            {t("board.summary", {
              lead: t("board.lead"),
              total: t("board.total", { count: board.total }),
              overdue: board.overdue > 0 ? t("board.overdue", { count: board.overdue }) : "",
              how: canMoveAny ? t("board.canMove") : t("board.observersLook"),
            })}
          </p>
        </div>
        <LiveIndicator status={live} />
      </div>

      <FilterBar label={t("board.filter")} keep={["per"]}>
        <PortfolioFilterSelects filters={filters} hosts={hosts} />
        <FilterSelect
          name="sponsor"
          label={t("board.sponsor")}
          allLabel={t("board.allSponsors")}
          value={filters.sponsor}
          options={sponsors.map((sponsor) => ({ value: sponsor.id, label: sponsor.name }))}
        />
        <div className="field checkbox-field">
          <input
            type="checkbox"
            id="filter-attention"
            name="attention"
            value="1"
            defaultChecked={filters.attention}
          />
          <label htmlFor="filter-attention">{t("board.onlyAttention")}</label>
        </div>
      </FilterBar>

      <div aria-live="assertive" className="board-notice">
        {message ? (
          <div role="alert" className="alert warning">
            {tm(message)}{" "}
            <button type="button" className="link-button" onClick={() => setNotice(null)}>
              {t("board.dismiss")}
            </button>
          </div>
        ) : null}
      </div>

      <BoardColumns
        columns={board.columns}
        today={board.today}
        action={`/p/${slug}/board`}
        onResult={onResult}
        askWho={
          secretariat.length
            ? new Intl.ListFormat(language, { type: "disjunction" }).format(secretariat)
            : undefined
        }
      />

      {anyHidden && filters.perColumn < BOARD_COLUMN_MAX ? (
        <p>
          <Link
            to={withParams(params, {
              per: Math.min(BOARD_COLUMN_MAX, shownMax + BOARD_COLUMN_STEP),
            })}
            className="button secondary"
            preventScrollReset
          >
            {t("board.showMore")}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
