/*
 * A second look before a decision (ADR 111): the button opens a dialog that says what will happen; confirming
 * submits the form with this button as its submitter, exactly as a click would have. The native <dialog>
 * keeps focus inside, and Escape or "Go back" closes it without submitting. Without JavaScript the button
 * submits directly (the server's rules still apply). While the form is being sent the button is disabled.
 */
import { useNavigation } from "@remix-run/react";
import { useId, useRef, type ReactNode } from "react";
import { useT } from "~/i18n/react";

export function ConfirmButton({
  name,
  value,
  message,
  note,
  confirmLabel,
  pendingText,
  className = "button",
  children,
  "aria-label": ariaLabel,
  asksWhen,
}: {
  name: string;
  value: string;
  /** What will happen, in full. */
  message: string;
  /** What can be taken back, or that nothing can. */
  note?: string;
  confirmLabel: string;
  pendingText: string;
  className?: string;
  children: ReactNode;
  "aria-label"?: string;
  /**
   * Whether the form is complete enough to confirm (a reason given); when not, the click submits straight
   * away so the form's own check says what is missing, before anything is confirmed.
   */
  asksWhen?: (form: HTMLFormElement) => boolean;
}) {
  const { t } = useT();
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formData?.get(name) === value;
  return (
    <>
      <button
        ref={button}
        type="submit"
        name={name}
        value={value}
        className={className}
        disabled={pending}
        aria-label={ariaLabel}
        onClick={(event) => {
          if (confirmed.current) {
            confirmed.current = false;
            return;
          }
          const form = event.currentTarget.form;
          if (asksWhen && form && !asksWhen(form)) return;
          event.preventDefault();
          dialog.current?.showModal();
        }}
      >
        {pending ? pendingText : children}
      </button>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-message`}
      >
        <h2 id={`${id}-title`}>{t("everyday.confirm.title")}</h2>
        <p id={`${id}-message`}>{message}</p>
        {note ? <p className="muted small-print">{note}</p> : null}
        <div className="row dialog-actions">
          <button
            type="button"
            className={className.includes("danger") ? "button danger" : "button"}
            onClick={() => {
              confirmed.current = true;
              dialog.current?.close();
              button.current?.click();
            }}
          >
            {confirmLabel}
          </button>
          <button
            type="button"
            className="button secondary"
            onClick={() => dialog.current?.close()}
          >
            {t("everyday.confirm.back")}
          </button>
        </div>
      </dialog>
    </>
  );
}
