/*
 * "On the public page": whether an approved project is listed on the partnership's public portfolio, and for its
 * registering government the one button that keeps it off or puts it back (ADR 135, audited).
 */
import { Form } from "@remix-run/react";
import type { PublicListing } from "~/domain/open-data";

const TEXT = {
  title: "On the public page",
  listed:
    "Listed on the public portfolio, with its committed unconditional funding and milestones.",
  listedNotPublished:
    "Would be listed on the public portfolio; the partnership does not publish it at present.",
  keptOff: "Kept off the public portfolio by its registering government.",
  keepOff: "Keep off the public page",
  putBack: "List on the public page",
  onlyGovernment: "Only the government that registered this project may change this.",
};

export function PublicListingSection({
  listing,
  action,
}: {
  listing: PublicListing;
  action: string;
}) {
  const state = listing.keptOff
    ? TEXT.keptOff
    : listing.partnershipPublished
      ? TEXT.listed
      : TEXT.listedNotPublished;
  return (
    <section className="card stack" aria-labelledby="public-listing-title">
      <h2 id="public-listing-title">{TEXT.title}</h2>
      <p data-testid="public-listing-state">{state}</p>
      {listing.canChange ? (
        <Form method="post" action={action}>
          <input type="hidden" name="keptOff" value={listing.keptOff ? "false" : "true"} />
          <button type="submit" className="button secondary">
            {listing.keptOff ? TEXT.putBack : TEXT.keepOff}
          </button>
        </Form>
      ) : (
        <p className="muted small-print">{TEXT.onlyGovernment}</p>
      )}
    </section>
  );
}
