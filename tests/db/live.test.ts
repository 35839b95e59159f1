/*
 * Live changes on both engines: the triggers' NOTIFY (after commit only, ids and versions only), the
 * process's hub fanning out to the right partnership, and the event stream releasing its listener when the
 * browser goes away.
 */
import {
  createLiveHub,
  parseChange,
  parseInboxEvent,
  parseSharingChange,
  type ChangeEvent,
} from "~/live/hub.server";
import { createLocalAdapter } from "~/auth/local-adapter.server";
import { createOutboxMailer } from "~/auth/mailer.server";
import { closeLiveStreams, liveEventStream } from "~/live/stream.server";
import { moveMilestone } from "~/models/milestones.server";
import { beginDrain, resetLifecycle } from "~/runtime/lifecycle.server";
import { getLogger } from "~/runtime/log.server";
import { cookieHeaderFrom, requestWithCookie } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { ids } from "../support/rls";

/** Resolves once `check` holds, polling every 10 ms (fails after `ms`). */
async function eventually(check: () => boolean, ms = 3000) {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("parseChange", () => {
  it("reads the triggers' payload and refuses anything else", () => {
    expect(
      parseChange(
        JSON.stringify({
          partnership_id: "p",
          table: "milestones",
          op: "update",
          id: "m",
          version: 3,
          project_id: "x",
          milestone_id: null,
          draft: false,
          member_id: "g",
          sponsor_id: null,
        }),
      ),
    ).toEqual({
      partnershipId: "p",
      table: "milestones",
      op: "update",
      id: "m",
      version: 3,
      projectId: "x",
      milestoneId: null,
      draft: false,
      memberId: "g",
      sponsorId: null,
    });
    // Without an explicit "not a draft", a change is treated as one.
    expect(
      parseChange(JSON.stringify({ partnership_id: "p", table: "projects", op: "delete", id: "x" }))
        ?.draft,
    ).toBe(true);
    expect(parseChange("not json")).toBeNull();
    // JSON that is not an object (a payload of null, a number) is not a change either, and does not throw.
    expect(parseChange("null")).toBeNull();
    expect(parseInboxEvent("null")).toBeNull();
    expect(parseSharingChange("42")).toBeNull();
    expect(
      parseChange(JSON.stringify({ partnership_id: "p", table: "pledges", op: "update", id: "x" })),
    ).toBeNull();
  });
});

describe.each(engines)("live changes on %s", (engine) => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
  });
  afterAll(() => handle.dispose());

  it("notifies each committed change to a project, milestone or update, and nothing rolled back", async () => {
    const payloads: string[] = [];
    const stop = await handle.db.listen("lodestone_changes", (payload) => payloads.push(payload));
    try {
      await handle.db.query("update public.milestones set notes = 'Checked.' where id = $1", [
        ids.milestone(3),
      ]);
      await handle.db
        .transaction(async (tx) => {
          await tx.query("update public.projects set stage = 'production' where id = $1", [
            ids.project(1),
          ]);
          throw new Error("roll back");
        })
        .catch(() => {});
      await handle.db.query(
        "insert into public.milestone_updates (partnership_id, milestone_id, note) values ($1, $2, 'Note.')",
        [ids.cm, ids.milestone(3)],
      );
      // A last change as a marker: notifications arrive in commit order, so once it is here every earlier
      // commit's notification is too, and the rolled-back one would have come before it.
      await handle.db.query("update public.milestones set notes = 'Marked.' where id = $1", [
        ids.milestone(3),
      ]);
      await eventually(() => payloads.some((payload) => parseChange(payload)?.version === 3));
      const events = payloads.map((payload) => parseChange(payload));
      expect(events).toEqual([
        {
          partnershipId: ids.cm,
          table: "milestones",
          op: "update",
          id: ids.milestone(3),
          version: 2,
          projectId: ids.project(1),
          milestoneId: null,
          draft: false,
          memberId: ids.member.AU,
          sponsorId: ids.sponsor.austral,
        },
        expect.objectContaining({
          table: "milestone_updates",
          op: "insert",
          version: null,
          projectId: ids.project(1),
          milestoneId: ids.milestone(3),
        }),
        expect.objectContaining({ table: "milestones", id: ids.milestone(3), version: 3 }),
      ]);
      // Only ids and versions travel: no titles, notes or amounts.
      expect(payloads.join()).not.toMatch(/Checked|Note\.|Marked/);
    } finally {
      await stop();
    }
  });

  it("fans out to the subscribers of the changed partnership only, and stops listening after the last", async () => {
    const hub = createLiveHub(async () => handle.db);
    const minerals: ChangeEvent[] = [];
    const pacific: ChangeEvent[] = [];
    const leaveMinerals = await hub.subscribe(ids.cm, (event) => minerals.push(event));
    const leavePacific = await hub.subscribe(ids.pb, (event) => pacific.push(event));
    const logged = vi.spyOn(getLogger(), "error").mockImplementation(() => {});
    const leaveBroken = await hub.subscribe(ids.cm, () => {
      throw new Error("a broken subscriber");
    });
    expect(hub.listening()).toBe(true);
    expect(hub.size()).toBe(3);
    await handle.db.query("update public.milestones set notes = 'Pacific.' where id = $1", [
      ids.pbMilestone(1),
    ]);
    await handle.db.query("update public.milestones set notes = 'Minerals.' where id = $1", [
      ids.milestone(6),
    ]);
    await eventually(() => minerals.length === 1 && pacific.length === 1);
    expect(minerals[0]?.id).toBe(ids.milestone(6));
    expect(pacific[0]?.id).toBe(ids.pbMilestone(1));
    expect(logged).toHaveBeenCalledWith({ err: expect.any(Error) }, "live: a subscriber failed");
    logged.mockRestore();
    await leaveBroken();
    await leaveMinerals();
    expect(hub.listening()).toBe(true);
    await leavePacific();
    expect(hub.listening()).toBe(false);
    expect(hub.size()).toBe(0);
    // A listener of its own witnesses the next change; once it has it, the hub would have had it too.
    const witnessed: string[] = [];
    const stopWitness = await handle.db.listen("lodestone_changes", (payload) =>
      witnessed.push(payload),
    );
    try {
      await handle.db.query("update public.milestones set notes = 'Unheard.' where id = $1", [
        ids.milestone(6),
      ]);
      await eventually(() => witnessed.length === 1);
      expect(minerals).toHaveLength(1);
    } finally {
      await stopWitness();
    }
  });

  it("streams a member's partnership's changes as server-sent events and releases them on disconnect", async () => {
    const hub = createLiveHub(async () => handle.db);
    const delegate = await memberContext(handle.db, "delegateAu");
    const sponsor = await memberContext(handle.db, "sponsor");
    const abort = new AbortController();
    const response = liveEventStream(
      new Request("http://localhost/p/critical-minerals/events", { signal: abort.signal }),
      delegate,
      { hub, heartbeatMs: 50 },
    );
    expect(response.headers.get("Content-Type")).toBe("text/event-stream; charset=utf-8");
    expect(response.headers.get("Cache-Control")).toContain("no-cache");
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = "";
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += decoder.decode(value);
      }
    })();
    await eventually(() => received.includes("event: ready"));
    expect(received).toMatch(/^retry: \d+\n/);

    const [row] = await handle.db.query<{ version: number }>(
      "select version from public.milestones where id = $1",
      [ids.milestone(2)],
    );
    const moved = await moveMilestone(sponsor, {
      milestoneId: ids.milestone(2),
      version: row?.version ?? 0,
      status: "at_risk",
    });
    expect(moved.ok).toBe(true);
    await eventually(() => received.includes("event: change"));
    const data = /event: change\ndata: (.*)\n\n/.exec(received)?.[1] ?? "{}";
    expect(JSON.parse(data)).toEqual({
      table: "milestones",
      op: "update",
      id: ids.milestone(2),
      version: (row?.version ?? 0) + 1,
      projectId: ids.project(1),
      milestoneId: null,
    });
    await eventually(() => received.includes(": heartbeat"));

    abort.abort();
    await pump;
    await eventually(() => !hub.listening());
    expect(hub.size()).toBe(0);
  });

  it("tells only a draft's own government and sponsor that it changed", async () => {
    const hub = createLiveHub(async () => handle.db);
    const streams = await Promise.all(
      (["delegateJp", "sponsor", "delegateAu", "secretariat"] as const).map(async (user) => {
        const abort = new AbortController();
        const response = liveEventStream(
          new Request("http://localhost/p/critical-minerals/events", { signal: abort.signal }),
          await memberContext(handle.db, user),
          { hub },
        );
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        const stream = { user, text: "", abort };
        void (async () => {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) return;
            stream.text += new TextDecoder().decode(value);
          }
        })();
        return stream;
      }),
    );
    await eventually(() => streams.every((stream) => stream.text.includes("event: ready")));
    // Darwin (a draft registered by Japan, run by Austral), then Kalgoorlie (approved): in commit order.
    await handle.db.query("update public.milestones set notes = 'Draft work.' where id = $1", [
      ids.milestone(7),
    ]);
    await handle.db.query("update public.milestones set notes = 'Shared work.' where id = $1", [
      ids.milestone(1),
    ]);
    await eventually(() => streams.every((stream) => stream.text.includes(ids.milestone(1))));
    const heard = Object.fromEntries(
      streams.map((stream) => [stream.user, stream.text.includes(ids.milestone(7))]),
    );
    expect(heard).toEqual({
      delegateJp: true,
      sponsor: true,
      delegateAu: false,
      secretariat: false,
    });
    for (const stream of streams) stream.abort.abort();
    await eventually(() => !hub.listening());
  });

  it("closes the stream when the person signs out in another tab", async () => {
    const hub = createLiveHub(async () => handle.db);
    const auth = createLocalAdapter(
      handle.db,
      "live-stream-test-secret-live-stream-test-secret",
      createOutboxMailer(handle.db),
    );
    const signIn = await auth.signInWithPassword(
      new Request("http://localhost/"),
      "delegate.us@demo.lodestone.example",
      "lodestone-demo",
    );
    if (!signIn.ok) throw new Error("could not sign in");
    const cookie = cookieHeaderFrom(signIn.headers);
    const delegate = await memberContext(handle.db, "delegateUs");
    const response = liveEventStream(
      requestWithCookie(cookie, "http://localhost/p/critical-minerals/events"),
      delegate,
      {
        hub,
        heartbeatMs: 30,
        sessionIsLive: async () =>
          (await auth.getClaims(requestWithCookie(cookie))).claims?.sub === signIn.claims.sub,
      },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let text = "";
    const done = (async () => {
      for (;;) {
        const { value, done: ended } = await reader.read();
        if (ended) return true;
        text += new TextDecoder().decode(value);
      }
    })();
    // Heartbeats keep coming while the session lives…
    await eventually(() => (text.match(/: heartbeat/g) ?? []).length >= 2);
    // …and the stream ends once the person signs out elsewhere (the other tab holds the same cookie).
    await auth.signOut(requestWithCookie(cookie, "http://localhost/sign-out", "POST"));
    expect(await done).toBe(true);
    await eventually(() => hub.size() === 0 && !hub.listening());
  });

  it("closes the stream when the membership is revoked", async () => {
    const hub = createLiveHub(async () => handle.db);
    const observer = await memberContext(handle.db, "observer");
    const response = liveEventStream(
      new Request("http://localhost/p/critical-minerals/events"),
      observer,
      {
        hub,
        heartbeatMs: 30,
      },
    );
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const done = (async () => {
      for (;;) if ((await reader.read()).done) return true;
    })();
    await eventually(() => hub.size() === 1);
    await handle.db.query("update public.memberships set status = 'revoked' where id = $1", [
      ids.membership.observer,
    ]);
    expect(await done).toBe(true);
    await eventually(() => hub.size() === 0 && !hub.listening());
  });

  it("tells open streams to reconnect elsewhere when the process drains, and new ones at once", async () => {
    const hub = createLiveHub(async () => handle.db);
    const read = (response: Response) => {
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const stream = { text: "", ended: false };
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          stream.text += new TextDecoder().decode(value);
        }
        stream.ended = true;
      })();
      return stream;
    };
    const open = async () =>
      liveEventStream(
        new Request("http://localhost/p/critical-minerals/events"),
        await memberContext(handle.db, "delegateAu"),
        { hub },
      );
    const before = read(await open());
    await eventually(() => before.text.includes("event: ready"));
    // A random wait between 0.5 and 2.5 s, so browsers do not all come back at the same moment.
    expect(closeLiveStreams(() => 0.5)).toBe(1);
    await eventually(() => before.ended);
    expect(before.text).toMatch(/retry: 1500\nevent: reconnect\ndata: \{\}\n\n$/);
    await eventually(() => hub.size() === 0 && !hub.listening());
    try {
      await beginDrain(getLogger());
      const during = read(await open());
      await eventually(() => during.ended);
      expect(during.text).toContain("event: reconnect");
      expect(during.text).not.toContain("event: ready");
      expect(hub.size()).toBe(0);
    } finally {
      resetLifecycle();
    }
  });
});
