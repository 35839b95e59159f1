// The patch to @remix-run/router (patches/, ADR 154): Node's copy ranks each route tree once and compiles each
// path once, and matches every path of this app exactly as the unpatched router does. "Unpatched" is the
// installed file with the patch taken back out, checked byte for byte against the file npm ships.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Router from "@remix-run/router";

// The server loads the CommonJS build (its "main"); so does this test.
const require = createRequire(import.meta.url);
const patched = require("@remix-run/router") as typeof Router;
type Routes = Parameters<typeof Router.matchRoutes>[0];

const PATCH = "patches/@remix-run+router+1.23.3.patch";
/** sha256 of dist/router.cjs.js in @remix-run/router 1.23.3 as npm ships it (the tarball in package-lock). */
const UPSTREAM_SHA256 = "3bd50dfc24913e4603061b6aaec331f4d808531b729e1e8c7143206ee4229b06";

/** Takes a unified diff back out of the text it was applied to: each hunk's new lines become its old ones. */
function unapply(source: string, patch: string): string {
  const hunks = patch.split(/^@@[^\n]*\n/m).slice(1);
  return hunks.reduce((text, hunk) => {
    const lines = hunk
      .split("\n")
      .filter((line) => /^[ +-]/.test(line) && !/^(---|\+\+\+) /.test(line));
    const after = lines.filter((line) => !line.startsWith("-")).map((line) => line.slice(1));
    const before = lines.filter((line) => !line.startsWith("+")).map((line) => line.slice(1));
    const [first, ...rest] = text.split(after.join("\n"));
    if (first === undefined || rest.length !== 1)
      throw new Error("a hunk of the patch is not in the file");
    return first + before.join("\n") + rest[0];
  }, source);
}

const patchedSource = readFileSync(require.resolve("@remix-run/router"), "utf8");
const upstreamSource = unapply(patchedSource, readFileSync(PATCH, "utf8"));
const upstreamDir = mkdtempSync(path.join(tmpdir(), "router-upstream-"));
const upstream = (() => {
  const file = path.join(upstreamDir, "router.cjs.js");
  writeFileSync(file, upstreamSource);
  return require(file) as typeof Router;
})();
afterAll(() => rmSync(upstreamDir, { recursive: true, force: true }));

/**
 * The app's route trees as the compiler finds the routes in app/routes and the server builds them: the tree
 * Remix matches a request with (createRoutes) and the one its static handler runs loaders by.
 */
async function appRoutes() {
  const config = (await import(pathToFileURL(path.resolve("remix.config.js")).href)) as {
    default: { ignoredRouteFiles: string[] };
  };
  const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
    flatRoutes: (appDirectory: string, ignored: string[]) => Record<string, { id: string }>;
  };
  const remix = require("@remix-run/server-runtime/dist/routes.js") as {
    createRoutes: (manifest: Record<string, unknown>) => Routes;
    createStaticHandlerDataRoutes: (manifest: Record<string, unknown>, future: object) => Routes;
  };
  const manifest = {
    root: { id: "root", path: "", file: "root.tsx" },
    ...flatRoutes(path.resolve("app"), config.default.ignoredRouteFiles),
  };
  const withModules = Object.fromEntries(
    Object.entries(manifest).map(([id, route]) => [id, { ...route, module: {} }]),
  );
  return {
    ids: Object.keys(manifest),
    tree: remix.createRoutes(manifest),
    dataTree: remix.createStaticHandlerDataRoutes(withModules, {}),
  };
}

/** Every route's full pattern ("p/:slug/projects/:projectId"), parents' paths joined. */
function patternsOf(routes: Routes, parent = ""): string[] {
  return routes.flatMap((route) => {
    const own = [parent, route.path ?? ""].filter(Boolean).join("/");
    return [own, ...patternsOf(route.children ?? [], own)];
  });
}

const VALUES = [
  "x",
  "bench-1",
  "123e4567-e89b-12d3-a456-426614174000",
  "new",
  "edit",
  "csv",
  "a%20b",
  "%C3%A9t%C3%A9",
  "a.b",
  "_index",
];
const SPLATS = ["", "a", "a/b/c", "favicon.ico"];

/**
 * Paths a pattern matches and paths next to it. Four samples a pattern, the values turning with the pattern
 * and the parameter's position, so that across the app every value stands in every place (not every product:
 * the unpatched router ranks the whole tree on each call, which is what makes it slow).
 */
function pathsFor(pattern: string, turn: number): string[] {
  const segments = pattern.split("/").filter(Boolean);
  const concrete = [0, 1, 2, 3].map((sample) =>
    segments
      .map((segment, position) => {
        const i = turn * 3 + sample * 2 + position;
        const value = VALUES[i % VALUES.length] ?? "x";
        if (segment === "*") return SPLATS[i % SPLATS.length] ?? "";
        if (segment.startsWith(":")) return value;
        return segment.replace(/\?$/, "");
      })
      .filter(Boolean)
      .join("/"),
  );
  return [...new Set(concrete)].flatMap((tail) => [
    `/${tail}`,
    `/${tail}/`,
    `/${tail}`.toUpperCase(),
    `/${tail}/extra`,
    `/${tail}/extra/more`,
    `//${tail}`,
  ]);
}

