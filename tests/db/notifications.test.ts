/*
 * Notifications, mail and the job queue on both engines (issue 14; ADRs 141 and 142): events write
 * notifications; a mention is mailed once however often its job runs (retried by pg-boss, or claimed by two
 * workers at once); a digest holds exactly the notifications of its period its recipient may read; overdue
 * milestones are found for the day the job is given; jobs survive a restart; unsubscribe links work without
 * signing in and change one category of one person.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createOutboxMailer } from "~/auth/mailer.server";
import { openPglite, openPostgres, type Database, type Queryable } from "~/db/engine.server";
import { runAsUser } from "~/db/rls.server";
import {
  checkOverdueMilestones,
  planDigests,
  QUEUES,
  startQueue,
  type JobQueue,
} from "~/jobs/queue.server";
import {
  buildDigest,
  mailDigest,
  mailNotification,
  readRecipient,
  type MailContext,
} from "~/notifications/mail.server";
import {
  readUnsubscribeToken,
  signUnsubscribeToken,
  unsubscribe,
} from "~/notifications/unsubscribe.server";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { claimsFor, demoUsers, ids, type DemoUser } from "../support/rls";
import { addDays } from "../support/seed-dates";

const SECRET = "a-test-secret-that-is-long-enough-for-hs256";

/** Resolves once `check` holds, polling every 50 ms (fails after `ms`). */
async function eventually(check: () => Promise<boolean>, ms = 20_000) {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function mailContext(db: Database): MailContext {
  return {
    db,
    mailerFor: (tx: Queryable) => createOutboxMailer(tx),
    appUrl: "http://lodestone.test",
    secret: SECRET,
  };
}

const as = <T>(db: Database, user: DemoUser, work: (tx: Queryable) => Promise<T>) =>
  runAsUser(db, claimsFor(user), work);

/** Japan's delegate comments on the Pilbara plant and mentions `mentioned`; the mention's notification id. */
async function mention(
  db: Database,
  mentioned: DemoUser,
  body = "Please review the audit.",
): Promise<string> {
  const commentId = await as(db, "delegateJp", async (tx) => {
    const [comment] = await tx.query<{ id: string }>(
      `insert into public.comments (partnership_id, subject_type, project_id, body)
       values ($1, 'project', $2, $3) returning id`,
      [ids.cm, ids.project(2), body],
    );
    await tx.query(
      "insert into public.comment_mentions (partnership_id, comment_id, mentioned_user_id) values ($1, $2, $3)",
      [ids.cm, comment!.id, demoUsers[mentioned].id],
    );
    return comment!.id;
  });
  const [row] = await db.query<{ id: string }>(
    "select id from public.notifications where comment_id = $1 and recipient_id = $2 and kind = 'mention'",
    [commentId, demoUsers[mentioned].id],
  );
  return row!.id;
}

const outboxTo = (db: Database, user: DemoUser) =>
  db.query<{ subject: string; body: string; link: string }>(
    "select subject, body, link from private.dev_outbox where to_email = $1 order by id",
    [demoUsers[user].email],
  );

describe.each(engines)("notifications and mail on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  it("notifies a mention to the person mentioned, and the new comment to the project's parties", async () => {
    const id = await mention(handle.db, "delegateAu");
    const mine = await as(handle.db, "delegateAu", (tx) =>
      tx.query<{ kind: string }>("select kind from public.notifications where id = $1", [id]),
    );
    expect(mine).toEqual([{ kind: "mention" }]);
    // The sponsor of the project follows it: it hears of the comment, in its digest category.
    const sponsor = await as(handle.db, "sponsor", (tx) =>
      tx.query<{ kind: string; category: string }>(
        "select kind, category from public.notifications where subject_id = $1 order by created_at desc limit 1",
        [ids.project(2)],
      ),
    );
    expect(sponsor).toEqual([{ kind: "comment", category: "comments" }]);
  });

  it("mails a mention once, when its job runs twice at once and again after", async () => {
    const id = await mention(handle.db, "observer");
    const context = mailContext(handle.db);
    const outcomes = await Promise.all([
      mailNotification(context, id),
      mailNotification(context, id),
    ]);
    expect(outcomes.sort()).toEqual(["already-sent", "sent"]);
    expect(await mailNotification(context, id)).toBe("already-sent");
    const mails = await outboxTo(handle.db, "observer");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.body).toContain("Pilbara Rare Earth Separation Plant");
    expect(mails[0]!.link).toBe(
      `http://lodestone.test/p/critical-minerals/projects/${ids.project(2)}/discussion`,
    );
  });

  it("writes the mail in the recipient's language", async () => {
    await handle.db.query("update public.profiles set language = 'fr' where id = $1", [
      demoUsers.twoHats.id,
    ]);
    const id = await mention(handle.db, "twoHats");
    expect(await mailNotification(mailContext(handle.db), id)).toBe("sent");
    const [mail] = await outboxTo(handle.db, "twoHats");
    expect(mail!.body).toMatch(/vous a mentionné/);
  });

  it("never mails what the recipient can no longer open", async () => {
    // A notification about Japan's draft pledge, addressed to Australia's delegate (who cannot see it).
    const [row] = await handle.db.query<{ id: string }>(
      `insert into public.notifications (partnership_id, recipient_id, category, kind, subject_type, subject_id,
         project_id, event_key) values ($1, $2, 'pledges', 'pledge_amended', 'pledge', $3, $4, 'test:draft')
       returning id`,
      [ids.cm, demoUsers.delegateAu.id, ids.pledge(3), ids.project(1)],
    );
    const before = (await outboxTo(handle.db, "delegateAu")).length;
    expect(await mailNotification(mailContext(handle.db), row!.id)).toBe("nothing-to-send");
    expect(await outboxTo(handle.db, "delegateAu")).toHaveLength(before);
  });

  it("unsubscribes one category of one person, without signing in", async () => {
    const token = await signUnsubscribeToken(SECRET, demoUsers.delegateUs.id, "mentions");
    expect(await readUnsubscribeToken(SECRET, token)).toEqual({
      userId: demoUsers.delegateUs.id,
      category: "mentions",
    });
    // A token signed with another secret, or altered, is nobody's.
    expect(await readUnsubscribeToken("another-secret-that-is-also-long-enough", token)).toBeNull();
    expect(await readUnsubscribeToken(SECRET, `${token.slice(0, -2)}xx`)).toBeNull();

    await unsubscribe(handle.db, { userId: demoUsers.delegateUs.id, category: "mentions" });
    await unsubscribe(handle.db, { userId: demoUsers.delegateUs.id, category: "mentions" });
    expect((await readRecipient(handle.db, demoUsers.delegateUs.id))?.unsubscribed).toEqual([
      "mentions",
    ]);
    expect((await readRecipient(handle.db, demoUsers.secretariat.id))?.unsubscribed).toEqual([]);

    const id = await mention(handle.db, "delegateUs");
    expect(await mailNotification(mailContext(handle.db), id)).toBe("nothing-to-send");
    // The inbox still has it: unsubscribing stops mail, not notifications.
    const inbox = await as(handle.db, "delegateUs", (tx) =>
      tx.query("select id from public.notifications where id = $1", [id]),
    );
    expect(inbox).toHaveLength(1);
  });

  it("notifies a milestone past its due date once, for the day the job is given", async () => {
    const [milestone] = await handle.db.query<{ id: string; due_date: string }>(
      `select ms.id, ms.due_date from public.milestones ms join public.projects p on p.id = ms.project_id
        where ms.status not in ('done', 'cancelled') and p.status = 'approved'
        order by ms.due_date limit 1`,
    );
    const dayBefore = milestone!.due_date;
    const dayAfter = addDays(milestone!.due_date, 1);
    const overdue = (recipient: string) =>
      handle.db.query(
        "select id from public.notifications where kind = 'milestone_overdue' and subject_id = $1 and recipient_id = $2",
        [milestone!.id, recipient],
      );
    await checkOverdueMilestones(handle.db, dayBefore);
    expect(await overdue(demoUsers.secretariat.id)).toHaveLength(0);
    await checkOverdueMilestones(handle.db, dayAfter);
    await checkOverdueMilestones(handle.db, addDays(dayAfter, 3));
    expect(await overdue(demoUsers.secretariat.id)).toHaveLength(1);
  });

  describe("digests", () => {
    const DAY = "2031-03-04";
    const insertAt = (
      recipient: string,
      key: string,
      subject: [string, string],
      at: string,
      category = "projects",
    ) =>
      handle.db.query(
        `insert into public.notifications (partnership_id, recipient_id, category, kind, subject_type, subject_id,
           project_id, event_key, created_at)
         values ($1, $2, $7, 'project_approved', $3, $4, $5, $6, $8::timestamptz)`,
        [ids.cm, recipient, subject[0], subject[1], ids.project(2), key, category, at],
      );

    it("holds exactly the visible notifications of its period", async () => {
      const au = demoUsers.delegateAu.id;
      await insertAt(au, "d:in", ["project", ids.project(2)], `${DAY}T00:00:00Z`);
      await insertAt(au, "d:in-late", ["project", ids.project(1)], `${DAY}T23:59:59Z`);
      await insertAt(au, "d:draft", ["pledge", ids.pledge(3)], `${DAY}T12:00:00Z`, "milestones");
      await insertAt(au, "d:draft-project", ["project", ids.project(3)], `${DAY}T12:00:00Z`);
      await insertAt(au, "d:before", ["project", ids.project(2)], `${addDays(DAY, -1)}T23:59:59Z`);
      await insertAt(au, "d:after", ["project", ids.project(2)], `${addDays(DAY, 1)}T00:00:00Z`);
      await insertAt(au, "d:immediate", ["project", ids.project(2)], `${DAY}T10:00:00Z`, "pledges");
      await insertAt(
        demoUsers.delegateJp.id,
        "d:other",
        ["project", ids.project(2)],
        `${DAY}T10:00:00Z`,
      );

      const recipient = (await readRecipient(handle.db, au))!;
      const digest = await buildDigest(handle.db, recipient, { from: DAY, to: addDays(DAY, 1) });
      expect(digest.map((item) => item.subjectId)).toEqual([ids.project(2), ids.project(1)]);

      const context = mailContext(handle.db);
      const job = { userId: au, digest: "daily" as const, from: DAY, to: addDays(DAY, 1) };
      expect(await mailDigest(context, job)).toBe("sent");
      expect(await mailDigest(context, job)).toBe("already-sent");
      const mails = (await outboxTo(handle.db, "delegateAu")).filter((mail) =>
        mail.subject.includes("digest"),
      );
      expect(mails).toHaveLength(1);
      expect(mails[0]!.body).toContain("Pilbara Rare Earth Separation Plant");
      expect(mails[0]!.body).toContain("Kalgoorlie Basin Rare Earths Mine");
      expect(mails[0]!.body).not.toContain("Darwin");
    });

    it("goes to those who chose the frequency, and weekly ones on Mondays only", async () => {
      const monday = "2031-03-10";
      const jp = demoUsers.delegateJp.id;
      await handle.db.query(
        "insert into public.notification_preferences (user_id, digest) values ($1, 'weekly')",
        [jp],
      );
      await insertAt(jp, "w:in", ["project", ids.project(2)], `${addDays(monday, -3)}T09:00:00Z`);
      const sent: unknown[] = [];
      const boss = { send: async (...args: unknown[]) => sent.push(args) } as never;
      await planDigests(boss, handle.db, addDays(monday, 1));
      expect(sent.filter((args) => JSON.stringify(args).includes(jp))).toHaveLength(0);
      await planDigests(boss, handle.db, monday);
      expect(sent.filter((args) => JSON.stringify(args).includes(jp))).toHaveLength(1);
    });
  });

  describe("on the queue", () => {
    let queue: JobQueue;
    beforeAll(async () => {
      queue = await startQueue(handle.db, mailContext(handle.db), {
        work: true,
        schedule: false,
        pollingIntervalSeconds: 0.5,
      });
    });
    afterAll(() => queue.stop());

    it("mails a mention through its job, from the notification's NOTIFY", async () => {
      await mention(handle.db, "sponsor", "Can the sponsor confirm the solar share?");
      await eventually(async () => (await outboxTo(handle.db, "sponsor")).length === 1);
    });

    it("sends one mail when a job fails after sending and is retried", async () => {
      const id = await mention(handle.db, "sponsorNorthern");
      const name = "test.flaky-mail";
      await queue.boss.createQueue(name, { name, retryLimit: 3, retryDelay: 1 });
      let attempts = 0;
      await queue.boss.work<{ id: string }>(
        name,
        { pollingIntervalSeconds: 0.5 },
        async ([job]) => {
          attempts += 1;
          await mailNotification(mailContext(handle.db), job!.data.id);
          if (attempts === 1) throw new Error("the worker died after sending");
        },
      );
      const jobId = await queue.boss.send(name, { id });
      await eventually(
        async () => (await queue.boss.getJobById(name, jobId!))?.state === "completed",
      );
      expect(attempts).toBe(2);
      // The NOTIFY kick mails it too: still one message.
      await eventually(
        async () =>
          (
            await handle.db.query(
              "select 1 from pgboss.job where name = $1 and state = 'completed' and data->>'notificationId' = $2",
              [QUEUES.notificationMail, id],
            )
          ).length > 0,
      );
      expect(await outboxTo(handle.db, "sponsorNorthern")).toHaveLength(1);
    });
  });
});

