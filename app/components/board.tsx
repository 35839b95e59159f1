import {
  DndContext,
  DragOverlay,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from "@dnd-kit/core";
import { Link, useFetcher, useFetchers, useSubmit } from "@remix-run/react";
import { columnUnderPointer } from "./board-collision";
import { noteOwnWrite } from "./live";
import { useCallback, useEffect, useId, useMemo, useState, type PointerEvent } from "react";
import type { Release } from "~/domain/decisions";
import { daysLate, describeDue, isOverdue, type MilestoneStatus } from "~/domain/milestones";
import { msg } from "~/i18n/message";
import { useFormat, useT } from "~/i18n/react";
import { DoneDialog, ReleaseBadge, type DoneRequest } from "./release-dialog";

/** A card as the board's loader sends it. */
export interface CardData {
  id: string;
  title: string;
  dueDate: string;
  status: MilestoneStatus;
  version: number;
  projectId: string;
  projectName: string;
  hostCountry: string;
  owner: string;
  moves: MilestoneStatus[];
  /** Money completing it requests (ADR 111); none when nothing depends on it. */
  releases?: Release[];
  /** Closed, and the viewer edits the board but may not reopen it: say why, and whom to ask. */
  locked?: boolean;
}

export interface ColumnData {
  status: MilestoneStatus;
  total: number;
  cards: CardData[];
}

/** What the move action answers (board route and tests share it). */
export interface MoveResult {
  ok: boolean;
  message?: string;
  milestone?: { id: string; status: MilestoneStatus; version: number; title: string };
}

export const moveFetcherKey = (milestoneId: string) => `move-${milestoneId}`;

/** Drags start from the card's body, never from its links, buttons or the "Move to" picker. */
class CardPointerSensor extends PointerSensor {
  static activators = [
    {
      eventName: "onPointerDown" as const,
      handler: ({ nativeEvent }: PointerEvent) =>
        nativeEvent.isPrimary &&
        nativeEvent.button === 0 &&
        !(nativeEvent.target as Element | null)?.closest(
          // i18n-exempt: a CSS selector
          "a, button, select, input, textarea, label",
        ),
    },
  ];
}

/**
 * The "Move to…" control of a card: a labelled picker and a button, posting the same action as a drop. It is
 * the keyboard's way to move a card, and works without JavaScript.
 */
export function MoveForm({
  card,
  action,
  onResult,
}: {
  card: Pick<CardData, "id" | "title" | "status" | "version" | "moves" | "releases">;
  action: string;
  onResult?: (result: MoveResult) => void;
}) {
  const fetcher = useFetcher<MoveResult>({ key: moveFetcherKey(card.id) });
  const { t } = useT();
  const id = useId();
  const { data, state } = fetcher;
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (state === "idle" && data) onResult?.(data);
  }, [data, state, onResult]);
  // Its own move's echo on the live stream reloads nothing (ADR 073).
  useEffect(() => {
    if (state !== "idle") noteOwnWrite(card.id, "pending");
    else noteOwnWrite(card.id, data?.ok && data.milestone ? data.milestone.version : null);
  }, [state, data, card.id]);
  if (card.moves.length === 0) return null;
  // The dialog is a form of its own, so it stands beside the move form, never inside it.
  const dialog = confirming ? (
    <DoneDialog
      card={{ ...card, releases: card.releases ?? [] }}
      action={action}
      fetcherKey={moveFetcherKey(card.id)}
      onClose={() => setConfirming(false)}
    />
  ) : null;
  return (
    <>
      {dialog}
      <fetcher.Form
        method="post"
        action={action}
        className="move-form"
        onSubmit={(event) => {
          const status = new FormData(event.currentTarget).get("status");
          if (status === "done" && card.releases?.length) {
            event.preventDefault();
            setConfirming(true);
          }
        }}
      >
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name="milestoneId" value={card.id} />
        <input type="hidden" name="version" value={card.version} />
        <label htmlFor={`${id}-status`} className="visually-hidden">
          {t("board.moveTo", { title: card.title })}
        </label>
        <select id={`${id}-status`} name="status" defaultValue={card.moves[0]} key={card.version}>
          {card.moves.map((status) => (
            <option key={status} value={status}>
              {t(`vocabulary.milestoneStatus.${status}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary small" disabled={state !== "idle"}>
          {state === "idle" ? t("board.move") : t("board.moving")}
          <span className="visually-hidden"> “{card.title}”</span>
        </button>
      </fetcher.Form>
    </>
  );
}

function CardBody({ card, today, askWho }: { card: CardData; today: string; askWho?: string }) {
  const { t, tm } = useT();
  const f = useFormat();
  const late = daysLate(card, today);
  return (
    <>
      <h3 className="card-title">
        <Link to={`../projects/${card.projectId}#milestone-${card.id}`} relative="path">
          {card.title}
        </Link>
      </h3>
      <p className="card-project">
        {card.projectName} <span className="muted">· {f.country(card.hostCountry)}</span>
      </p>
      <dl className="card-facts">
        <div>
          <dt>{t("board.due")}</dt>
          <dd>
            <time dateTime={card.dueDate}>{f.day(card.dueDate)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("board.owner")}</dt>
          <dd>{card.owner}</dd>
        </div>
      </dl>
      {isOverdue(card, today) ? (
        <p className="flag overdue">{t("board.overdueLate", { count: late })}</p>
      ) : card.status === "done" || card.status === "cancelled" ? null : (
        <p className="flag due">{tm(describeDue(card, today))}</p>
      )}
      {card.releases?.length ? <ReleaseBadge releases={card.releases} /> : null}
      {card.locked ? (
        <p className="small-print locked-note">
          {t(card.status === "done" ? "everyday.locked.done" : "everyday.locked.cancelled", {
            who: askWho ?? t("everyday.locked.theSecretariat"),
          })}
        </p>
      ) : null}
    </>
  );
}

function DraggableCard({
  card,
  today,
  action,
  pending,
  onResult,
  askWho,
}: {
  card: CardData;
  today: string;
  action: string;
  pending: boolean;
  onResult: (result: MoveResult) => void;
  askWho?: string;
}) {
  const { setNodeRef, listeners, isDragging } = useDraggable({
    id: card.id,
    data: { card },
    disabled: card.moves.length === 0 || pending,
  });
  return (
    <li
      ref={setNodeRef}
      id={`card-${card.id}`}
      className={`board-card status-${card.status}${isDragging ? " dragging" : ""}${
        pending ? " pending" : ""
      }${card.moves.length > 0 ? " movable" : ""}${isOverdue(card, today) ? " is-overdue" : ""}`}
      data-milestone-id={card.id}
      aria-busy={pending || undefined}
      {...listeners}
    >
      <CardBody card={card} today={today} askWho={askWho} />
      <MoveForm card={card} action={action} onResult={onResult} />
    </li>
  );
}

function Column({
  column,
  today,
  action,
  pendingIds,
  onResult,
  highlighted,
  current,
  askWho,
}: {
  column: ColumnData;
  today: string;
  action: string;
  pendingIds: Set<string>;
  onResult: (result: MoveResult) => void;
  highlighted: boolean;
  /** The column a small screen shows (the others wait behind the column switcher). */
  current: boolean;
  askWho?: string;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: column.status });
  const { t } = useT();
  const titleId = `column-${column.status}`;
  const hidden = column.total - column.cards.length;
  return (
    <section
      ref={setNodeRef}
      className={`board-column column-${column.status}${isOver ? " over" : ""}${
        highlighted ? " can-drop" : ""
      }${current ? " is-current" : ""}`}
      aria-labelledby={titleId}
      data-status={column.status}
    >
      <h2 id={titleId}>
        {t(`vocabulary.milestoneStatus.${column.status}`)}{" "}
        <span className="column-count">
          <span aria-hidden="true">{column.total}</span>
          <span className="visually-hidden">{t("board.columnCount", { count: column.total })}</span>
        </span>
      </h2>
      {column.cards.length === 0 ? <p className="muted empty">{t("board.noMilestones")}</p> : null}
      <ol className="board-cards">
        {column.cards.map((card) => (
          <DraggableCard
            key={card.id}
            card={card}
            today={today}
            action={action}
            pending={pendingIds.has(card.id)}
            onResult={onResult}
            askWho={askWho}
          />
        ))}
      </ol>
      {hidden > 0 ? (
        <p className="small-print muted column-more">
          {t("board.moreNotShown", { count: hidden })}
        </p>
      ) : null}
    </section>
  );
}

/** The moves in flight, from the cards' fetchers: milestone id → the status it is going to. */
function pendingMoves(fetchers: ReturnType<typeof useFetchers>): Map<string, MilestoneStatus> {
  const moves = new Map<string, MilestoneStatus>();
  for (const fetcher of fetchers) {
    if (fetcher.state === "idle" || fetcher.formData?.get("intent") !== "move") continue;
    const id = fetcher.formData.get("milestoneId");
    const status = fetcher.formData.get("status");
    if (typeof id === "string" && typeof status === "string") {
      moves.set(id, status as MilestoneStatus);
    }
  }
  return moves;
}

/** The optimistic view: cards being moved are shown in their target column, in due-date order. */
function withPendingMoves(
  columns: ColumnData[],
  pending: Map<string, MilestoneStatus>,
): ColumnData[] {
  if (pending.size === 0) return columns;
  const moving = columns.flatMap((column) => column.cards).filter((card) => pending.has(card.id));
  return columns.map((column) => {
    const staying = column.cards.filter((card) => !pending.has(card.id));
    const arriving = moving
      .filter((card) => pending.get(card.id) === column.status && card.status !== column.status)
      .map((card) => ({ ...card, status: column.status, moves: [] }));
    const leaving = column.cards.length - staying.length;
    const cards = [...staying, ...arriving].sort(
      (a, b) => a.dueDate.localeCompare(b.dueDate) || a.id.localeCompare(b.id),
    );
    return { ...column, cards, total: column.total - leaving + arriving.length };
  });
}

/** What a screen reader hears while a card is dragged. */
function announcementsIn(t: ReturnType<typeof useT>["t"]): Announcements {
  const titleOf = (data: unknown) =>
    (data as { card?: CardData } | undefined)?.card?.title ?? t("board.theCard");
  return {
    onDragStart: ({ active: item }) => t("board.pickedUp", { title: titleOf(item.data.current) }),
    onDragOver: ({ active: item, over }) =>
      over
        ? t("board.isOver", { title: titleOf(item.data.current), status: String(over.id) })
        : t("board.notOver", { title: titleOf(item.data.current) }),
    onDragEnd: ({ active: item, over }) =>
      over
        ? t("board.droppedOn", { title: titleOf(item.data.current), status: String(over.id) })
        : t("board.dropped", { title: titleOf(item.data.current) }),
    onDragCancel: ({ active: item }) =>
      t("board.dragCancelled", { title: titleOf(item.data.current) }),
  };
}

/** On a narrow screen one column shows at a time: this picks it. */
function ColumnSwitcher({
  columns,
  current,
  onChange,
}: {
  columns: ColumnData[];
  current: MilestoneStatus;
  onChange: (status: MilestoneStatus) => void;
}) {
  const { t } = useT();
  const id = useId();
  return (
    <div className="column-switcher field">
      <label htmlFor={id}>{t("everyday.layout.column")}</label>
      <select
        id={id}
        value={current}
        onChange={(event) => onChange(event.target.value as MilestoneStatus)}
      >
        {columns.map((column) => (
          <option key={column.status} value={column.status}>
            {t(`vocabulary.milestoneStatus.${column.status}`)} ({column.total})
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The shared board: one column per milestone status. A card moves by drag and drop (pointer) or with its
 * "Move to…" picker (keyboard); both post the same action with the version the person saw. While a move is
 * in flight the card is shown where it is going; the server's answer (and the live stream) settle it.
 */
export function BoardColumns({
  columns,
  today,
  action,
  onResult,
  askWho,
}: {
  columns: ColumnData[];
  today: string;
  action: string;
  onResult: (result: MoveResult) => void;
  /** Whom a sponsor asks to reopen a closed milestone: the secretariat's people, by name. */
  askWho?: string;
}) {
  const fetchers = useFetchers();
  const { t } = useT();
  const [currentColumn, setCurrentColumn] = useState<MilestoneStatus>(
    columns[0]?.status ?? "planned",
  );
  const [doneRequest, setDoneRequest] = useState<DoneRequest | null>(null);
  const pending = useMemo(() => pendingMoves(fetchers), [fetchers]);
  const shown = useMemo(() => withPendingMoves(columns, pending), [columns, pending]);

  const [active, setActive] = useState<CardData | null>(null);
  const sensors = useSensors(
    useSensor(CardPointerSensor, { activationConstraint: { distance: 6 } }),
  );
  const submitMove = useSubmitMove(action);

  const onDragStart = useCallback((event: DragStartEvent) => {
    setActive((event.active.data.current as { card: CardData } | undefined)?.card ?? null);
  }, []);
  const onDragEnd = useCallback(
    (event: DragEndEvent) => {
      setActive(null);
      const card = (event.active.data.current as { card: CardData } | undefined)?.card;
      const target = event.over?.id as MilestoneStatus | undefined;
      if (!card || !target || target === card.status) return;
      if (!card.moves.includes(target)) {
        onResult({
          ok: false,
          message: msg("board.cannotMove", { title: card.title, status: target }),
        });
        return;
      }
      if (target === "done" && card.releases?.length) {
        setDoneRequest({ ...card, releases: card.releases });
        return;
      }
      submitMove(card, target);
    },
    [submitMove, onResult],
  );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={columnUnderPointer}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setActive(null)}
      accessibility={{
        announcements: announcementsIn(t),
        screenReaderInstructions: { draggable: t("board.instructions") },
      }}
    >
      <ColumnSwitcher columns={shown} current={currentColumn} onChange={setCurrentColumn} />
      <div className="board-columns">
        {shown.map((column) => (
          <Column
            key={column.status}
            column={column}
            today={today}
            action={action}
            pendingIds={new Set(pending.keys())}
            onResult={onResult}
            highlighted={active !== null && active.moves.includes(column.status)}
            current={column.status === currentColumn}
            askWho={askWho}
          />
        ))}
      </div>
      {doneRequest ? (
        <DoneDialog
          card={doneRequest}
          action={action}
          fetcherKey={moveFetcherKey(doneRequest.id)}
          onClose={() => setDoneRequest(null)}
        />
      ) : null}
      <DragOverlay>
        {active ? (
          <div className={`board-card status-${active.status} overlay`}>
            <CardBody card={active} today={today} />
          </div>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}

/** Submits a move through the card's own fetcher, exactly as its "Move to…" form does. */
function useSubmitMove(action: string) {
  const submit = useSubmit();
  return useCallback(
    (card: CardData, status: MilestoneStatus) => {
      const data = new FormData();
      data.set("intent", "move");
      data.set("milestoneId", card.id);
      data.set("version", String(card.version));
      data.set("status", status);
      submit(data, {
        method: "post",
        action,
        navigate: false,
        fetcherKey: moveFetcherKey(card.id),
      });
    },
    [submit, action],
  );
}
