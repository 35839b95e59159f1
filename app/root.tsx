import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useParams,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { getOptionalUser, listMyPartnerships } from "~/auth/auth.server";
import stylesheet from "~/styles/app.css";
import { useNonce } from "~/utils/nonce";
import { rootShouldRevalidate } from "~/utils/revalidation";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Lodestone" },
  {
    name: "description",
    content: "The shared workspace where partner governments co-fund critical-minerals projects.",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return json({
    user: user ? { email: user.email } : null,
    partnerships: user ? await listMyPartnerships(user) : [],
  });
}

/** Reloaded only when what it shows can have changed (ADR 073). */
export const shouldRevalidate = rootShouldRevalidate;

function SiteHeader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { slug } = useParams();
  const current = data?.partnerships.find((p) => p.slug === slug);
  return (
    <header className="site-header">
      <Link to={data?.user ? "/p" : "/"} className="brand">
        <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
          <use href="/favicon.svg#mark" />
        </svg>
        <span>Lodestone</span>
      </Link>
      {data?.user ? (
        <>
          {data.partnerships.length > 0 ? (
            <nav aria-label="Partnerships" className="switcher">
              <details>
                <summary>
                  <span className="visually-hidden">Partnership: </span>
                  {current?.name ?? "Choose a partnership"}
                </summary>
                <ul>
                  {data.partnerships.map((p) => (
                    <li key={p.slug}>
                      <NavLink
                        to={`/p/${p.slug}`}
                        aria-current={p.slug === slug ? "page" : undefined}
                      >
                        {p.name} <span className="role">{p.role}</span>
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </details>
            </nav>
          ) : null}
          <span className="spacer" />
          <span className="who">{data.user.email}</span>
          <Form method="post" action="/sign-out">
            <button type="submit" className="button secondary small">
              Sign out
            </button>
          </Form>
        </>
      ) : (
        <>
          <span className="spacer" />
          <Link to="/sign-in" className="button secondary small">
            Sign in
          </Link>
        </>
      )}
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/*
         * Before any module loads: zod must not compile validators with eval, which the Content-Security-Policy
         * refuses (ADR 063). Zod reads this global when it loads.
         */}
        <script
          nonce={nonce}
          suppressHydrationWarning
          dangerouslySetInnerHTML={{ __html: "globalThis.__zod_globalConfig={jitless:true};" }}
        />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="page">
          {children}
        </main>
        <footer className="site-footer">
          <p>Lodestone — co-funding critical-minerals supply chains, together.</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteErrorMessage />;
}

/** The message every route's error boundary shows: expected failures by status, the rest as a 500. */
export function RouteErrorMessage() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const notFound = error.status === 404;
    return (
      <section className="error-panel" aria-labelledby="error-title">
        <h1 id="error-title">
          {notFound
            ? "Page not found"
            : error.status === 403
              ? "Not available to your role"
              : error.status === 402
                ? "This partnership is read-only"
                : `${error.status} ${error.statusText}`}
        </h1>
        <p>
          {notFound
            ? "There is nothing at this address, or you do not have access to it."
            : typeof error.data === "string"
              ? error.data
              : "The request could not be completed."}
        </p>
        <p>
          <Link to="/">Back to the start page</Link>
        </p>
      </section>
    );
  }
  console.error(error);
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong</h1>
      <p>
        An unexpected error stopped this page. Nothing you saved was lost; try again in a moment.
      </p>
      <p>
        <Link to="/">Back to the start page</Link>
      </p>
    </section>
  );
}
