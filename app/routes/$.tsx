import { RouteErrorMessage } from "~/root";

/** Any address no other route claims: a real 404 with the site's layout. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}

export const ErrorBoundary = RouteErrorMessage;
