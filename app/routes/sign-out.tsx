import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getAuth } from "~/auth/auth.server";
import { readForm } from "~/forms/parse.server";
import { RouteErrorMessage } from "~/root";

/** Signs out (every session of the person, ADR 061) on the menu's form; any other body changes nothing. */
export async function action({ request }: ActionFunctionArgs) {
  const read = await readForm(request);
  if (!read.ok) return read.response;
  const headers = await (await getAuth()).signOut(request);
  throw redirect("/sign-in", { headers });
}

export function loader() {
  throw redirect("/");
}

export const ErrorBoundary = RouteErrorMessage;
