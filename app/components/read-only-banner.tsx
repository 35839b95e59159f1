import { Link } from "@remix-run/react";
import { READ_ONLY_MESSAGE } from "~/billing/rules";

/** Shown on every page of a partnership that has lapsed: what still works, and who can fix it. */
export function ReadOnlyBanner({ slug, isSecretariat }: { slug: string; isSecretariat: boolean }) {
  return (
    <div role="status" className="alert warning read-only-banner">
      <strong>Read-only.</strong> {READ_ONLY_MESSAGE} Reading and exports still work.{" "}
      {isSecretariat ? (
        <Link to={`/p/${slug}/billing`}>Renew the subscription</Link>
      ) : (
        "Ask your secretariat to renew it."
      )}
    </div>
  );
}
