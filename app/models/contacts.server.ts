/*
 * Whom to ask (ADR 111): the people of the partnership's secretariat, by their names (profiles.display_name),
 * never their e-mail addresses. Read as the member, under RLS (members read their partnership's memberships).
 */
import type { MemberContext } from "~/auth/auth.server";

export function listSecretariatNames({ user, partnership }: MemberContext): Promise<string[]> {
  return user
    .db((tx) =>
      tx.query<{ name: string }>(
        `select pr.display_name as name
           from public.memberships m join public.profiles pr on pr.id = m.user_id
          where m.partnership_id = $1 and m.role = 'secretariat' and m.status = 'active'
            and nullif(btrim(pr.display_name), '') is not null
          order by pr.display_name`,
        [partnership.id],
      ),
    )
    .then((rows) => rows.map((row) => row.name));
}
