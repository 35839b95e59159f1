import type { MetaFunction } from "@remix-run/node";
import { msg } from "~/i18n/message";
import { pageTitle } from "~/i18n/meta";
import { RouteErrorMessage } from "~/root";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "errors.notFoundTitle") },
];

/** Any address no other route claims: a real 404 with the site's layout. */
export function loader() {
  throw new Response(msg("errors.notFoundTitle"), { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorMessage;
