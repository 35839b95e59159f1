/*
 * The signed-in user of a request, from whichever identity adapter is configured, and the guards route code
 * calls first: `requireUser` (redirects to sign-in) and `requireMember` (404 unless an active member).
 */
import { redirect } from "@remix-run/node";
import { getConfig } from "~/config.server";
import { getDatabase } from "~/db/database.server";
import type { Queryable } from "~/db/engine.server";
import { refusalAsResponse } from "~/db/errors";
import { runAsUser, type Claims } from "~/db/rls.server";
import { msg } from "~/i18n/message";
import type { Role } from "~/domain/permissions";
import type { Profile } from "~/models/profile.server";
import { noteRequest } from "~/runtime/log.server";
import { afterTransaction, noteLoaderRequest, perRequest } from "~/utils/request-scope.server";
import type { AuthAdapter } from "./adapter.server";
import { isParam, notFound } from "~/forms/params.server";
import { resolveJwtSecret } from "./jwt.server";
import { createLocalAdapter } from "./local-adapter.server";
import { createMailer } from "./mailer.server";
import { createSupabaseAdapter } from "./supabase-adapter.server";

const store = globalThis as typeof globalThis & { __lodestoneAuth?: Promise<AuthAdapter> };

export function getAuth(): Promise<AuthAdapter> {
  store.__lodestoneAuth ??= (async () => {
    const config = getConfig();
    const jwtSecret = resolveJwtSecret(config);
    if (config.AUTH_MODE === "supabase") {
      return createSupabaseAdapter({
        url: config.SUPABASE_URL ?? "",
        anonKey: config.SUPABASE_ANON_KEY ?? "",
        serviceRoleKey: config.SUPABASE_SERVICE_ROLE_KEY,
        jwtSecret,
        db: await getDatabase(),
      });
    }
    const db = await getDatabase();
    const mailer = createMailer(config, db);
    if (!mailer) throw new Error("Local sign-in needs a mailer: set SMTP_URL and MAIL_FROM.");
    return createLocalAdapter(db, jwtSecret, mailer);
  })();
  return store.__lodestoneAuth;
}

/** The user as every loader and action sees them: verified claims and a database bound to those claims. */
export interface SignedInUser {
  id: string;
  email: string;
  claims: Claims;
  /** Runs `work` in one transaction as this user: row-level security decides what it reads and writes. */
  db<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** The user of verified `claims`, whose database work runs under row-level security as them. */
export function signedIn(
  claims: Claims,
  database: Awaited<ReturnType<typeof getDatabase>>,
): SignedInUser {
  return {
    id: claims.sub,
    email: claims.email,
    claims,
    // A lapsed partnership's refused write (402) and a value no column holds (400) answer as such, wherever
    // they happen (app/db/errors.ts).
    db: (work) =>
      runAsUser(database, claims, work)
        .catch((error: unknown) => {
          throw refusalAsResponse(error);
        })
        .finally(afterTransaction),
  };
}

/**
 * The request's user, or null. When the access token had expired and was refreshed, a GET is redirected to
 * itself so the browser stores the new cookie; other methods go on with the refreshed claims (the refresh
 * token stays valid, so the next GET stores it).
 */
export async function getOptionalUser(request: Request): Promise<SignedInUser | null> {
  noteLoaderRequest(request);
  // The root, layout and page loaders of one request share one check of the session (ADR 073).
  const { claims, headers } = await perRequest("claims", async () =>
    (await getAuth()).getClaims(request),
  );
  if (headers.has("Set-Cookie") && (request.method === "GET" || request.method === "HEAD")) {
    throw redirect(new URL(request.url).pathname + new URL(request.url).search, { headers });
  }
  if (!claims) return null;
  noteRequest({ userId: claims.sub });
  return signedIn(claims, await getDatabase());
}

/**
 * Whether the request's session still belongs to this user: what a long-lived response (the live stream)
 * asks again while it runs, so a sign-out elsewhere ends it too (ADR 061).
 */
export async function sessionStillLive(request: Request, userId: string): Promise<boolean> {
  const { claims } = await (await getAuth()).getClaims(request);
  return claims?.sub === userId;
}

export async function requireUser(request: Request): Promise<SignedInUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    const params = new URLSearchParams({ redirectTo: url.pathname + url.search });
    throw redirect(`/sign-in?${params}`);
  }
  return user;
}

export interface Membership {
  membershipId: string;
  role: Role;
  memberId: string | null;
  memberCode: string | null;
  memberName: string | null;
  sponsorOrganisationId: string | null;
  sponsorOrganisationName: string | null;
}

export interface PartnershipSummary {
  id: string;
  slug: string;
  name: string;
  reportingCurrency: string;
  subscriptionStatus: string;
  /** Writes are allowed (ADR 041): the subscription is active, in its trial, or within its grace period. */
  writable: boolean;
  /** The partnership publishes its approved projects on the public pages (ADR 133). */
  published: boolean;
}

