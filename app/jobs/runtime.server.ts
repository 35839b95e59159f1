/*
 * The process's job queue: started with the server (JOBS=in-process, the default) or by `npm run worker`
 * (JOBS=worker on the web servers, PostgreSQL only), and stopped before the database closes.
 */
import { createOutboxMailer, createSmtpMailer, type Mailer } from "~/auth/mailer.server";
import { resolveJwtSecret } from "~/auth/jwt.server";
import { notificationDelivery, type Config } from "~/config.server";
import type { Database, Queryable } from "~/db/engine.server";
import { appUrlOf, type MailContext } from "~/notifications/mail.server";
import { startQueue, type JobQueue } from "./queue.server";

/** How notification mail is sent: SMTP, the outbox (in the delivery's transaction), or not at all. */
export function notificationMailerFor(config: Config): (tx: Queryable) => Mailer {
  switch (notificationDelivery(config)) {
    case "smtp": {
      const smtp = createSmtpMailer({ url: config.SMTP_URL ?? "", from: config.MAIL_FROM ?? "" });
      return () => smtp;
    }
    case "outbox":
      return (tx) => createOutboxMailer(tx);
    case "none":
      return () => ({
        kind: "outbox",
        async send() {
          throw new Error(
            "No SMTP_URL: notification mail cannot be sent (the inbox still has it).",
          );
        },
      });
  }
}

export function mailContextFor(config: Config, db: Database): MailContext {
  return {
    db,
    mailerFor: notificationMailerFor(config),
    appUrl: appUrlOf(config),
    secret: resolveJwtSecret(config),
  };
}

const globalStore = globalThis as typeof globalThis & { __lodestoneJobs?: Promise<JobQueue> };

/** Starts the queue once per process; handlers run here unless `work` is false. */
export function startJobs(config: Config, db: Database, work: boolean): Promise<JobQueue> {
  globalStore.__lodestoneJobs ??= startQueue(db, mailContextFor(config, db), { work });
  return globalStore.__lodestoneJobs;
}

export async function stopJobs(): Promise<void> {
  const pending = globalStore.__lodestoneJobs;
  globalStore.__lodestoneJobs = undefined;
  if (pending) await (await pending).stop();
}
