import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { getOptionalUser } from "~/auth/auth.server";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = () => [{ title: "Lodestone — co-funding critical minerals" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getOptionalUser(request)) throw redirect("/p");
  return null;
}

export default function Index() {
  return (
    <div className="landing">
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">Co-fund critical-minerals projects, together.</h1>
        <p className="lead">
          Lodestone is the shared workspace of the partner governments of the Critical Minerals
          Ministerial. Register mining, refining and magnet projects, pledge co-funding, and follow
          every milestone on one board — each government seeing exactly what it is entitled to see.
        </p>
        <p>
          <Link to="/sign-in" className="button">
            Sign in
          </Link>
        </p>
      </section>
      <section className="feature-grid" aria-label="What Lodestone does">
        <article className="card">
          <h2>One shared board</h2>
          <p>Milestones of every approved project, live for every partner as they change.</p>
        </article>
        <article className="card">
          <h2>Pledges that add up</h2>
          <p>
            Drafts stay private to your government; committed pledges and co-funding rules are
            totalled in the partnership&apos;s reporting currency, with dated FX rates.
          </p>
        </article>
        <article className="card">
          <h2>Security in the database</h2>
          <p>
            Row-level security in Postgres decides what each delegate, sponsor and secretariat sees.
          </p>
        </article>
      </section>
    </div>
  );
}

export const ErrorBoundary = RouteErrorMessage;
