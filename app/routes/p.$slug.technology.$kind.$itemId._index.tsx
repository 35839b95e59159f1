import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireMember } from "~/auth/auth.server";
import { LiveIndicator, useLiveRevalidation } from "~/components/live";
import { MineralList } from "~/components/mineral";
import { SharingSection, ItemHistory, RepeatedField, useIntentForm } from "~/components/sharing";
import { KIND_PATH, StatusBadge } from "~/components/technology";
import { ROLES_FOR } from "~/domain/permissions";
import {
  InterestMoveSchema,
  InterestSchema,
  ItemStatusSchema,
  type InterestStatus,
  type TechnologyStatus,
} from "~/domain/technology";
import { SubmitButton, ValidatedForm } from "~/forms/fields";
import {
  intentFailure,
  outcomeAnswer,
  parseSharingForm,
  sharedItemIntent,
} from "~/forms/sharing.server";
import { requireTechnologyKind } from "~/forms/sharing.server";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { useFormat, useT } from "~/i18n/react";
import { audienceOptions, getItemHistory, governmentNames } from "~/models/sharing.server";
import {
  expressInterest,
  getTechnologyItem,
  moveInterest,
  moveTechnologyItem,
} from "~/models/technology.server";
import { RouteErrorMessage } from "~/root";
import { today } from "~/utils/clock.server";
import boardStyles from "~/styles/board.css";
import projectStyles from "~/styles/projects.css";
import technologyStyles from "~/styles/technology.css";
import { readForm } from "~/forms/parse.server";
import { requireParam } from "~/forms/params.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: boardStyles },
  { rel: "stylesheet", href: projectStyles },
  { rel: "stylesheet", href: technologyStyles },
];

