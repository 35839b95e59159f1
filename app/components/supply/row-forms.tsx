/*
 * The supply tab's forms share one action, told apart by `intent` and, for a row's form, the row's id
 * (`target`). These pieces find the answer meant for a form and draw the one editor every row uses.
 */
import { Form, useActionData } from "@remix-run/react";
import type { ReactNode } from "react";
import type { SupplyAction } from "~/domain/supply";
import { FormAnswer, TypedIn } from "~/forms/plain-fields";
import { useT } from "~/i18n/react";

export type Intent = SupplyAction["intent"];
export type SupplyResult =
  | { intent: Intent; target?: string; notice: string }
  | {
      intent?: Intent;
      target?: string;
      errors: Record<string, string>;
      values: Record<string, string>;
      message?: string;
    };
export type SupplyFailure = Extract<SupplyResult, { errors: Record<string, string> }>;

/**
 * The answer to this form (matched by intent and, for a row's form, its id). A refusal before the form was
 * understood (a NUL character, app/forms/parse.server.ts) carries them in its values.
 */
export function useResult(intent: Intent, target?: string): SupplyResult | undefined {
  const result = useActionData<SupplyResult>();
  if (!result) return undefined;
  const values = "values" in result ? result.values : {};
  const answered = result.intent ?? values.intent;
  const row = result.target ?? values.outputId ?? values.linkId;
  return answered === intent && (target === undefined || row === target) ? result : undefined;
}

/** The refusal of this form, with what was typed, or nothing. */
export function useFailure(intent: Intent, target?: string): SupplyFailure | undefined {
  const result = useResult(intent, target);
  return result && "errors" in result ? result : undefined;
}

export function FormMessage({ intent, target }: { intent: Intent; target?: string }) {
  const result = useResult(intent, target);
  if (!result) return null;
  return "notice" in result ? (
    <FormAnswer notice={result.notice} />
  ) : (
    <FormAnswer error={result.message} />
  );
}

/**
 * A row's editor: "Edit" opens a form with the row's fields, a save and a remove button. It stays open when
 * the server refused the edit, showing what was typed.
 */
export function RowEditor({
  kind,
  id,
  version,
  label,
  children,
}: {
  kind: "output" | "link";
  id: string;
  version: number;
  /** What the row is, for screen readers ("Edit Rare earths, refining"). */
  label: string;
  children: ReactNode;
}) {
  const { t } = useT();
  const edit: Intent = kind === "output" ? "edit-output" : "edit-link";
  const remove: Intent = kind === "output" ? "remove-output" : "remove-link";
  const failure = useFailure(edit, id);
  return (
    <>
      <FormMessage intent={remove} target={id} />
      <details open={Boolean(failure) || undefined}>
        <summary>
          {t("supply.tab.edit")}
          <span className="visually-hidden"> {label}</span>
        </summary>
        <Form method="post" className="form" preventScrollReset>
          <FormMessage intent={edit} target={id} />
          <input type="hidden" name={kind === "output" ? "outputId" : "linkId"} value={id} />
          <input type="hidden" name="version" value={version} />
          <TypedIn />
          {children}
          <div className="row">
            <button type="submit" className="button small" name="intent" value={edit}>
              {t(kind === "output" ? "supply.tab.saveOutput" : "supply.tab.saveLink")}
            </button>
            <button type="submit" className="button secondary small" name="intent" value={remove}>
              {t(kind === "output" ? "supply.tab.removeOutput" : "supply.tab.removeLink")}
            </button>
          </div>
        </Form>
      </details>
    </>
  );
}
