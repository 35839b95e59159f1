import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import {
  Form,
  Link,
  useLocation,
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
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { getOptionalUser, listMyPartnerships } from "~/auth/auth.server";
import { LANGUAGE_NAMES, LANGUAGES } from "~/i18n/config";
import { languageOf } from "~/i18n/i18n.server";
import { metaT } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { CATALOGUES } from "~/locales/load";
import { getProfile } from "~/models/profile.server";
import { GlobalProgress } from "~/components/progress";
import stylesheet from "~/styles/app.css";
import collaborationStyles from "~/styles/collaboration.css";
import everydayStyles from "~/styles/everyday.css";
import { useHydrated } from "~/utils/hydrated";
import { useNonce } from "~/utils/nonce";
import { rootShouldRevalidate } from "~/utils/revalidation";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "stylesheet", href: collaborationStyles },
  { rel: "stylesheet", href: everydayStyles },
  { rel: "icon", href: "/favicon.ico", sizes: "48x48" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)("common.appName") },
  { name: "description", content: metaT(matches)("common.description") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const profile = user ? await getProfile(user) : null;
  return json({
    language: await languageOf(request, profile?.language),
    user: user ? { email: user.email, name: profile?.displayName ?? user.email } : null,
    partnerships: user ? await listMyPartnerships(user) : [],
  });
}

/** Reloaded only when what it shows can have changed (ADR 073). */
export const shouldRevalidate = rootShouldRevalidate;
/**
 * The language switcher: each language named in itself. It posts to /language (the profile and a cookie
 * remember the choice) and reloads the page, which then loads the new catalogue.
 */
function LanguageSwitcher() {
  const { t, language } = useT();
  const location = useLocation();
  return (
    <Form
      method="post"
      action="/language"
      reloadDocument
      className="language-switcher"
      aria-label={t("common.languageSwitch")}
    >
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {LANGUAGES.map((option) => (
        <button
          key={option}
          type="submit"
          name="language"
          value={option}
          lang={option}
          className="link-button"
          aria-current={option === language ? "true" : undefined}
        >
          {LANGUAGE_NAMES[option]}
        </button>
      ))}
    </Form>
  );
}

/** Escape closes the partnership switcher and gives focus back to its button; so does choosing one. */
function useSwitcher() {
  const switcher = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    if (switcher.current) switcher.current.open = false;
  }, [pathname]);
  const onKeyDown = (event: KeyboardEvent<HTMLDetailsElement>) => {
    const details = switcher.current;
    if (event.key !== "Escape" || !details?.open) return;
    details.open = false;
    details.querySelector("summary")?.focus();
  };
  return { switcher, onKeyDown };
}

function SiteHeader() {
  const { t } = useT();
  const data = useRouteLoaderData<typeof loader>("root");
  const { slug } = useParams();
  const current = data?.partnerships.find((p) => p.slug === slug);
  const { switcher, onKeyDown } = useSwitcher();
  return (
    <header className="site-header">
      <Link to={data?.user ? "/p" : "/"} className="brand">
        <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32">
          <use href="/favicon.svg#mark" />
        </svg>
        <span>{t("common.appName")}</span>
      </Link>
      {data?.user ? (
        <>
          {data.partnerships.length > 0 ? (
            <nav aria-label={t("nav.partnerships")} className="switcher">
              <details ref={switcher} onKeyDown={onKeyDown}>
                <summary>
                  <span className="visually-hidden">{t("nav.partnershipLabel")} </span>
                  {current?.name ?? t("nav.choosePartnership")}
                </summary>
                <ul>
                  {data.partnerships.map((p) => (
                    <li key={p.slug}>
                      <NavLink
                        to={`/p/${p.slug}`}
                        aria-current={p.slug === slug ? "page" : undefined}
                      >
                        {p.name} <span className="role">{t(`vocabulary.role.${p.role}`)}</span>
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </details>
            </nav>
          ) : null}
          <span className="spacer" />
          <LanguageSwitcher />
          <Link to="/profile" className="who" title={data.user.email}>
            {data.user.name}
          </Link>
          <Form method="post" action="/sign-out">
            <button type="submit" className="button secondary small">
              {t("common.signOut")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <span className="spacer" />
          <LanguageSwitcher />
          <Link to="/sign-in" className="button secondary small">
            {t("common.signIn")}
          </Link>
        </>
      )}
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const { t, language } = useT();
  // Marks the page as interactive: end-to-end tests wait for it before they click (tests/e2e/support/hydration.ts).
  const hydrated = useHydrated();
  return (
    <html lang={language} data-hydrated={hydrated ? "" : undefined}>
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
          {t("common.skipToContent")}
        </a>
        <GlobalProgress />
        <SiteHeader />
        <main id="main" className="page">
          {children}
        </main>
        <footer className="site-footer">
          <p>{t("common.tagline")}</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

/**
 * When the language changes without a page load (the profile form), load the new catalogue and switch: the
 * page then renders in it at once, and so does <html lang>.
 */
function useLanguageOfTheLoader() {
  const data = useRouteLoaderData<typeof loader>("root");
  const { i18n } = useTranslation();
  const wanted = data?.language;
  useEffect(() => {
    if (!wanted || wanted === i18n.language) return;
    void CATALOGUES[wanted]().then((catalogue) => {
      i18n.addResourceBundle(wanted, "translation", catalogue, true, true);
      return i18n.changeLanguage(wanted);
    });
  }, [wanted, i18n]);
}

export default function App() {
  useLanguageOfTheLoader();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <RouteErrorMessage />;
}

/** The message every route's error boundary shows: expected failures by status, the rest as a 500. */
export function RouteErrorMessage() {
  const { t, tm } = useT();
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title =
      error.status === 404
        ? t("errors.notFoundTitle")
        : error.status === 403
          ? t("errors.forbiddenTitle")
          : error.status === 402
            ? t("errors.readOnlyTitle")
            : t("errors.statusTitle", { status: error.status });
    const detail =
      error.status === 404
        ? t("errors.notFound")
        : typeof error.data === "string" && error.data
          ? tm(error.data)
          : t("errors.couldNotComplete");
    return (
      <section className="error-panel" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        <p>{detail}</p>
        <p>
          <Link to="/">{t("errors.backToStart")}</Link>
        </p>
      </section>
    );
  }
  console.error(error);
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <h1 id="error-title">{t("errors.unexpectedTitle")}</h1>
      <p>{t("errors.unexpected")}</p>
      <p>
        <Link to="/">{t("errors.backToStart")}</Link>
      </p>
    </section>
  );
}