const ODD_PATHS = [
  "/",
  "",
  "//",
  "/p",
  "/p/",
  "/public",
  "/%E0%A4%A",
  "/p/x/..",
  "/p/x/./board",
  "/?x=1",
];

/** What a match says, in plain data: the route of each level, its params and the part of the path it took. */
const outcome = (router: typeof Router, routes: Routes, pathname: string) =>
  router.matchRoutes(routes, pathname)?.map((match) => ({
    id: match.route.id,
    params: match.params,
    pathname: match.pathname,
    pathnameBase: match.pathnameBase,
  })) ?? null;

describe("route matching, patched", () => {
  it("is the patched build the server loads, and without the patch it is the file npm ships", () => {
    expect(patchedSource).toContain("function rankedBranchesOf(routes)");
    expect(patchedSource).toContain("const compiledPaths = new Map()");
    expect(upstreamSource).not.toContain("Lodestone");
    expect(createHash("sha256").update(upstreamSource).digest("hex")).toBe(UPSTREAM_SHA256);
  });

  it("is applied by a postinstall that fails the install when the patch no longer applies", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.postinstall).toMatch(/^patch-package\b/);
    expect(pkg.scripts.postinstall).toContain("--error-on-fail");
    expect(pkg.scripts.postinstall).toContain("--error-on-warn");
  });

  it("matches every route of the app, and the paths beside them, exactly as upstream does", async () => {
    const { ids, tree, dataTree } = await appRoutes();
    const patterns = [...new Set(patternsOf(tree))];
    expect(patterns.length).toBeGreaterThan(60);
    const paths = [...new Set([...patterns.flatMap(pathsFor), ...ODD_PATHS])];
    // Both routers warn of the malformed path; the warnings are theirs, not this test's.
    vi.spyOn(console, "warn").mockImplementation(() => undefined);

    const differences: string[] = [];
    const reached = new Set<string>();
    for (const routes of [tree, dataTree]) {
      for (const pathname of paths) {
        const first = outcome(patched, routes, pathname); // ranks the tree, or finds it ranked
        const again = outcome(patched, routes, pathname); // finds it ranked
        const expected = outcome(upstream, routes, pathname);
        if (JSON.stringify(first) !== JSON.stringify(expected)) differences.push(pathname);
        if (JSON.stringify(again) !== JSON.stringify(expected))
          differences.push(`${pathname} (again)`);
        first?.forEach((match) => match.id && reached.add(match.id));
      }
    }
    vi.restoreAllMocks();
    expect(differences).toEqual([]);
    // The paths tried reach every route of the app, so a difference anywhere would have shown.
    expect([...reached].sort()).toEqual([...ids].sort());
  });

  it("compiles every pattern of the app as upstream does, for each of end and case sensitivity", async () => {
    const { tree } = await appRoutes();
    const patterns = [...new Set(patternsOf(tree))].map((pattern) => `/${pattern}`);
    const differences: string[] = [];
    for (const pattern of patterns) {
      const paths = [...pathsFor(pattern.slice(1), patterns.indexOf(pattern)), ...ODD_PATHS];
      for (const end of [true, false]) {
        for (const caseSensitive of [true, false]) {
          for (const pathname of paths) {
            const options = { path: pattern, end, caseSensitive };
            const mine = JSON.stringify(patched.matchPath(options, pathname));
            if (mine !== JSON.stringify(upstream.matchPath(options, pathname))) {
              differences.push(`${pattern} ${end} ${caseSensitive} ${pathname}`);
            }
          }
        }
      }
    }
    expect(differences).toEqual([]);
  });

  it("ranks each tree on its own: a different tree is not answered from another's ranking", async () => {
    const { tree } = await appRoutes();
    expect(outcome(patched, tree, "/p/a/board")?.at(-1)?.id).toBe("routes/p.$slug.board");
    const second: Routes = [{ id: "only", path: "p/:slug/board" }];
    expect(outcome(patched, second, "/p/a/board")?.map((match) => match.id)).toEqual(["only"]);
    expect(outcome(patched, second, "/")).toBeNull();
    expect(outcome(patched, tree, "/p/a/board")?.at(-1)?.id).toBe("routes/p.$slug.board");
  });

  it("matches a tree that has grown in place (as route discovery grows it) as it now stands", () => {
    const children: Routes = [
      { id: "a", path: "a" },
      { id: "splat", path: "*" },
    ];
    const routes: Routes = [{ id: "root", path: "", children }];
    expect(outcome(patched, routes, "/b")?.at(-1)?.id).toBe("splat");
    children.push({ id: "b", path: "b", children: [] });
    expect(outcome(patched, routes, "/b")).toEqual(outcome(upstream, routes, "/b"));
    expect(outcome(patched, routes, "/b")?.at(-1)?.id).toBe("b");
    children[2]?.children?.push({ id: "b.c", path: "c" });
    expect(outcome(patched, routes, "/b/c")).toEqual(outcome(upstream, routes, "/b/c"));
    expect(outcome(patched, routes, "/b/c")?.at(-1)?.id).toBe("b.c");
  });
});
