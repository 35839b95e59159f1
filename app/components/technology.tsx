/*
 * Pieces the technology register's pages share: the register's tabs, an item's status badge and the fields of
 * an offer or request (the same on creation and edit; the audience picker only on creation).
 */
import { NavLink } from "@remix-run/react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { SelectField, TextField } from "~/forms/fields";
import {
  TECHNOLOGY_CATEGORIES,
  TRL_LEVELS,
  type TechnologyKind,
  type TechnologyStatus,
} from "~/domain/technology";
import { useT } from "~/i18n/react";
import { MineralsField } from "./sharing";

/** The URL segment of each kind. */
export const KIND_PATH: Record<TechnologyKind, string> = { offer: "offers", request: "requests" };

export function RegisterTabs({ slug }: { slug: string }) {
  const { t } = useT();
  const base = `/p/${slug}/technology`;
  return (
    <nav className="tabs register-tabs" aria-label={t("technology.title")}>
      <NavLink to={`${base}/offers`} end>
        {t("technology.offers")}
      </NavLink>
      <NavLink to={`${base}/requests`} end>
        {t("technology.requests")}
      </NavLink>
      <NavLink to={`${base}/conversations`}>{t("technology.conversations")}</NavLink>
    </nav>
  );
}

export function StatusBadge({ status }: { status: TechnologyStatus }) {
  const { t } = useT();
  return (
    <span className={`badge tech-status-${status}`}>{t(`technology.statuses.${status}`)}</span>
  );
}

type AnyForm = UseFormReturn<FieldValues, unknown, FieldValues>;

/** What an offer or request is: title to contact. */
export function TechnologyFields({
  form,
  contacts,
}: {
  form: UseFormReturn<never, unknown, FieldValues>;
  contacts: ReadonlyArray<{ id: string; name: string }>;
}) {
  const { t } = useT();
  const anyForm = form as unknown as AnyForm;
  const controlled = Boolean(anyForm.watch("exportControlled"));
  return (
    <>
      <TextField
        form={anyForm}
        name="title"
        label={t("technology.form.title")}
        autoComplete="off"
      />
      <div className="field">
        <label htmlFor="field-description">{t("technology.form.description")}</label>
        <textarea id="field-description" rows={5} {...anyForm.register("description")} />
      </div>
      <div className="two-up">
        <SelectField
          form={anyForm}
          name="category"
          label={t("technology.form.category")}
          placeholder={t("technology.form.chooseCategory")}
          options={TECHNOLOGY_CATEGORIES.map((value) => ({
            value,
            label: t(`technology.categories.${value}`),
          }))}
        />
        <SelectField
          form={anyForm}
          name="trl"
          label={t("technology.form.trl")}
          placeholder={t("technology.form.chooseTrl")}
          options={TRL_LEVELS.map((level) => ({
            value: String(level),
            label: t(`technology.trl.${level}`),
          }))}
        />
      </div>
      <MineralsField form={form} legend={t("technology.form.minerals")} />
      <TextField
        form={anyForm}
        name="holderOrganisation"
        label={t("technology.form.holder")}
        hint={t("technology.form.holderHint")}
      />
      <div className="field">
        <label htmlFor="field-licensingTerms">{t("technology.form.licensingTerms")}</label>
        <span className="hint" id="field-licensingTerms-hint">
          {t("technology.form.licensingHint")}
        </span>
        <textarea
          id="field-licensingTerms"
          rows={3}
          aria-describedby="field-licensingTerms-hint"
          {...anyForm.register("licensingTerms")}
        />
      </div>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" value="on" {...anyForm.register("exportControlled")} />{" "}
          {t("technology.form.exportControlled")}
        </label>
        <span className="hint">{t("technology.form.exportControlledHint")}</span>
      </div>
      {controlled ? (
        <>
          <TextField
            form={anyForm}
            name="exportControlRegime"
            label={t("technology.form.regime")}
            hint={t("technology.form.regimeHint")}
          />
          <TextField form={anyForm} name="exportControlNote" label={t("technology.form.note")} />
        </>
      ) : null}
      <SelectField
        form={anyForm}
        name="contactMembershipId"
        label={t("technology.form.contact")}
        hint={t("technology.form.contactHint")}
        placeholder={t("technology.form.contactMe")}
        options={contacts.map((contact) => ({ value: contact.id, label: contact.name }))}
      />
    </>
  );
}
