/*
 * Notification mail and digests (ADR 141). Jobs deliver at least once (a retry after a crash, two workers on
 * one job), so every mail has a key and goes out through `deliverOnce`: the ledger row and, with the outbox,
 * the message itself are written in one transaction, and a second delivery of the same key waits for the first
 * and then finds its row. Every message is built as its recipient, under their row-level security, at the
 * moment it is sent: a notification they can no longer open is not mailed, and is left out of the digest.
 */
import type { Config } from "~/config.server";
import type { Database, Queryable } from "~/db/engine.server";
import { runAsUser, type Claims } from "~/db/rls.server";
import { runAsServiceRole } from "~/db/service-role.server";
import { languageOr } from "~/i18n/config";
import { getT, translate } from "~/i18n/i18n.server";
import type { Mail, Mailer } from "~/auth/mailer.server";
import {
  CATEGORIES,
  IMMEDIATE_CATEGORIES,
  isImmediate,
  type Category,
  type Digest,
} from "./categories";
import { notificationLink, notificationMessage, type NotificationView } from "./present";
import { notificationsOfPeriod, readNotification } from "./read.server";
import { unsubscribeLink } from "./unsubscribe.server";

/** The mailer for one delivery: the outbox writes into the delivery's own transaction. */
export type MailerFor = (tx: Queryable) => Mailer;

export interface Recipient {
  id: string;
  email: string;
  language: string | null;
  digest: Digest;
  unsubscribed: Category[];
}

/** What the mail jobs need from the process: its database, how to mail, and its public address. */
export interface MailContext {
  db: Database;
  mailerFor: MailerFor;
  appUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
}

export type DeliveryOutcome = "sent" | "already-sent" | "nothing-to-send";

/** Sends `mail` under `key` unless a mail with that key was sent already. */
export async function deliverOnce(
  context: Pick<MailContext, "db" | "mailerFor">,
  delivery: { key: string; kind: string; recipientId: string | null; mail: Mail },
): Promise<DeliveryOutcome> {
  return context.db.transaction(async (tx) => {
    const claimed = await tx.query(
      `insert into private.mail_deliveries (idempotency_key, recipient_id, kind, to_email)
       values ($1, $2, $3, $4) on conflict (idempotency_key) do nothing returning idempotency_key`,
      [delivery.key, delivery.recipientId, delivery.kind, delivery.mail.to],
    );
    if (claimed.length === 0) return "already-sent";
    // A failure here rolls the ledger row back, so the job's retry tries again.
    await context.mailerFor(tx).send(delivery.mail);
    return "sent";
  });
}

/** The claims a job acts with for `userId`: the same shape the auth adapters produce. */
export function claimsOf(userId: string, email: string): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: userId,
    email,
    role: "authenticated",
    aud: "authenticated",
    iat: now,
    exp: now + 300,
    app_metadata: { provider: "job" },
    user_metadata: {},
  };
}

export async function readRecipient(db: Database, userId: string): Promise<Recipient | null> {
  const [row] = await runAsServiceRole(db, (tx) =>
    tx.query<Recipient>(
      `select p.id, p.email, p.language, coalesce(np.digest, 'daily') as digest,
              coalesce(np.unsubscribed, '{}') as unsubscribed
         from public.profiles p left join public.notification_preferences np on np.user_id = p.id
        where p.id = $1`,
      [userId],
    ),
  );
  return row ?? null;
}

function absolute(context: Pick<MailContext, "appUrl">, link: string): string {
  return new URL(link, context.appUrl).toString();
}

