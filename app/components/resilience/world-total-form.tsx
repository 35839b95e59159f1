/*
 * The secretariat's form on a shares-only stage: replace the dataset's world-total estimate with the
 * partnership's own sourced figure, or go back to the estimate. Posts to the mineral page's action.
 */
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormAnswer, PlainInput, TypedIn } from "~/forms/plain-fields";
import { useT } from "~/i18n/react";

export type WorldTotalResult =
  | { ok: true; notice: string }
  | { ok: false; errors: Record<string, string>; values: Record<string, string> };

export function WorldTotalForm({
  stage,
  unit,
  setBySecretariat,
}: {
  stage: string;
  unit: string;
  /** The stage already uses a figure the secretariat set (so it can go back to the dataset's). */
  setBySecretariat: boolean;
}) {
  const { t } = useT();
  const result = useActionData<WorldTotalResult>();
  const navigation = useNavigation();
  const failure = result && !result.ok ? result : null;
  const field = (name: string) => ({
    id: `wt-${stage}-${name}`,
    name,
    value: failure?.values[name] ?? "",
    error: failure?.errors[name],
  });
  return (
    <details className="card world-total-form">
      <summary>
        {t(setBySecretariat ? "resilience.worldTotal.change" : "resilience.worldTotal.replace")}
      </summary>
      <Form method="post" className="form" preventScrollReset>
        <FormAnswer notice={result?.ok ? result.notice : undefined} error={failure?.errors.form} />
        <input type="hidden" name="stage" value={stage} />
        <TypedIn />
        <PlainInput
          {...field("worldTotal")}
          label={t("resilience.worldTotal.value", { unit })}
          inputMode="decimal"
        />
        <PlainInput
          {...field("year")}
          label={t("resilience.worldTotal.year")}
          inputMode="numeric"
        />
        <PlainInput {...field("source")} label={t("resilience.worldTotal.source")} />
        <PlainInput
          {...field("sourceUrl")}
          label={t("resilience.worldTotal.sourceUrl")}
          type="url"
        />
        <PlainInput {...field("note")} label={t("resilience.worldTotal.note")} />
        <div className="row">
          <button type="submit" className="button" name="intent" value="set-world-total">
            {navigation.state === "submitting"
              ? t("resilience.worldTotal.saving")
              : t("resilience.worldTotal.save")}
          </button>
          {setBySecretariat ? (
            <button
              type="submit"
              className="button secondary"
              name="intent"
              value="remove-world-total"
            >
              {t("resilience.worldTotal.remove")}
            </button>
          ) : null}
        </div>
      </Form>
    </details>
  );
}
