/* The Japanese catalogue: the same keys as the English one (ADR 090 has the glossary). */
import { common, errors, nav, overview, validation } from "./common";
import { auth, mail } from "./auth";
import { billing, payments } from "./billing";
import { input } from "./input";
import { board, filters, live, milestones } from "./board";
import { people } from "./people";
import { funding, pledges } from "./pledges";
import { history, project } from "./project";
import { money, projects, review } from "./projects";
import { sharing as sharingLabels } from "./sharing";
import { supply } from "./supply";
import { charts, resilience } from "./resilience";
import { fxRates } from "./fx-rates";
import { database, refusals } from "./refusals";
import { count, pagination, timeline } from "./timeline";
import { publication, publicListing, publicPortfolio, report, worldMap } from "./transparency";
import { vocabulary } from "./vocabulary";
import { collaboration } from "./collaboration";
import { actions, country, meetings, sharing, sharingRefusals, technology } from "./technology";
import { everyday } from "./everyday";
import { portfolio } from "./portfolio";

export const ja = {
  common,
  nav,
  errors,
  validation,
  input,
  vocabulary,
  auth,
  mail,
  people,
  billing,
  refusals,
  database,
  board,
  live,
  filters,
  milestones,
  timeline,
  pagination,
  count,
  project,
  history,
  projects,
  review,
  money,
  supply,
  resilience,
  charts,
  fxRates,
  pledges,
  funding,
  sharing: {
    ...sharingLabels,
    ...sharing,
    audience: { ...sharingLabels.audience, ...sharing.audience },
  },
  payments,
  overview,
  worldMap,
  publicPortfolio,
  publicListing,
  publication,
  report,
  collaboration,
  technology,
  actions,
  meetings,
  country,
  sharingRefusals,
  everyday,
  portfolio,
};
