/*
 * The mail port: whatever sends mail (invitations and password resets today, notifications later) calls
 * `Mailer.send`, and the configuration picks the adapter (see `mailDelivery` in config.server.ts):
 * - smtp: a real SMTP server (nodemailer), required for local sign-in in production;
 * - outbox: the table shown at /dev/outbox to signed-in users, in the embedded demo and in development only.
 * With Supabase Auth, Supabase sends the invitation and recovery mails itself (see supabase-adapter.server.ts).
 */
import nodemailer from "nodemailer";
import { mailDelivery, type Config } from "~/config.server";
import type { Queryable } from "~/db/engine.server";
import { getLogger } from "~/runtime/log.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** The one link the mail is about (shown apart in the outbox), when there is one. */
  link?: string;
}

export interface Mailer {
  readonly kind: "smtp" | "outbox";
  send(mail: Mail): Promise<void>;
}

export function createOutboxMailer(db: Queryable): Mailer {
  return {
    kind: "outbox",
    async send(mail) {
      await db.query(
        "insert into private.dev_outbox (to_email, subject, body, link) values ($1, $2, $3, $4)",
        [mail.to, mail.subject, mail.text, mail.link ?? ""],
      );
      // The log says a mail is waiting, never its link: links carry sign-in and reset tokens.
      getLogger().info(
        { subject: mail.subject },
        "Mail put in the outbox: read it at /dev/outbox.",
      );
    },
  };
}

export function createSmtpMailer(options: { url: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(options.url);
  return {
    kind: "smtp",
    async send(mail) {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
    },
  };
}

/** The mailer the configuration asks for, or null with Supabase Auth (which sends its own mail). */
export function createMailer(config: Config, db: Queryable): Mailer | null {
  switch (mailDelivery(config)) {
    case "smtp":
      return createSmtpMailer({ url: config.SMTP_URL ?? "", from: config.MAIL_FROM ?? "" });
    case "outbox":
      return createOutboxMailer(db);
    case "supabase":
      return null;
  }
}

export interface OutboxMessage {
  id: string;
  to_email: string;
  subject: string;
  body: string;
  link: string;
  created_at: Date;
}

export async function listOutbox(db: Queryable): Promise<OutboxMessage[]> {
  return db.query<OutboxMessage>(
    "select id, to_email, subject, body, link, created_at from private.dev_outbox order by id desc limit 100",
  );
}