describe.each(engines)("jobs survive a restart on %s", (engine) => {
  // Creating an embedded data folder (initdb) takes from 3 s to 30 s on a busy machine: a generous timeout.
  it("runs a job queued before the process stopped", { timeout: 120_000 }, async () => {
    let open: () => Promise<Database>;
    let cleanup: () => Promise<void>;
    if (engine === "pglite") {
      const dir = mkdtempSync(path.join(tmpdir(), "lodestone-jobs-"));
      open = () => openPglite(dir);
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const handle = await createTestDatabase("postgres");
      open = async () => openPostgres(handle.url!, { max: 2 });
      cleanup = () => handle.dispose();
    }
    // A queue of its own: pg-boss's tables are all this needs (no migration of Lodestone's).
    const name = "test.restart";
    let db = await open();
    let queue = await startQueue(db, mailContext(db), { work: false });
    await queue.boss.createQueue(name, { name });
    const jobId = await queue.boss.send(name, { note: "queued before the restart" });
    await queue.stop();
    await db.close();

    db = await open();
    queue = await startQueue(db, mailContext(db), { work: false });
    const seen: unknown[] = [];
    await queue.boss.work<{ note: string }>(
      name,
      { pollingIntervalSeconds: 0.5 },
      async ([job]) => {
        seen.push(job!.data);
      },
    );
    await eventually(
      async () => (await queue.boss.getJobById(name, jobId!))?.state === "completed",
    );
    expect(seen).toEqual([{ note: "queued before the restart" }]);
    await queue.stop();
    await db.close();
    await cleanup();
  });
});

describe.each(engines)("servers starting together on %s", (engine) => {
  // Two servers of a scale-out start at once on a new database: pg-boss's queue creation attaches partitions to
  // one table, which PostgreSQL may resolve by aborting one of them as a deadlock; both must still start.
  it(
    "start their queues on a new database, each queue made once",
    { timeout: 120_000 },
    async () => {
      const handle = await createTestDatabase(engine);
      const open = () =>
        engine === "postgres" ? openPostgres(handle.url!, { max: 2 }) : Promise.resolve(handle.db);
      const dbs = await Promise.all([open(), open(), open()]);
      const queues = await Promise.all(
        dbs.map((db) => startQueue(db, mailContext(db), { work: false })),
      );
      const rows = await handle.db.query<{ name: string; count: number }>(
        "select name, count(*)::int as count from pgboss.queue group by name order by name",
      );
      expect(rows).toEqual(
        Object.values(QUEUES)
          .sort()
          .map((name) => ({ name, count: 1 })),
      );
      for (const queue of queues) await queue.stop();
      if (engine === "postgres") for (const db of dbs) await db.close();
      await handle.dispose();
    },
  );
});
