/*
 * The server's log (ADR 122): JSON lines with the request's id, user and partnership; readable lines in
 * development; errors without their private properties; the request id taken from a trusted proxy only;
 * routes logged by their pattern, never by a path that may hold a token.
 */
import { Writable } from "node:stream";
import { requestIdOf, routePatterns } from "~/runtime/http-log.server";
import {
  createLogger,
  noteRequest,
  prettyLine,
  requestContext,
  safeError,
} from "~/runtime/log.server";

/** A logger writing JSON into an array, one parsed object per line. */
function capture(level: "info" | "debug" = "info") {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { lines, logger: createLogger({ LOG_LEVEL: level, logFormat: "json" }, destination) };
}

describe("the log", () => {
  it("adds the request's id, and the user and partnership once a guard notes them", () => {
    const { lines, logger } = capture();
    logger.info("before any request");
    requestContext.run({ requestId: "req-1", route: "/p/:slug/board" }, () => {
      logger.info("inside, not signed in yet");
      noteRequest({ userId: "user-1" });
      noteRequest({ partnership: "critical-minerals" });
      logger.warn({ durationMs: 900 }, "slow statement");
    });
    expect(lines.map(({ time: _time, pid: _pid, ...rest }) => rest)).toEqual([
      { level: 30, msg: "before any request" },
      { level: 30, requestId: "req-1", route: "/p/:slug/board", msg: "inside, not signed in yet" },
      {
        level: 40,
        requestId: "req-1",
        route: "/p/:slug/board",
        userId: "user-1",
        partnership: "critical-minerals",
        durationMs: 900,
        msg: "slow statement",
      },
    ]);
  });

  it("keeps an error's kind, message, SQLSTATE and stack, never its other properties", () => {
    const error = Object.assign(new Error("duplicate key value"), {
      code: "23505",
      parameters: ["$2b$10$hashhashhash", '{"sub":"user","session_id":"s"}'],
      query: "insert into auth.users …",
    });
    const kept = safeError(error);
    expect(Object.keys(kept).sort()).toEqual(["code", "message", "stack", "type"]);
    expect(kept).toMatchObject({ type: "Error", message: "duplicate key value", code: "23505" });
    const { lines, logger } = capture();
    logger.error({ err: error }, "failed");
    expect(JSON.stringify(lines)).not.toContain("hashhashhash");
    expect(JSON.stringify(lines)).not.toContain("session_id");
    expect(safeError("plain")).toEqual({ message: "plain" });
  });

  it("reads as one line per entry in development: time, level, message, then the fields", () => {
    const line = prettyLine(
      JSON.stringify({
        level: 40,
        time: Date.UTC(2026, 10, 30, 9, 5, 7, 42),
        pid: 1,
        msg: "GET /p/:slug/board 200 (slow request)",
        requestId: "r1",
        durationMs: 1200,
        userId: undefined,
      }),
    );
    expect(line).toBe(
      "09:05:07.042 WARN  GET /p/:slug/board 200 (slow request)  requestId=r1 durationMs=1200\n",
    );
    expect(prettyLine("not json")).toBe("not json\n");
  });

  it("takes the proxy's request id only behind a trusted proxy, and only as a short token", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(requestIdOf("lb-1234.abc:9", { TRUST_PROXY: "true" })).toBe("lb-1234.abc:9");
    expect(requestIdOf("lb-1234", { TRUST_PROXY: "false" })).toMatch(uuid);
    expect(requestIdOf("two words", { TRUST_PROXY: "true" })).toMatch(uuid);
    expect(requestIdOf('x"}\n{"level":60', { TRUST_PROXY: "true" })).toMatch(uuid);
    expect(requestIdOf("x".repeat(129), { TRUST_PROXY: "true" })).toMatch(uuid);
    expect(requestIdOf(undefined, { TRUST_PROXY: "true" })).toMatch(uuid);
  });

  it("names each route by its pattern, so a token in a path never reaches the log", () => {
    const route = (id: string, parentId: string | undefined, path?: string, index?: boolean) => ({
      id,
      parentId,
      path,
      index,
      caseSensitive: undefined,
      module: {} as never,
    });
    const patternOf = routePatterns({
      root: route("root", undefined, ""),
      "routes/invitations.$token": route("routes/invitations.$token", "root", "invitations/:token"),
      "routes/p.$slug": route("routes/p.$slug", "root", "p/:slug"),
      "routes/p.$slug._index": route("routes/p.$slug._index", "routes/p.$slug", undefined, true),
      "routes/p.$slug.board": route("routes/p.$slug.board", "routes/p.$slug", "board"),
      "routes/$": route("routes/$", "root", "*"),
    });
    expect(patternOf("/invitations/3f9a7c1e-secret-token")).toBe("/invitations/:token");
    expect(patternOf("/p/critical-minerals/board")).toBe("/p/:slug/board");
    expect(patternOf("/p/critical-minerals")).toBe("/p/:slug");
    expect(patternOf("/nowhere/at/all")).toBe("/*");
  });
});
