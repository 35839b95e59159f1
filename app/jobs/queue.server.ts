/*
 * The job queue (ADR 141): pg-boss 10, in Postgres itself, so jobs survive a restart and need nothing else to
 * run. It runs in the server process by default on both engines (the embedded database admits one process,
 * ADR 002), and in `npm run worker` processes when PostgreSQL is scaled out (JOBS=worker on the web servers).
 * pg-boss reaches the database through the app's own connection (`executeSql` below), so PGlite works as is;
 * on PostgreSQL that is the queue's pool on DIRECT_URL (./runtime.server.ts), never a transaction pooler.
 *
 * Jobs:
 *   mail.notification  {notificationId}        a mention or a money event, mailed at once
 *   mail.digest        {userId, digest, from, to}  one person's daily or weekly digest
 *   digests.plan       {today?}                cron, daily: enqueues the digests due today
 *   milestones.overdue {today?}                cron, daily: notifies milestones past their due date
 *   notifications.sweep {}                     cron, every minute: mails immediate notifications whose
 *                                              LISTEN kick was missed (the process was down)
 * `today` is a job parameter (tests, replays) or the one clock's (app/utils/clock.server.ts), never the
 * database's current_date.
 */
import PgBoss from "pg-boss";
import type { Database } from "~/db/engine.server";
import { runAsServiceRole } from "~/db/service-role.server";
import { CHANGES_CHANNEL, parseInboxEvent } from "~/live/hub.server";
import { IMMEDIATE_CATEGORIES, digestPeriod, type Digest } from "~/notifications/categories";
import {
  digestRecipients,
  mailDigest,
  mailNotification,
  type MailContext,
} from "~/notifications/mail.server";
import { getLogger } from "~/runtime/log.server";
import { addDays, dayNumber } from "~/utils/dates";
import { today as clockToday } from "~/utils/clock.server";

export const QUEUES = {
  notificationMail: "mail.notification",
  digestMail: "mail.digest",
  planDigests: "digests.plan",
  overdue: "milestones.overdue",
  sweep: "notifications.sweep",
} as const;

/** How long a stop waits for running jobs before pg-boss marks them failed (to be retried). */
const STOP_TIMEOUT_MS = 5_000;

/** Retries with back-off: 5 tries over about 10 minutes for mail (an SMTP server restarting). */
const RETRY = { retryLimit: 5, retryDelay: 10, retryBackoff: true } as const;

/** pg-boss's database port on either engine, counting its statements in flight (see `settle`). */
export interface BossDatabase extends PgBoss.Db {
  /** Statements sent and not answered yet. */
  inFlight(): number;
}

/** pg-boss's database port on either engine: multi-statement scripts (its migrations) as scripts. */
export function bossDatabase(db: Database): BossDatabase {
  let inFlight = 0;
  async function run(text: string, values?: unknown[]) {
    // Its locked scripts ("BEGIN; … COMMIT;"), as one transaction of the engine's own (a pool hands each
    // statement to any connection, so a bare BEGIN would not hold).
    const script = /^\s*BEGIN\s*;([\s\S]*?)COMMIT\s*;?\s*$/i.exec(text);
    if ((!values || values.length === 0) && script) {
      await db.transaction((tx) => tx.exec(script[1] ?? ""));
      return { rows: [] };
    }
    // pg-boss leaves optional parameters undefined; postgres.js wants null.
    return {
      rows: await db.query(
        text,
        (values ?? []).map((value) => value ?? null),
      ),
    };
  }
  return {
    async executeSql(text: string, values?: unknown[]) {
      inFlight += 1;
      try {
        return await run(text, values);
      } finally {
        inFlight -= 1;
      }
    },
    inFlight: () => inFlight,
  };
}

/**
 * Waits until nothing of the queue's is running: pg-boss's stop ends its workers' loops but does not wait for
 * a fetch already sent, whose jobs then still run and complete. Quiet twice in a row, 50 ms apart, counts as
 * settled (a fetch's answer and its handler are a few microtasks apart); at most `timeoutMs`.
 */
