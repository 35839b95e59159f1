import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMember } from "~/auth/auth.server";
import { requireParam } from "~/forms/params.server";
import {
  getPortfolio,
  portfolioTable,
  PORTFOLIO_VIEWS,
  type PortfolioView,
} from "~/models/portfolio.server";
import * as clock from "~/utils/clock.server";
import { csvResponse, toCsv } from "~/utils/csv";

/** Every table of the portfolio as CSV, computed under the caller's row-level security like the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireMember(request, params.slug);
  const view: PortfolioView = requireParam(params, "view", PORTFOLIO_VIEWS);
  const table = portfolioTable(await getPortfolio(context, clock.today()), view);
  return csvResponse(
    toCsv(table.header, table.rows),
    `${context.partnership.slug}-portfolio-${view}.csv`,
  );
}
