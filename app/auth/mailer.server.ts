/*
 * Mail in the embedded (local auth) mode: every message goes to the outbox table, shown at /dev/outbox, and to
 * the server log, so invitation and password-reset flows work without a mail server. With Supabase Auth,
 * Supabase sends the invitation and recovery mails itself (see supabase-adapter.server.ts).
 */
import type { Queryable } from "~/db/engine.server";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  link: string;
}

export async function deliverToOutbox(db: Queryable, mail: Mail): Promise<void> {
  await db.query(
    "insert into private.dev_outbox (to_email, subject, body, link) values ($1, $2, $3, $4)",
    [mail.to, mail.subject, mail.text, mail.link],
  );
  console.log(`[mail] To: ${mail.to} | ${mail.subject} | ${mail.link}`);
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