/** The mail about one notification (a mention, money), if its recipient may still read it and wants it. */
export async function mailNotification(
  context: MailContext,
  notificationId: string,
): Promise<DeliveryOutcome> {
  const [owner] = await runAsServiceRole(context.db, (tx) =>
    tx.query<{ recipientId: string; category: Category }>(
      `select recipient_id as "recipientId", category from public.notifications where id = $1`,
      [notificationId],
    ),
  );
  if (!owner || !isImmediate(owner.category)) return "nothing-to-send";
  const recipient = await readRecipient(context.db, owner.recipientId);
  if (!recipient || recipient.unsubscribed.includes(owner.category)) return "nothing-to-send";
  const view = await runAsUser(context.db, claimsOf(recipient.id, recipient.email), (tx) =>
    readNotification(tx, notificationId),
  );
  if (!view) return "nothing-to-send";
  const language = languageOr(recipient.language ?? "en");
  const sentence = translate(language, notificationMessage(view));
  const t = getT(language);
  const link = absolute(context, notificationLink(view));
  const unsubscribe = await unsubscribeLink(context, recipient.id, owner.category);
  return deliverOnce(context, {
    key: `notification:${notificationId}`,
    kind: view.kind,
    recipientId: recipient.id,
    mail: {
      to: recipient.email,
      subject: t("collaboration.mail.subject", { sentence }),
      text: [
        sentence,
        "",
        t("collaboration.mail.open", { link }),
        "",
        t("collaboration.mail.unsubscribe", {
          category: t(`collaboration.categories.${owner.category}`),
          link: unsubscribe,
        }),
      ].join("\n"),
      link,
    },
  });
}

/** The categories a digest gathers for `recipient`: the rest (not mailed at once), minus unsubscribed ones. */
export function digestCategories(recipient: Pick<Recipient, "unsubscribed">): Category[] {
  return CATEGORIES.filter(
    (category) =>
      !IMMEDIATE_CATEGORIES.includes(category) && !recipient.unsubscribed.includes(category),
  );
}

/** What a digest holds: the notifications of its period that its recipient may read now. */
export async function buildDigest(
  db: Database,
  recipient: Recipient,
  period: { from: string; to: string },
): Promise<NotificationView[]> {
  return runAsUser(db, claimsOf(recipient.id, recipient.email), (tx) =>
    notificationsOfPeriod(tx, { ...period, categories: digestCategories(recipient) }),
  );
}

export async function mailDigest(
  context: MailContext,
  job: { userId: string; digest: Exclude<Digest, "never">; from: string; to: string },
): Promise<DeliveryOutcome> {
  const recipient = await readRecipient(context.db, job.userId);
  if (!recipient || recipient.digest !== job.digest) return "nothing-to-send";
  const items = await buildDigest(context.db, recipient, job);
  if (items.length === 0) return "nothing-to-send";
  const language = languageOr(recipient.language ?? "en");
  const t = getT(language);
  const lines = items.map(
    (item) =>
      `- ${translate(language, notificationMessage(item))}\n  ${absolute(context, notificationLink(item))}`,
  );
  const settings = absolute(context, "/notifications/settings");
  return deliverOnce(context, {
    key: `digest:${job.digest}:${recipient.id}:${job.to}`,
    kind: `digest_${job.digest}`,
    recipientId: recipient.id,
    mail: {
      to: recipient.email,
      subject: t(`collaboration.mail.digestSubject.${job.digest}`, { count: items.length }),
      text: [
        t(`collaboration.mail.digestIntro.${job.digest}`, { count: items.length }),
        "",
        ...lines,
        "",
        t("collaboration.mail.settings", { link: settings }),
      ].join("\n"),
      link: settings,
    },
  });
}

/** The people a digest of `digest` goes to for the period: those who chose it and have something in it. */
export async function digestRecipients(
  db: Database,
  digest: Exclude<Digest, "never">,
  period: { from: string; to: string },
): Promise<string[]> {
  const rows = await runAsServiceRole(db, (tx) =>
    tx.query<{ id: string }>(
      `select distinct n.recipient_id as id from public.notifications n
         left join public.notification_preferences np on np.user_id = n.recipient_id
        where coalesce(np.digest, 'daily') = $1
          and n.created_at >= ($2::date)::timestamp at time zone 'UTC'
          and n.created_at < ($3::date)::timestamp at time zone 'UTC'
          and n.category <> all ($4::text[])
        order by 1`,
      [digest, period.from, period.to, IMMEDIATE_CATEGORIES],
    ),
  );
  return rows.map((row) => row.id);
}

/** The public address links in mail start with. */
export function appUrlOf(config: Pick<Config, "APP_URL" | "PORT">): string {
  return config.APP_URL ?? `http://localhost:${config.PORT}`;
}
