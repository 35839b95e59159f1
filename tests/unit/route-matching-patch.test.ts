// The patch to @remix-run/router (patches/, ADR 154): Node's copy ranks each route tree once and compiles each
// path once, and still matches every path as the unpatched router does.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";

// The server loads the CommonJS build (its "main"); so does this test.
const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof Router;
type Routes = Parameters<typeof router.matchRoutes>[0];

const tree = (): Routes => [
  {
    id: "root",
    path: "",
    children: [
      { id: "home", index: true },
      {
        id: "p.$slug",
        path: "p/:slug",
        children: [
          { id: "p.$slug._index", index: true },
          { id: "p.$slug.board", path: "board" },
          { id: "p.$slug.projects._index", path: "projects", index: false },
          { id: "p.$slug.projects.new", path: "projects/new" },
          { id: "p.$slug.projects.$projectId", path: "projects/:projectId" },
        ],
      },
      { id: "$", path: "*" },
    ],
  },
];

const ids = (routes: Routes, pathname: string) =>
  router.matchRoutes(routes, pathname)?.map((match) => match.route.id);

describe("route matching, patched", () => {
  it("is the patched build the server loads", () => {
    const source = readFileSync(require.resolve("@remix-run/router"), "utf8");
    expect(source).toContain("function rankedBranchesOf(routes)");
    expect(source).toContain("const compiledPaths = new Map()");
  });

  it("matches the same paths the same way every time, static before dynamic, splat last", () => {
    const routes = tree();
    for (let round = 0; round < 3; round++) {
      expect(ids(routes, "/")).toEqual(["root", "home"]);
      expect(ids(routes, "/p/bench-1/board")).toEqual(["root", "p.$slug", "p.$slug.board"]);
      expect(ids(routes, "/p/bench-1/projects/new")).toEqual([
        "root",
        "p.$slug",
        "p.$slug.projects.new",
      ]);
      expect(ids(routes, "/p/bench-1/projects/abc")).toEqual([
        "root",
        "p.$slug",
        "p.$slug.projects.$projectId",
      ]);
      expect(ids(routes, "/P/Bench-1/BOARD")).toEqual(["root", "p.$slug", "p.$slug.board"]);
      expect(ids(routes, "/nowhere/at/all")).toEqual(["root", "$"]);
      expect(router.matchRoutes(routes, "/p/x/projects/abc")?.at(-1)?.params).toEqual({
        slug: "x",
        projectId: "abc",
      });
    }
  });

  it("ranks each tree on its own: a different tree is not answered from another's ranking", () => {
    const first = tree();
    expect(ids(first, "/p/a/board")).toEqual(["root", "p.$slug", "p.$slug.board"]);
    const second: Routes = [{ id: "only", path: "p/:slug/board" }];
    expect(ids(second, "/p/a/board")).toEqual(["only"]);
    expect(ids(second, "/")).toBeUndefined();
    expect(ids(first, "/p/a/board")).toEqual(["root", "p.$slug", "p.$slug.board"]);
  });

  it("compiles a pattern for each of its options: end, and case sensitivity", () => {
    expect(router.matchPath({ path: "/p/:slug", end: true }, "/p/a/board")).toBeNull();
    expect(router.matchPath({ path: "/p/:slug", end: false }, "/p/a/board")?.params).toEqual({
      slug: "a",
    });
    expect(router.matchPath({ path: "/p/:slug", end: true }, "/p/a/board")).toBeNull();
    expect(router.matchPath({ path: "/Board", caseSensitive: true }, "/board")).toBeNull();
    expect(router.matchPath({ path: "/Board", caseSensitive: false }, "/board")).not.toBeNull();
  });
});
