import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getOptionalUser } from "~/auth/auth.server";
import { metaT } from "~/i18n/meta";
import { useT } from "~/i18n/react";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: metaT(matches)("auth.landing.title") },
];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/p");
  return null;
}

export default function Index() {
  const { t } = useT();
  return (
    <div className="landing">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("auth.landing.heading")}</h1>
        <p className="lead">{t("auth.landing.lead")}</p>
        <p>
          <Link to="/sign-in" className="button">
            {t("common.signIn")}
          </Link>
        </p>
      </section>
      <section className="feature-grid" aria-label={t("auth.landing.features")}>
        <article className="card">
          <h2>{t("auth.landing.boardTitle")}</h2>
          <p>{t("auth.landing.board")}</p>
        </article>
        <article className="card">
          <h2>{t("auth.landing.pledgesTitle")}</h2>
          <p>{t("auth.landing.pledges")}</p>
        </article>
        <article className="card">
          <h2>{t("auth.landing.securityTitle")}</h2>
          <p>{t("auth.landing.security")}</p>
        </article>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
