/*
 * Fields of the forms that post without react-hook-form (the supply tab, the world-total form): a label, the
 * input seeded with what was typed, the error the server gave (a catalogue message, translated here) tied to
 * it with aria-describedby. One place for that markup, so every such form reads and behaves alike.
 */
import type { ReactNode } from "react";
import { useT } from "~/i18n/react";

interface FieldProps {
  id: string;
  name: string;
  label: string;
  value?: string;
  /** A catalogue message from the server, or nothing. */
  error?: string;
  hint?: ReactNode;
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  return (
    [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") ||
    undefined
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  const { tm } = useT();
  return error ? (
    <p className="field-error" id={`${id}-error`} role="alert">
      {tm(error)}
    </p>
  ) : null;
}

export function PlainInput({
  id,
  name,
  label,
  value,
  error,
  hint,
  inputMode,
  type,
}: FieldProps & { inputMode?: "decimal" | "numeric"; type?: "url" }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        inputMode={inputMode}
        autoComplete="off"
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(hint), Boolean(error))}
      />
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function PlainSelect({
  id,
  name,
  label,
  value,
  error,
  options,
  placeholder,
}: FieldProps & {
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, false, Boolean(error))}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** The language numbers are typed in, for a form that takes a quantity (read by the schema, ADR 091). */
export function TypedIn() {
  const { language } = useT();
  return <input type="hidden" name="typedIn" value={language} />;
}

/** A form's answer: a notice (success) or a refusal, both catalogue messages. */
export function FormAnswer({ notice, error }: { notice?: string; error?: string }) {
  const { tm } = useT();
  if (notice) {
    return (
      <div role="status" className="alert success">
        {tm(notice)}
      </div>
    );
  }
  return error ? (
    <div role="alert" className="alert error">
      {tm(error)}
    </div>
  ) : null;
}
