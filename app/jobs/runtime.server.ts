/*
 * The process's job queue: started with the server (JOBS=in-process, the default) or by `npm run worker`
 * (JOBS=worker on the web servers, PostgreSQL only), and drained in the `jobs` step of the stop (ADR 121),
 * after the requests that may still enqueue and before the database closes.
 *
 * On PostgreSQL the queue has a pool of its own on DIRECT_URL (ADR 120): pg-boss's listener and its locked
 * scripts need a session, which a transaction pooler on DATABASE_URL (PgBouncer, Supabase's port 6543) does
 * not keep. The mail its jobs send is built on the process's database, as requests are.
 */
import { createOutboxMailer, createSmtpMailer, type Mailer } from "~/auth/mailer.server";
import { resolveJwtSecret } from "~/auth/jwt.server";
import { notificationDelivery, type Config } from "~/config.server";
import { openSessionDatabase } from "~/db/database.server";
import type { Database, Queryable } from "~/db/engine.server";
import { appUrlOf, type MailContext } from "~/notifications/mail.server";
import { onShutdown } from "~/runtime/lifecycle.server";
import { startQueue, type JobQueue, type QueueOptions } from "./queue.server";

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

/** pg-boss's five workers, its supervisor and its scheduler poll through this many session connections. */
const QUEUE_CONNECTIONS = 3;

/** The queue's connection: the embedded database itself, or a pool of its own on DIRECT_URL. */
export function openQueueDatabase(config: Config, db: Database): Promise<Database> {
  return db.engine === "pglite"
    ? Promise.resolve(db)
    : openSessionDatabase(config, { max: QUEUE_CONNECTIONS });
}

export interface RunningJobs {
  queue: JobQueue;
  /** The queue's own connection (the process's database when embedded). */
  queueDb: Database;
}

const globalStore = globalThis as typeof globalThis & { __lodestoneJobs?: Promise<RunningJobs> };

/**
 * Starts the queue once per process (handlers run here unless `work` is false) and registers its drain in
 * the `jobs` step of the stop.
 */
export function startJobs(
  config: Config,
  db: Database,
  work: boolean,
  options: Omit<QueueOptions, "work"> = {},
): Promise<RunningJobs> {
  globalStore.__lodestoneJobs ??= (async () => {
    const queueDb = await openQueueDatabase(config, db);
    try {
      const queue = await startQueue(queueDb, mailContextFor(config, db), { ...options, work });
      onShutdown("jobs", "drain the job queue", stopJobs);
      return { queue, queueDb };
    } catch (error) {
      if (queueDb !== db) await queueDb.close();
      throw error;
    }
  })();
  globalStore.__lodestoneJobs.catch(() => {
    globalStore.__lodestoneJobs = undefined;
  });
  return globalStore.__lodestoneJobs;
}

/** Lets running jobs finish (at most pg-boss's timeout), then closes the queue's own connection. */
export async function stopJobs(): Promise<void> {
  const pending = globalStore.__lodestoneJobs;
  globalStore.__lodestoneJobs = undefined;
  const running = pending ? await pending.catch(() => undefined) : undefined;
  if (!running) return;
  await running.queue.stop();
  if (running.queueDb.engine !== "pglite") await running.queueDb.close();
}
