import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAuth } from "~/auth/auth.server";
import { RouteErrorMessage } from "~/root";

export async function action({ request }: ActionFunctionArgs) {
  const headers = await (await getAuth()).signOut(request);
  throw redirect("/sign-in", { headers });
}

export function loader() {
  throw redirect("/");
}

export const ErrorBoundary = RouteErrorMessage;
