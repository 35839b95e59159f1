// The patches to react-router-dom and @remix-run/react (patches/, ADR 176): the server's route trees are made
// once per build, not once per request, so @remix-run/router's ranked branches (kept per tree, ADR 154) are
// reused. The server loads the CommonJS builds; so does this test.
import { createRequire } from "node:module";
import type * as Router from "@remix-run/router";

const require = createRequire(import.meta.url);
const router = require("@remix-run/router") as typeof Router;
const { createStaticRouter } = require("react-router-dom/server.js") as {
  createStaticRouter: (
    routes: Router.AgnosticRouteObject[],
    context: Record<string, unknown>,
  ) => {
    routes: Router.AgnosticDataRouteObject[];
    state: { matches: Router.AgnosticDataRouteMatch[] };
  };
};
const remixServer = require("@remix-run/react/dist/server.js") as { RemixServer: () => unknown };

function routeTree(): Router.AgnosticRouteObject[] {
  return [
    {
      id: "root",
      path: "",
      children: [
        { id: "routes/_index", index: true },
        {
          id: "routes/p.$slug",
          path: "p/:slug",
          children: [{ id: "routes/p.$slug.board", path: "board" }],
        },
      ],
    },
  ];
}

/** What a request's static handler context holds, matched on `routes` as Remix's static handler does. */
function contextFor(routes: Router.AgnosticRouteObject[], pathname: string) {
  const matches = router.matchRoutes(routes, pathname) ?? [];
  return {
    basename: "/",
    location: { pathname, search: "", hash: "", state: null, key: "default" },
    matches,
    loaderData: {},
    actionData: null,
    errors: null,
    statusCode: 200,
    loaderHeaders: {},
    actionHeaders: {},
    activeDeferreds: null,
  };
}

/** A route tree's shape: ids, paths and children, the parts matching reads. */
function shape(routes: Router.AgnosticRouteObject[]): unknown {
  return routes.map((route) => ({
    id: route.id,
    path: route.path,
    index: route.index,
    children: route.children ? shape(route.children) : undefined,
  }));
}

describe("the static router's data routes", () => {
  it("are made once per route tree and shared by its requests", () => {
    const routes = routeTree();
    const first = createStaticRouter(routes, contextFor(routes, "/p/one/board"));
    const second = createStaticRouter(routes, contextFor(routes, "/p/two/board"));
    expect(second.routes).toBe(first.routes);
    expect(shape(first.routes)).toEqual(
      shape(
        router.UNSAFE_convertRoutesToDataRoutes(routeTree(), () => ({ hasErrorBoundary: false })),
      ),
    );
  });

  it("keep each request's own matches and params, on the shared data routes", () => {
    const routes = routeTree();
    const one = createStaticRouter(routes, contextFor(routes, "/p/one/board"));
    const two = createStaticRouter(routes, contextFor(routes, "/p/two/board"));
    expect(one.state.matches.map((match) => match.params.slug)).toEqual(["one", "one", "one"]);
    expect(two.state.matches.map((match) => match.params.slug)).toEqual(["two", "two", "two"]);
    // The matches point at the data routes (with their error boundary flags), not at the tree given.
    const dataRoute = two.routes[0]?.children?.[1]?.children?.[0];
    expect(dataRoute?.id).toBe("routes/p.$slug.board");
    expect(two.state.matches[2]?.route).toBe(dataRoute);
  });

  it("are made again for another tree (another build)", () => {
    const routes = routeTree();
    const other = routeTree();
    const a = createStaticRouter(routes, contextFor(routes, "/"));
    const b = createStaticRouter(other, contextFor(other, "/"));
    expect(b.routes).not.toBe(a.routes);
    expect(shape(b.routes)).toEqual(shape(a.routes));
  });
});

describe("Remix's server routes", () => {
  it("are kept per build manifest in the module Node loads", () => {
    // The patched RemixServer asks serverRoutesOf, which keeps the routes per manifest and checks every route
    // module against those they were made from; without the patch it calls createServerRoutes per request.
    const source = String(remixServer.RemixServer);
    expect(source).toContain("serverRoutesOf(manifest.routes");
    expect(source).not.toContain("routes.createServerRoutes(manifest.routes");
  });
});
