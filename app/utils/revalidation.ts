/*
 * When a layout's loader runs again (ADR 073). Remix reloads every loader on the page after any action and on
 * every change of the URL's search: the root (who is signed in, their partnerships), the partnership's layout
 * and the project's layout would be read again for a moved card, a filter, or a live refresh of the board,
 * although nothing they show changed. Each layout says which submissions can change what it shows; anything
 * else keeps its data. A change of the partnership or project in the URL always reloads.
 */
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";

type Args = Pick<
  ShouldRevalidateFunctionArgs,
  "formAction" | "currentParams" | "nextParams" | "defaultShouldRevalidate"
>;

const pathOf = (action: string) => new URL(action, "http://lodestone.invalid").pathname;

/** Submissions that can change who is signed in, or which partnerships and roles they have. */
const ACCOUNT_ACTIONS = [
  /^\/sign-in$/,
  /^\/sign-out$/,
  /^\/reset-password$/,
  /^\/invitations\//,
  /^\/p\/?$/,
  /^\/p\/[^/]+\/(people|billing)(\/|$)/,
];

/** The root: the user and their partnerships, reloaded only after a submission that can change them. */
export function rootShouldRevalidate({ formAction, defaultShouldRevalidate }: Args): boolean {
  if (!formAction) return false;
  return (
    defaultShouldRevalidate && ACCOUNT_ACTIONS.some((pattern) => pattern.test(pathOf(formAction)))
  );
}

/** The partnership's layout: its name, the member's role and whether it takes writes. */
export function partnershipShouldRevalidate(args: Args): boolean {
  if (args.currentParams.slug !== args.nextParams.slug) return args.defaultShouldRevalidate;
  return rootShouldRevalidate(args);
}

/**
 * The project's layout: its facts and capital stack. Reloaded by its own actions (submit, withdraw, cancel),
 * by its pledges, and by the live stream's refreshes (a change to the project by someone else).
 */
export function projectShouldRevalidate(args: Args): boolean {
  const { formAction, currentParams, nextParams, defaultShouldRevalidate } = args;
  if (currentParams.projectId !== nextParams.projectId) return defaultShouldRevalidate;
  if (!formAction) return defaultShouldRevalidate;
  const base = `/p/${nextParams.slug}/projects/${nextParams.projectId}`;
  const path = pathOf(formAction);
  const ownAction =
    path === base && !new URL(formAction, "http://lodestone.invalid").searchParams.has("index");
  return defaultShouldRevalidate && (ownAction || path.startsWith(`${base}/pledges`));
}