async function settle(busy: () => boolean, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2 && Date.now() < until) {
    quiet = busy() ? 0 : quiet + 1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface QueueOptions {
  /** Run handlers here (the server by default; false on web servers when `npm run worker` runs them). */
  work: boolean;
  /** Seconds between polls for new jobs. */
  pollingIntervalSeconds?: number;
  /** Cron schedules (off in tests, which call the jobs themselves). */
  schedule?: boolean;
  /** What "today" is for the daily jobs when the job does not say (the one clock). */
  today?: () => string;
}

export interface JobQueue {
  boss: PgBoss;
  stop(): Promise<void>;
}

interface TodayJob {
  today?: string;
}

/** The daily digests due on `today`: everyone's daily one, and on Mondays the weekly ones. */
export async function planDigests(boss: PgBoss, db: Database, today: string): Promise<number> {
  const digests: Exclude<Digest, "never">[] = ["daily"];
  // 1970-01-01 was a Thursday: day numbers that are 4 more than a multiple of 7 are Mondays.
  if ((((dayNumber(today) - 4) % 7) + 7) % 7 === 0) digests.push("weekly");
  let planned = 0;
  for (const digest of digests) {
    const period = digestPeriod(digest, today, addDays);
    for (const userId of await digestRecipients(db, digest, period)) {
      await boss.send(
        QUEUES.digestMail,
        { userId, digest, ...period },
        { ...RETRY, singletonKey: `digest:${digest}:${userId}:${period.to}` },
      );
      planned += 1;
    }
  }
  return planned;
}

/** Notifies the milestones overdue on `today` (once per milestone and due date). */
export async function checkOverdueMilestones(db: Database, today: string): Promise<number> {
  const [row] = await runAsServiceRole(db, (tx) =>
    tx.query<{ count: number }>("select private.notify_overdue_milestones($1::date) as count", [
      today,
    ]),
  );
  return row?.count ?? 0;
}

export function enqueueNotificationMail(boss: PgBoss, notificationId: string) {
  return boss.send(QUEUES.notificationMail, { notificationId }, { ...RETRY });
}

/** Immediate notifications of the last day with no mail yet: their jobs, in case a kick was missed. */
async function sweep(boss: PgBoss, db: Database): Promise<number> {
  const rows = await runAsServiceRole(db, (tx) =>
    tx.query<{ id: string }>(
      `select n.id from public.notifications n
        where n.category = any ($1::text[]) and n.created_at > now() - interval '1 day'
          and n.created_at < now() - interval '1 minute'
          and not exists (select 1 from private.mail_deliveries d
                           where d.idempotency_key = 'notification:' || n.id)
        limit 500`,
      [IMMEDIATE_CATEGORIES],
    ),
  ).catch(() => []);
  for (const row of rows) await enqueueNotificationMail(boss, row.id);
  return rows.length;
}

/** PostgreSQL's "deadlock detected": it aborted this transaction so that another could go on. */
const isDeadlock = (error: unknown) =>
  (error as { code?: string } | null)?.code === "40P01" ||
  (error instanceof Error && /deadlock detected/.test(error.message));

/**
 * Creates the queues a new database does not have yet. Two servers starting together on it (scale-out) each
 * attach new partitions to pg-boss's job table, and PostgreSQL may break the deadlock that makes by aborting
 * one; the aborted one looks again (the other may have created the queue meanwhile) after a short, growing,
 * jittered wait.
 */
async function ensureQueues(boss: PgBoss, attempts = 6): Promise<void> {
  for (const name of Object.values(QUEUES)) {
    for (let attempt = 1; !(await boss.getQueue(name)); attempt += 1) {
      try {
        await boss.createQueue(name, { name, ...RETRY });
      } catch (error) {
        if (!isDeadlock(error) || attempt >= attempts) throw error;
        const wait = 50 * 2 ** attempt + Math.floor(Math.random() * 100);
        getLogger().warn(
          { queue: name, attempt, wait },
          "job queue creation deadlocked; trying again",
        );
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    }
  }
}

export async function startQueue(
  db: Database,
  mail: MailContext,
  options: QueueOptions,
): Promise<JobQueue> {
  const port = bossDatabase(db);
  const boss = new PgBoss({
    db: port,
    schema: "pgboss",
    supervise: options.work,
    schedule: options.work && (options.schedule ?? true),
    migrate: true,
  });
  boss.on("error", (error) => getLogger().error({ err: error }, "job queue error"));
  await boss.start();
  await ensureQueues(boss);
  const today = options.today ?? clockToday;
  const stops: Array<() => Promise<void>> = [];
  // Handlers running now: a stop waits for them (with pg-boss's statements in flight) before it returns.
  let running = 0;
  const counted =
    <J>(handler: (jobs: J[]) => Promise<void>) =>
    async (jobs: J[]) => {
      running += 1;
      try {
        await handler(jobs);
      } finally {
        running -= 1;
      }
    };
  // The handlers' own queries go through the process's database (mail.db), as requests' do.
  const appDb = mail.db;
  if (options.work) {
    const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 };
    await boss.work<{ notificationId: string }>(
      QUEUES.notificationMail,
      polling,
      counted(async (jobs) => {
        for (const job of jobs) await mailNotification(mail, job.data.notificationId);
      }),
    );
    await boss.work<{ userId: string; digest: Exclude<Digest, "never">; from: string; to: string }>(
      QUEUES.digestMail,
      polling,
      counted(async (jobs) => {
        for (const job of jobs) await mailDigest(mail, job.data);
      }),
    );
    await boss.work<TodayJob>(
      QUEUES.planDigests,
      polling,
      counted(async (jobs) => {
        for (const job of jobs) await planDigests(boss, appDb, job.data?.today ?? today());
      }),
    );
    await boss.work<TodayJob>(
      QUEUES.overdue,
      polling,
      counted(async (jobs) => {
        for (const job of jobs) await checkOverdueMilestones(appDb, job.data?.today ?? today());
      }),
    );
    await boss.work(
      QUEUES.sweep,
      polling,
      counted(async () => {
        await sweep(boss, appDb);
      }),
    );
    if (options.schedule ?? true) {
      await boss.schedule(QUEUES.planDigests, "0 6 * * *", {}, { tz: "UTC" });
      await boss.schedule(QUEUES.overdue, "0 5 * * *", {}, { tz: "UTC" });
      await boss.schedule(QUEUES.sweep, "* * * * *", {}, { tz: "UTC" });
    }
    // A new immediate notification is mailed at once: its trigger's NOTIFY (ids and the category only).
    stops.push(
      await db.listen(CHANGES_CHANNEL, (payload) => {
        const event = parseInboxEvent(payload);
        if (event && (IMMEDIATE_CATEGORIES as readonly string[]).includes(event.category)) {
          void enqueueNotificationMail(boss, event.id).catch((error: unknown) =>
            getLogger().error({ err: error }, "could not enqueue a notification mail"),
          );
        }
      }),
    );
  }
  return {
    boss,
    async stop() {
      for (const stop of stops) await stop();
      await boss.stop({ graceful: true, wait: true, close: false, timeout: STOP_TIMEOUT_MS });
      await settle(() => running > 0 || port.inFlight() > 0, STOP_TIMEOUT_MS);
    },
  };
}
