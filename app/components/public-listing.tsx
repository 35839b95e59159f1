/*
 * "On the public page": whether an approved project is listed on the partnership's public portfolio, and for its
 * registering government the one button that keeps it off or puts it back (ADR 135, audited).
 */
import { Form } from "@remix-run/react";
import type { PublicListing } from "~/domain/open-data";
import { useT } from "~/i18n/react";

export function PublicListingSection({
  listing,
  action,
}: {
  listing: PublicListing;
  action: string;
}) {
  const { t } = useT();
  const state = listing.keptOff
    ? t("publicListing.keptOff")
    : listing.partnershipPublished
      ? t("publicListing.listed")
      : t("publicListing.listedNotPublished");
  return (
    <section className="card stack" aria-labelledby="public-listing-title">
      <h2 id="public-listing-title">{t("publicListing.title")}</h2>
      <p data-testid="public-listing-state">{state}</p>
      {listing.canChange ? (
        <Form method="post" action={action}>
          <input type="hidden" name="keptOff" value={listing.keptOff ? "false" : "true"} />
          <button type="submit" className="button secondary">
            {listing.keptOff ? t("publicListing.putBack") : t("publicListing.keepOff")}
          </button>
        </Form>
      ) : (
        <p className="muted small-print">{t("publicListing.onlyGovernment")}</p>
      )}
    </section>
  );
}
