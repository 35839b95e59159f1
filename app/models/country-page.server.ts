/*
 * A participant government's page (`/p/:slug/countries/:code`, issue 13): its projects (hosted in it and
 * registered by it), its pledges and what they have paid, its technology offers and requests, its national
 * actions. Every section is read as the viewer under RLS, so each shows only what the viewer may see; on the
 * viewer's own government's page that includes its drafts and the items it shares with nobody.
 */
import type { MemberContext } from "~/auth/auth.server";
import type { PledgeStatusValue } from "~/domain/pledges";
import type { ProjectStatus, Segment, Stage } from "~/domain/projects/vocabulary";
import { sumMinor } from "~/utils/money";
import { queryNationalActions, type NationalActionRow } from "./national-actions.server";
import { queryTechnology, type TechnologyListRow } from "./technology.server";

export interface CountryProject {
  id: string;
  name: string;
  segment: Segment;
  stage: Stage;
  status: ProjectStatus;
  minerals: string[];
  hostCountry: string;
  /** The registering government's code, to name it in the reader's language. */
  registeringMemberCode: string;
}

export interface CountryPledge {
  id: string;
  projectId: string;
  projectName: string;
  amountMinor: string;
  currency: string;
  instrument: string;
  status: PledgeStatusValue;
  committedOn: string | null;
  /** The sum of its paid tranches, in its currency's minor units. */
  paidMinor: string;
}

export interface CountryPage {
  government: { id: string; code: string; name: string };
  /** The viewer is a delegate of this government: the page includes its drafts and unshared items. */
  isOwn: boolean;
  hostedProjects: CountryProject[];
  registeredProjects: CountryProject[];
  /** Committed, disbursing and fulfilled pledges; on the government's own page its drafts too. */
  pledges: CountryPledge[];
  /** Per currency, what the live commitments (drafts excepted) add up to and what they have paid. */
  pledgeTotals: Array<{ currency: string; committedMinor: string; paidMinor: string }>;
  offers: TechnologyListRow[];
  requests: TechnologyListRow[];
  nationalActions: NationalActionRow[];
}

const LIVE: readonly PledgeStatusValue[] = ["committed", "disbursing", "fulfilled"];

/**
 * The page of the government with ISO code `code` in the member's partnership, or null when there is none
 * (→ 404).
 */
export async function getCountryPage(
  context: MemberContext,
  code: string,
): Promise<CountryPage | null> {
  const { user, partnership, membership } = context;
  if (!/^[A-Z]{2}$/.test(code)) return null;
  const loaded = await user.db(async (tx) => {
    const [government] = await tx.query<CountryPage["government"]>(
      "select id, code, name from public.members where partnership_id = $1 and code = $2",
      [partnership.id, code],
    );
    if (!government) return null;
    const projects = await tx.query<CountryProject & { registeringMemberId: string }>(
      `select p.id, p.name, p.segment, p.stage, p.status, p.minerals, p.host_country::text as "hostCountry",
              p.registering_member_id as "registeringMemberId", m.code::text as "registeringMemberCode"
         from public.projects p join public.members m on m.id = p.registering_member_id
        where p.partnership_id = $1 and (p.host_country = $2 or p.registering_member_id = $3)
        order by p.name`,
      [partnership.id, government.code, government.id],
    );
    const pledges = await tx.query<CountryPledge>(
      `select pl.id, pl.project_id as "projectId", pr.name as "projectName", pl.amount_minor::text as "amountMinor",
              pl.currency::text as currency, pl.instrument, pl.status,
              to_char(pl.committed_at at time zone 'UTC', 'YYYY-MM-DD') as "committedOn",
              coalesce((select sum(t.amount_minor) from public.tranches t
                         where t.pledge_id = pl.id and t.status = 'paid'), 0)::text as "paidMinor"
         from public.pledges pl join public.projects pr on pr.id = pl.project_id
        where pl.partnership_id = $1 and pl.member_id = $2
          and pl.status in ('draft', 'committed', 'disbursing', 'fulfilled')
        order by pl.committed_at desc nulls first, pr.name`,
      [partnership.id, government.id],
    );
    const owner = { ownerMemberId: government.id };
    return {
      government,
      projects,
      pledges,
      offers: await queryTechnology(tx, context, "offer", owner),
      requests: await queryTechnology(tx, context, "request", owner),
      nationalActions: await queryNationalActions(tx, context, owner),
    };
  });
  if (!loaded) return null;
  const { government, projects, pledges, ...items } = loaded;
  const isOwn = membership.role === "delegate" && membership.memberId === government.id;
  // Drafts reach only their own government (RLS); the page shows them there alone, whatever the role.
  const shown = pledges.filter(
    (pledge) => LIVE.includes(pledge.status) || (isOwn && pledge.status === "draft"),
  );
  const project = ({
    registeringMemberId: _id,
    ...rest
  }: CountryProject & { registeringMemberId: string }) => rest;
  return {
    government,
    isOwn,
    hostedProjects: projects.filter((p) => p.hostCountry === government.code).map(project),
    registeredProjects: projects
      .filter((p) => p.registeringMemberId === government.id)
      .map(project),
    pledges: shown,
    pledgeTotals: totalsByCurrency(shown.filter((pledge) => LIVE.includes(pledge.status))),
    ...items,
  };
}

function totalsByCurrency(pledges: readonly CountryPledge[]): CountryPage["pledgeTotals"] {
  const currencies = [...new Set(pledges.map((pledge) => pledge.currency))].sort();
  return currencies.map((currency) => {
    const inCurrency = pledges.filter((pledge) => pledge.currency === currency);
    return {
      currency,
      committedMinor: sumMinor(inCurrency.map((pledge) => pledge.amountMinor)).toString(),
      paidMinor: sumMinor(inCurrency.map((pledge) => pledge.paidMinor)).toString(),
    };
  });
}