export const meta: MetaFunction<typeof loader> = ({ matches, data }) => [
  {
    title: data
      ? pageTitle(matches, "technology.detail.pageTitle", { title: data.item.title })
      : pageTitle(matches, "technology.title"),
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.sharing);
  const kind = requireTechnologyKind(params.kind);
  const item = await getTechnologyItem(context, kind, requireParam(params, "itemId", "uuid"));
  if (!item) throw new Response(null, { status: 404 });
  const [history, names, governments] = await Promise.all([
    getItemHistory(context, item.id),
    governmentNames(context),
    item.mine ? audienceOptions(context) : Promise.resolve([]),
  ]);
  return json({
    slug: context.partnership.slug,
    kind,
    item,
    history,
    names,
    governments,
    requester: context.membership.memberName ?? "",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireMember(request, params.slug, ROLES_FOR.sharing);
  const itemId = requireParam(params, "itemId", "uuid");
  const kind = requireTechnologyKind(params.kind);
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const { formData } = read;
  const intent = String(formData.get("intent") ?? "");
  const shared = await sharedItemIntent(
    context,
    itemId,
    intent,
    formData,
    `/p/${context.partnership.slug}/technology/${KIND_PATH[kind]}`,
  );
  if (shared) return shared;
  if (intent.startsWith("status:")) {
    const parsed = parseSharingForm(formData, ItemStatusSchema, intent);
    if (!parsed.ok) return parsed.response;
    const outcome = await moveTechnologyItem(context, kind, { ...parsed.data, itemId });
    return outcomeAnswer(intent, outcome, formData);
  }
  if (intent === "interest") {
    const parsed = parseSharingForm(formData, InterestSchema, intent);
    if (!parsed.ok) return parsed.response;
    const outcome = await expressInterest(context, { ...parsed.data, itemId });
    return outcomeAnswer(intent, outcome, formData);
  }
  if (intent.startsWith("move:")) {
    const parsed = parseSharingForm(formData, InterestMoveSchema, intent);
    if (!parsed.ok) return parsed.response;
    return outcomeAnswer(intent, await moveInterest(context, parsed.data, today()), formData);
  }
  return intentFailure(intent, { intent: msg("technology.detail.unknownIntent") }, formData);
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Item = Loaded["item"];
type Interest = Item["interests"][number];

function Facts({ item }: { item: Item }) {
  const { t } = useT();
  return (
    <dl className="facts">
      <div>
        <dt>{t("technology.government")}</dt>
        <dd>{item.ownerName}</dd>
      </div>
      <div>
        <dt>{t("technology.category")}</dt>
        <dd>{t(`technology.categories.${item.category}`)}</dd>
      </div>
      <div>
        <dt>{t("technology.minerals")}</dt>
        <dd>
          <MineralList minerals={item.minerals} />
        </dd>
      </div>
      <div>
        <dt>{t("technology.form.trl")}</dt>
        <dd>{t(`technology.trl.${item.trl as 1}`)}</dd>
      </div>
      <div>
        <dt>{t("technology.form.holder")}</dt>
        <dd>{item.holderOrganisation}</dd>
      </div>
      <div>
        <dt>{t("technology.detail.contact")}</dt>
        <dd>{item.contactName ?? t("common.none")}</dd>
      </div>
      <div className="wide">
        <dt>{t("technology.detail.exportControl")}</dt>
        <dd>
          {item.exportControlled
            ? t("technology.detail.controlled", { regime: item.exportControlRegime ?? "" })
            : t("technology.detail.notControlled")}
          {item.exportControlled && item.exportControlNote ? (
            <span className="prose-block"> — {item.exportControlNote}</span>
          ) : null}
        </dd>
      </div>
      {item.description ? (
        <div className="wide">
          <dt>{t("technology.detail.description")}</dt>
          <dd className="prose-block">{item.description}</dd>
        </div>
      ) : null}
      {item.licensingTerms ? (
        <div className="wide">
          <dt>{t("technology.detail.licensingTerms")}</dt>
          <dd className="prose-block">{item.licensingTerms}</dd>
        </div>
      ) : null}
    </dl>
  );
}

function StatusForm({ item, to }: { item: Item; to: TechnologyStatus }) {
  const { t } = useT();
  const intent = `status:${to}`;
  const { form, formError } = useIntentForm(ItemStatusSchema, intent, {
    itemId: item.id,
    version: item.version,
    status: to,
  });
  return (
    <ValidatedForm form={form} formError={formError}>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" {...form.register("itemId")} />
      <input type="hidden" {...form.register("version")} />
      <input type="hidden" {...form.register("status")} />
      <SubmitButton
        className="button secondary"
        name="intent"
        value={intent}
        pendingText={t("technology.detail.moving")}
      >
        {t("technology.detail.moveTo", { status: t(`technology.statuses.${to}`) })}
      </SubmitButton>
      <FieldMessage form={form} name="status" />
    </ValidatedForm>
  );
}

/** A message on a field the form does not show (a hidden status): shown below the button. */
function FieldMessage({ form, name }: { form: { formState: { errors: object } }; name: string }) {
  const { tm } = useT();
  const error = (form.formState.errors as Record<string, { message?: unknown } | undefined>)[name];
  return typeof error?.message === "string" ? (
    <p className="field-error" role="alert">
      {tm(error.message)}
    </p>
  ) : null;
}

function MoveForm({ interest, to }: { interest: Interest; to: InterestStatus }) {
  const { t } = useT();
  const intent = `move:${interest.id}:${to}`;
  const { form, formError } = useIntentForm(InterestMoveSchema, intent, {
    interestId: interest.id,
    version: interest.version,
    status: to,
    termsSummary: "",
    agreedOn: "",
  });
  const label =
    to === "declined" && interest.moves.length === 1
      ? t("technology.interest.move.withdraw")
      : t(`technology.interest.move.${to as "agreed"}`);
  const hidden = (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" {...form.register("interestId")} />
      <input type="hidden" {...form.register("version")} />
      <input type="hidden" {...form.register("status")} />
    </>
  );
  if (to !== "agreed") {
    return (
      <ValidatedForm form={form} formError={formError}>
        {hidden}
        <SubmitButton
          className={to === "declined" ? "button secondary" : "button"}
          name="intent"
          value={intent}
          pendingText={t("technology.detail.moving")}
        >
          {label}
        </SubmitButton>
        <FieldMessage form={form} name="status" />
      </ValidatedForm>
    );
  }
  return (
    <details className="agreement-form">
      <summary>{label}</summary>
      <ValidatedForm form={form} formError={formError} className="form">
        {hidden}
        <div className="field">
          <label htmlFor={`terms-${interest.id}`}>{t("technology.interest.terms")}</label>
          <span className="hint" id={`terms-hint-${interest.id}`}>
            {t("technology.interest.termsHint")}
          </span>
          <textarea
            id={`terms-${interest.id}`}
            rows={3}
            aria-describedby={`terms-hint-${interest.id}`}
            {...form.register("termsSummary")}
          />
          <FieldMessage form={form} name="termsSummary" />
        </div>
        <RepeatedField
          form={form as never}
          name="agreedOn"
          type="date"
          id={`agreed-${interest.id}`}
          label={t("technology.interest.agreedOn")}
        />
        <FieldMessage form={form} name="status" />
        <SubmitButton name="intent" value={intent} pendingText={t("technology.detail.moving")}>
          {label}
        </SubmitButton>
      </ValidatedForm>
    </details>
  );
}

function InterestBadge({ status }: { status: InterestStatus }) {
  const { t } = useT();
  return (
    <span className={`badge interest-${status}`}>
      {t(`technology.interest.statuses.${status}`)}
    </span>
  );
}

function Conversation({ interest }: { interest: Interest }) {
  const { t } = useT();
  const f = useFormat();
  return (
    <li className="conversation">
      <p>
        <strong>{t("technology.interest.from", { government: interest.memberName })}</strong> ·{" "}
        <InterestBadge status={interest.status} /> ·{" "}
        <span className="muted">
          {t("technology.interest.sentOn", { day: f.moment(interest.createdAt) })}
        </span>
      </p>
      <p className="message">{interest.message}</p>
      {interest.status === "agreed" && interest.agreedOn ? (
        <p>
          {t("technology.interest.agreement", {
            day: f.day(interest.agreedOn),
            terms: interest.termsSummary ?? "",
          })}
        </p>
      ) : null}
      {interest.moves.length > 0 ? (
        <div className="inline-forms">
          {interest.moves.map((to) => (
            <MoveForm key={`${to}-${interest.version}`} interest={interest} to={to} />
          ))}
        </div>
      ) : null}
    </li>
  );
}

function ExpressInterest({ item }: { item: Item }) {
  const { t } = useT();
  const { form, formError } = useIntentForm(InterestSchema, "interest", {
    itemId: item.id,
    message: "",
  });
  const heading =
    item.kind === "offer"
      ? t("technology.interest.expressOffer")
      : t("technology.interest.expressRequest");
  return (
    <section className="card" aria-labelledby="express-title">
      <h2 id="express-title">{heading}</h2>
      <p className="muted">{t("technology.interest.expressLead", { owner: item.ownerName })}</p>
      <ValidatedForm form={form} formError={formError} className="form">
        <input type="hidden" name="intent" value="interest" />
        <input type="hidden" {...form.register("itemId")} />
        <div className="field">
          <label htmlFor="field-message">{t("technology.interest.message")}</label>
          <textarea
            id="field-message"
            rows={4}
            aria-describedby={form.formState.errors.message ? "field-message-error" : undefined}
            aria-invalid={form.formState.errors.message ? true : undefined}
            {...form.register("message")}
          />
          <FieldMessage form={form} name="message" />
        </div>
        <SubmitButton name="intent" value="interest" pendingText={t("technology.interest.sending")}>
          {t("technology.interest.send")}
        </SubmitButton>
      </ValidatedForm>
    </section>
  );
}

function Matches({ item, slug, requester }: { item: Item; slug: string; requester: string }) {
  const { t } = useT();
  return (
    <section className="card" aria-labelledby="matches-title">
      <h2 id="matches-title">{t("technology.matches.title")}</h2>
      <p className="muted">
        {t("technology.matches.lead", { government: item.mine ? requester : item.ownerName })}
      </p>
      {item.matches.length === 0 ? (
        <p>{t("technology.matches.none")}</p>
      ) : (
        <ol className="match-list">
          {item.matches.map((offer) => (
            <li key={offer.id}>
              <Link to={`/p/${slug}/technology/offers/${offer.id}`}>{offer.title}</Link> —{" "}
              {offer.ownerName} · {t(`technology.trl.${offer.trl as 1}`)} ·{" "}
              <span className="muted">
                {t("technology.matches.shared")}: <MineralList minerals={offer.sharedMinerals} />
              </span>{" "}
              <StatusBadge status={offer.status} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export default function TechnologyItemPage() {
  const { slug, kind, item, history, names, governments, requester } =
    useLoaderData<typeof loader>();
  const { t } = useT();
  const f = useFormat();
  const live = useLiveRevalidation(slug, undefined, true);
  const listPath = `/p/${slug}/technology/${KIND_PATH[kind]}`;
  return (
    <div className="stack">
      <nav aria-label={t("technology.form.breadcrumb")} className="breadcrumb small-print">
        <Link to={listPath}>{t("technology.title")}</Link> <span aria-hidden="true">/</span>{" "}
        <span aria-current="page">{item.title}</span>
      </nav>
      <div className="page-heading">
        <div>
          <p className="eyebrow">{t(`technology.kind.${kind}`)}</p>
          <h1>{item.title}</h1>
          <p className="muted">
            <StatusBadge status={item.status} /> ·{" "}
            {t("technology.detail.updated", { day: f.moment(item.updatedAt) })}
          </p>
        </div>
        <LiveIndicator status={live} />
      </div>

      <SharingSection item={item} governments={governments} />

      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">{t("technology.detail.about")}</h2>
        <Facts item={item} />
        {item.mine ? (
          <div className="page-actions">
            <Link className="button secondary" to={`${listPath}/${item.id}/edit`}>
              {t("technology.detail.edit")}
            </Link>
          </div>
        ) : null}
      </section>

      {item.statusMoves.length > 0 ? (
        <section className="card" aria-labelledby="status-title">
          <h2 id="status-title">{t("technology.detail.statusTitle")}</h2>
          <div className="inline-forms">
            {item.statusMoves.map((to) => (
              <StatusForm key={`${to}-${item.version}`} item={item} to={to} />
            ))}
          </div>
        </section>
      ) : null}

      {kind === "request" ? <Matches item={item} slug={slug} requester={requester} /> : null}

      <section className="card" aria-labelledby="conversations-title">
        <h2 id="conversations-title">{t("technology.interest.title")}</h2>
        <p className="muted">
          {item.mine
            ? t("technology.interest.leadOwner")
            : t("technology.interest.leadOther", { owner: item.ownerName })}
        </p>
        {item.interests.length === 0 ? (
          <p>{t("technology.detail.noneYet")}</p>
        ) : (
          <ul className="conversations">
            {item.interests.map((interest) => (
              <Conversation key={interest.id} interest={interest} />
            ))}
          </ul>
        )}
      </section>

      {item.mayExpressInterest ? <ExpressInterest key={item.interests.length} item={item} /> : null}

      <ItemHistory events={history} names={names} />

      {item.mine && item.interests.length === 0 ? (
        <section className="card" aria-labelledby="remove-title">
          <h2 id="remove-title">{t("technology.detail.remove")}</h2>
          <p className="muted">{t("technology.detail.removeHint")}</p>
          <Form method="post">
            <SubmitButton
              className="button danger"
              name="intent"
              value="delete"
              pendingText={t("technology.detail.removing")}
            >
              {t("technology.detail.remove")}
            </SubmitButton>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
