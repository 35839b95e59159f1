import type { MemberContext } from "~/auth/auth.server";

export interface PartnershipOverview {
  governments: Array<{ code: string; name: string }>;
  projectsByStatus: Array<{ status: string; count: number }>;
  milestonesAtRisk: number;
  milestonesOverdue: number;
}

/**
 * The partnership at a glance, as far as the member's role lets them see it (RLS); milestones overdue on
 * `today` ('YYYY-MM-DD').
 */
export function getOverview(
  { user, partnership }: MemberContext,
  today: string,
): Promise<PartnershipOverview> {
  return user.db(async (tx) => {
    const governments = await tx.query<{ code: string; name: string }>(
      "select code, name from public.members where partnership_id = $1 order by name",
      [partnership.id],
    );
    const projectsByStatus = await tx.query<{ status: string; count: number }>(
      `select status, count(*)::int as count from public.projects where partnership_id = $1
        group by status order by status`,
      [partnership.id],
    );
    const [milestones] = await tx.query<{ at_risk: number; overdue: number }>(
      `select count(*) filter (where status = 'at_risk')::int as at_risk,
              count(*) filter (where due_date < $2::date and status not in ('done', 'cancelled'))::int as overdue
         from public.milestones where partnership_id = $1`,
      [partnership.id, today],
    );
    return {
      governments,
      projectsByStatus,
      milestonesAtRisk: milestones?.at_risk ?? 0,
      milestonesOverdue: milestones?.overdue ?? 0,
    };
  });
}
