/*
 * Money that depends on a milestone (ADR 111): the badge a card wears, and the dialog that asks for evidence
 * and names the money before the milestone moves to Done ("This requests JP¥1,000,000,000 from Japan's
 * pledge"). The dialog posts the same move as the card's own form, through the card's fetcher, with the
 * evidence; the server refuses a move to Done without it while money depends on the milestone.
 */
import { useSubmit } from "@remix-run/react";
import { useEffect, useId, useRef, useState } from "react";
import type { Release } from "~/domain/decisions";
import { useFormat, useT } from "~/i18n/react";

/** "JP¥1,000,000,000 from Japan's pledge and US$25,000,000.00 from United States's pledge". */
export function useReleaseParts(releases: ReadonlyArray<Release>): string {
  const { t, language } = useT();
  const f = useFormat();
  const parts = releases.map((release) =>
    t("everyday.release.part", {
      amount: f.money(release.amountMinor, release.currency),
      government: f.country(release.memberCode),
    }),
  );
  return new Intl.ListFormat(language, { type: "conjunction" }).format(parts);
}

export function ReleaseBadge({ releases }: { releases: ReadonlyArray<Release> }) {
  const { t, language } = useT();
  const f = useFormat();
  const parts = useReleaseParts(releases);
  if (releases.length === 0) return null;
  const amounts = new Intl.ListFormat(language, { type: "conjunction" }).format(
    releases.map((release) => f.money(release.amountMinor, release.currency)),
  );
  return (
    <p className="flag money" title={t("everyday.release.sentence", { parts })}>
      {t("everyday.release.cardBadge", { amount: amounts })}
    </p>
  );
}

export interface DoneRequest {
  id: string;
  title: string;
  version: number;
  releases: ReadonlyArray<Release>;
}

/** The confirmation of a move to Done that releases money, with the evidence it asks for. */
export function DoneDialog({
  card,
  action,
  fetcherKey,
  onClose,
}: {
  card: DoneRequest;
  action: string;
  fetcherKey: string;
  onClose: () => void;
}) {
  const { t } = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const note = useRef<HTMLTextAreaElement>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = useSubmit();
  const parts = useReleaseParts(card.releases);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog done-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-money`}
      onClose={onClose}
    >
      <form
        method="post"
        action={action}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          if (!String(data.get("note") ?? "").trim()) {
            setError(t("milestones.schema.note"));
            note.current?.focus();
            return;
          }
          submit(data, { method: "post", action, navigate: false, fetcherKey });
          dialog.current?.close();
        }}
      >
        <h2 id={`${id}-title`}>{t("everyday.release.title", { title: card.title })}</h2>
        <p id={`${id}-money`} className="release-sentence">
          <strong>{t("everyday.release.sentence", { parts })}</strong>
        </p>
        <p className="muted">{t("everyday.release.evidenceLead")}</p>
        <input type="hidden" name="intent" value="move" />
        <input type="hidden" name="milestoneId" value={card.id} />
        <input type="hidden" name="version" value={card.version} />
        <input type="hidden" name="status" value="done" />
        <div className="field">
          <label htmlFor={`${id}-note`}>{t("everyday.release.note")}</label>
          <span className="hint" id={`${id}-note-hint`}>
            {t("everyday.release.noteHint")}
          </span>
          <textarea
            ref={note}
            id={`${id}-note`}
            name="note"
            rows={3}
            maxLength={4000}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-note-hint${error ? ` ${id}-note-error` : ""}`}
            onChange={() => setError(null)}
          />
          {error ? (
            <p className="field-error" id={`${id}-note-error`} role="alert">
              {error}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${id}-link`}>
            {t("everyday.release.link")} <span className="muted">{t("common.optional")}</span>
          </label>
          <input
            id={`${id}-link`}
            name="evidenceUrl"
            type="url"
            inputMode="url"
            autoComplete="off"
            maxLength={2000}
          />
        </div>
        <div className="row dialog-actions">
          <button type="submit" className="button">
            {t("everyday.release.confirmButton")}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => dialog.current?.close()}
          >
            {t("everyday.confirm.back")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