export interface MemberContext {
  user: SignedInUser;
  partnership: PartnershipSummary;
  membership: Membership;
  /** The member's unread notifications in this partnership, as the request found them. */
  unread: number;
}

/**
 * The guard of every partnership route. Not signed in: redirect to sign-in. Not an active member of the
 * partnership (or it does not exist): 404, so nobody learns which partnerships exist. A member whose role is
 * not among `roles`: 403. Membership is read on every request, so a revocation takes effect on the next one.
 */
export async function requireMember(
  request: Request,
  slug: string | undefined,
  roles?: readonly Role[],
): Promise<MemberContext> {
  return loadMemberContext(await requireUser(request), slug ?? "", roles);
}

type MembershipRow = PartnershipSummary & Membership & { unread: number };

/** What every page asks of the signed-in user: their profile, and their active memberships. */
interface UserContext {
  profile: Profile | null;
  memberships: MembershipRow[];
}

// i18n-exempt: SQL, never read by a person.
const USER_CONTEXT = `
  select (select json_build_object('email', p.email, 'displayName', p.display_name,
                                   'organisation', p.organisation, 'language', p.language)
            from public.profiles p where p.id = $1) as profile,
         coalesce((select json_agg(json_build_object(
                     'id', m.partnership_id, 'slug', m.slug, 'name', m.name,
                     'reportingCurrency', m.reporting_currency, 'subscriptionStatus', m.subscription_status,
                     'writable', m.writable, 'published', m.is_published, 'membershipId', m.membership_id,
                     'role', m.role, 'memberId', m.member_id, 'memberCode', m.member_code,
                     'memberName', m.member_name, 'sponsorOrganisationId', m.sponsor_organisation_id,
                     'sponsorOrganisationName', m.sponsor_organisation_name,
                     'unread', (select count(*) from public.notifications n
                                 where n.recipient_id = (select auth.uid())
                                   and n.partnership_id = m.partnership_id and n.read_at is null))
                     order by m.name, m.slug)
                     from private.my_memberships() m), '[]') as memberships`;

/**
 * The user's profile and every active membership with its partnership and unread notifications, in one
 * statement per request, whichever loader asks first: the root (name, language, switcher), the partnership's
 * layout (inbox count) and the page's guard share it (ADRs 073 and 164). Still read as the user: the
 * notifications are counted under their policy.
 */
export function myContext(user: SignedInUser): Promise<UserContext> {
  return perRequest(`context:${user.id}`, () =>
    user.db(async (tx) => {
      const [row] = await tx.query<UserContext>(USER_CONTEXT, [user.id]);
      return { profile: row?.profile ?? null, memberships: row?.memberships ?? [] };
    }),
  );
}

async function myMemberships(user: SignedInUser): Promise<MembershipRow[]> {
  return (await myContext(user)).memberships;
}

/**
 * The signed-in user's active membership of the partnership `slug`, as requireMember gives it to routes:
 * 404 when there is none, 403 when its role is not among `roles`.
 */
export async function loadMemberContext(
  user: SignedInUser,
  slug: string,
  roles?: readonly Role[],
): Promise<MemberContext> {
  // A malformed slug names no partnership: the same 404, before any query (app/forms/params.server.ts).
  if (!isParam(slug, "slug")) throw notFound();
  const row = (await myMemberships(user)).find((membership) => membership.slug === slug);
  if (!row) throw new Response(msg("errors.notFoundTitle"), { status: 404 });
  noteRequest({ partnership: row.slug });
  if (roles && !roles.includes(row.role)) {
    throw new Response(msg("errors.pageNotForRole", { partnership: row.name }), {
      status: 403,
      statusText: "Forbidden",
    });
  }
  return {
    user,
    partnership: {
      id: row.id,
      slug: row.slug,
      name: row.name,
      reportingCurrency: row.reportingCurrency,
      subscriptionStatus: row.subscriptionStatus,
      writable: row.writable,
      published: row.published,
    },
    membership: {
      membershipId: row.membershipId,
      role: row.role,
      memberId: row.memberId,
      memberCode: row.memberCode,
      memberName: row.memberName,
      sponsorOrganisationId: row.sponsorOrganisationId,
      sponsorOrganisationName: row.sponsorOrganisationName,
    },
    unread: row.unread,
  };
}

export interface MembershipChoice {
  slug: string;
  name: string;
  role: Role;
}

/** The partnerships the user is an active member of, for the switcher. */
export async function listMyPartnerships(user: SignedInUser): Promise<MembershipChoice[]> {
  return (await myMemberships(user)).map(({ slug, name, role }) => ({ slug, name, role }));
}
