/*
 * Issue 17, "bad input never gets a 500", as an attack on every route the files in app/routes declare: bodies
 * that are not forms, NUL bytes, impossible dates, integers beyond int4/int8, malformed ids in forms and in
 * paths, CR/LF in redirect values. Each is posted (or requested) as a signed-in person who may use the form,
 * with real Requests, against a seeded database on both engines; the answer must be a 4xx (naming the field,
 * for a field), never a 5xx, and no table of the database may change (a digest of every row of the public,
 * private and auth schemas, taken as the owner before and after each batch).
 *
 * The route list comes from the files (tests/support/fuzz.ts): a new route's loader and action get the path,
 * query and body attacks at once, and the last test fails until its forms are described in FORMS below.
 */
import { provideDatabase } from "~/db/database.server";
import { cookieHeaderFrom } from "../support/cookies";
import { createTestDatabase, engines, type TestDatabase } from "../support/database";
import { changedTables, digest } from "../support/digest";
import {
  BAD_BODIES,
  mutationsOf,
  routeFiles,
  type FieldKind,
  type RouteFile,
} from "../support/fuzz";
import { demoUsers, ids } from "../support/rls";

process.env.JWT_SECRET = "fuzz-input-test-secret-fuzz-input-test-secret";
process.env.STRIPE_WEBHOOK_SECRET = "whsec_fuzz_input_test_secret";
const { getAuth } = await import("~/auth/auth.server");
const { invitePerson } = await import("~/models/people.server");
const { memberContext } = await import("../support/member-context");
const { signUnsubscribeToken } = await import("~/notifications/unsubscribe.server");
const { resolveJwtSecret } = await import("~/auth/jwt.server");
const { getConfig } = await import("~/config.server");

type RouteModule = {
  loader?: (args: unknown) => unknown;
  action?: (args: unknown) => unknown;
};

const ROUTES = routeFiles();
const MODULES = new Map<string, RouteModule>(
  await Promise.all(
    ROUTES.map(
      async (route) =>
        [route.file, (await import(`../../app/routes/${route.file}`)) as RouteModule] as const,
    ),
  ),
);

const SITE = "http://localhost";
const SLUG = "critical-minerals";

/* Who posts ------------------------------------------------------------------------------------------ */

const PEOPLE = {
  secretariat: "secretariat@demo.lodestone.example",
  delegateJp: "delegate.jp@demo.lodestone.example",
  delegateAu: "delegate.au@demo.lodestone.example",
  delegateUs: "delegate.us@demo.lodestone.example",
  sponsor: "sponsor@demo.lodestone.example",
  observer: "observer@demo.lodestone.example",
  twoHats: "two.hats@demo.lodestone.example",
} as const;
type Person = keyof typeof PEOPLE;
/*
 * Who requests a route: the person of its first form, else someone no form uses. Sign-out has a person of its
 * own: a sign-out that wrongly went through ends every session of its person, and must not end the others'.
 */
function personFor(route: RouteFile): Person | null {
  const form = FORMS.find((candidate) => candidate.route === route.file);
  if (form) return form.as;
  return route.file === "sign-out.tsx" ? "twoHats" : "delegateUs";
}

/* The forms, as the seed lets each be posted: a valid base, each field with its kind -------------------- */

type Field = [name: string, valid: string, kind: FieldKind];

interface Form {
  /** The route file. */
  route: string;
  /** What the form does, for the report. */
  name: string;
  /** Who posts it (null: signed out). */
  as: Person | null;
  params?: Record<string, string>;
  fields: Field[];
}

const milestone = ids.milestone(2); // Kalgoorlie's EPC contract, in progress
const project = ids.project(1); // Kalgoorlie (approved, registered by Australia, sponsored by Austral)
const tomorrowish = "2027-06-30";
const draftProject = ids.project(3); // Darwin (a draft, registered by Japan, sponsored by Austral)

/* Filled in beforeAll: a pending invitation's link and an unsubscribe link (their tokens are the path). */
const live = { invitationToken: "", unsubscribeToken: "" };

const FORMS: Form[] = [
  {
    route: "p.$slug.projects.$projectId.discussion.tsx",
    name: "post a comment",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "post", "choice"],
      ["body", "Agreed.", "text"],
      ["parentId", "", "id"],
      ["mention", demoUsers.delegateAu.id, "id"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.discussion.tsx",
    name: "edit a comment",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "edit", "choice"],
      ["commentId", ids.fresh(992), "id"],
      ["body", "Agreed, with a correction.", "text"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.milestones.$milestoneId.tsx",
    name: "comment on a milestone",
    as: "secretariat",
    params: { projectId: project, milestoneId: milestone },
    fields: [
      ["intent", "post", "choice"],
      ["body", "The EPC tender closes on time.", "text"],
      ["parentId", "", "id"],
      ["mention", demoUsers.delegateAu.id, "id"],
    ],
  },
  {
    route: "p.$slug.pledges.$pledgeId_.discussion.tsx",
    name: "comment on a pledge",
    as: "delegateJp",
    params: { pledgeId: ids.pledge(1) },
    fields: [
      ["intent", "post", "choice"],
      ["body", "The first tranche is ready.", "text"],
      ["parentId", ids.fresh(993), "id"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.documents.tsx",
    name: "upload a document (no file: refused)",
    as: "secretariat",
    params: { projectId: project },
    fields: [],
  },
  {
    route: "p.$slug.inbox.tsx",
    name: "mark a notification read",
    as: "secretariat",
    fields: [["id", ids.fresh(990), "id"]],
  },
  {
    route: "unsubscribe.$token.tsx",
    name: "unsubscribe by a mail's link (the token is the path, the body carries nothing)",
    as: null,
    params: {
      get token() {
        return live.unsubscribeToken;
      },
    },
    fields: [],
  },
  {
    route: "notifications.settings.tsx",
    name: "notification settings",
    as: "secretariat",
    fields: [
      ["digest", "weekly", "choice"],
      ["category", "mentions", "choice"],
    ],
  },
  {
    route: "p.$slug.board.tsx",
    name: "move a card",
    as: "secretariat",
    fields: [
      ["intent", "move", "choice"],
      ["milestoneId", milestone, "id"],
      ["version", "1", "int"],
      ["status", "at_risk", "choice"],
    ],
  },
  {
    route: "p.$slug.board.tsx",
    name: "move a card to Done with evidence",
    as: "secretariat",
    fields: [
      ["intent", "move", "choice"],
      ["milestoneId", milestone, "id"],
      ["version", "1", "int"],
      ["status", "done", "choice"],
      ["note", "Contract signed with the EPC consortium.", "text"],
      ["evidenceUrl", "https://evidence.example/epc.pdf", "url"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId._index.tsx",
    name: "add a milestone",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "add-milestone", "choice"],
      ["title", "Tailings dam raised", "text"],
      ["dueDate", tomorrowish, "date"],
      ["notes", "Second lift.", "text"],
      ["status", "planned", "choice"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId._index.tsx",
    name: "edit a milestone",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "edit-milestone", "choice"],
      ["milestoneId", milestone, "id"],
      ["version", "1", "int"],
      ["title", "EPC contract awarded", "text"],
      ["dueDate", tomorrowish, "date"],
      ["notes", "Three bidders.", "text"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId._index.tsx",
    name: "post an update",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "post-update", "choice"],
      ["milestoneId", milestone, "id"],
      ["version", "1", "int"],
      ["note", "Bids opened.", "text"],
      ["statusChange", "at_risk", "choice"],
      ["evidenceUrl", "https://evidence.example/bids.pdf", "url"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.tsx",
    name: "cancel the project",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["change", "cancel", "choice"],
      ["version", "1", "int"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.tsx",
    name: "take back a decision",
    as: "secretariat",
    params: { projectId: ids.project(8) },
    fields: [
      ["change", "undo", "choice"],
      ["version", "1", "int"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId_.edit.tsx",
    name: "revise a draft project",
    as: "delegateJp",
    params: { projectId: draftProject },
    fields: [
      ["intent", "draft", "choice"],
      ["version", "1", "int"],
      ["name", "Darwin Heavy Rare Earths Refinery", "text"],
      ["segment", "refining", "choice"],
      ["minerals", "Dy", "choice"],
      ["stage", "concept", "choice"],
      ["hostCountry", "AU", "choice"],
      ["latitude", "-12.4634", "coordinate"],
      ["longitude", "130.8456", "coordinate"],
      ["currency", "AUD", "choice"],
      ["capex", "600,000,000", "amount"],
      ["fundingSought", "200,000,000", "amount"],
      ["esgNotes", "Cyclone design criteria set.", "text"],
      ["registeringMemberId", ids.member.JP, "id"],
      ["sponsorOrganisationId", ids.sponsor.austral, "id"],
      ["outputs.0.group", "rare_earths:refining", "choice"],
      ["outputs.0.capacity", "800", "quantity"],
      ["outputs.0.firstYear", "2031", "year"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.supply.tsx",
    name: "add an output",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "add-output", "choice"],
      ["group", "rare_earths:refining", "choice"],
      ["capacity", "1,500", "quantity"],
      ["firstYear", "2029", "year"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.supply.tsx",
    name: "edit an output",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "edit-output", "choice"],
      ["outputId", ids.output(1), "id"],
      ["version", "1", "int"],
      ["group", "rare_earths:mining", "choice"],
      ["capacity", "13,000", "quantity"],
      ["firstYear", "2028", "year"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.supply.tsx",
    name: "remove an output",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "remove-output", "choice"],
      ["outputId", ids.output(1), "id"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.supply.tsx",
    name: "add a link",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "add-link", "choice"],
      ["direction", "supplies", "choice"],
      ["counterpartId", ids.project(4), "id"],
      ["mineral", "rare_earths", "choice"],
      ["kind", "offtake", "choice"],
      ["tonnes", "500", "quantity"],
      ["status", "mou", "choice"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.supply.tsx",
    name: "edit a link",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "edit-link", "choice"],
      ["linkId", ids.link(1), "id"],
      ["version", "1", "int"],
      ["kind", "feedstock", "choice"],
      ["tonnes", "11,000", "quantity"],
      ["status", "signed", "choice"],
    ],
  },
  {
    route: "p.$slug.projects.$projectId.supply.tsx",
    name: "remove a link",
    as: "secretariat",
    params: { projectId: project },
    fields: [
      ["intent", "remove-link", "choice"],
      ["linkId", ids.link(1), "id"],
    ],
  },
  {
    route: "p.$slug.pledges.new.tsx",
    name: "pledge with a match rule",
    as: "delegateJp",
    fields: [
      ["projectId", project, "id"],
      ["currency", "JPY", "choice"],
      ["amount", "1,000,000", "amount"],
      ["instrument", "grant", "choice"],
      ["conditions", "Subject to the Diet's budget.", "text"],
      ["ruleKind", "match", "choice"],
      ["ruleRatio", "2", "int"],
      ["ruleCap", "500,000", "amount"],
      ["tranches.0.amount", "1,000,000", "amount"],
      ["tranches.0.dueDate", tomorrowish, "date"],
      ["tranches.0.milestoneId", milestone, "id"],
    ],
  },
  {
    route: "p.$slug.pledges.new.tsx",
    name: "pledge with a minimum of members",
    as: "delegateJp",
    fields: [
      ["projectId", project, "id"],
      ["currency", "JPY", "choice"],
      ["amount", "1,000,000", "amount"],
      ["instrument", "loan", "choice"],
      ["ruleKind", "min_other_members", "choice"],
      ["ruleMembers", "2", "int"],
      ["tranches.0.amount", "1,000,000", "amount"],
      ["tranches.0.dueDate", tomorrowish, "date"],
    ],
  },
  {
    route: "p.$slug.pledges.new.tsx",
    name: "pledge with a minimum of co-funding",
    as: "delegateJp",
    fields: [
      ["projectId", project, "id"],
      ["currency", "JPY", "choice"],
      ["amount", "1,000,000", "amount"],
      ["instrument", "loan", "choice"],
      ["ruleKind", "min_cofunding", "choice"],
      ["ruleAmount", "5,000,000", "amount"],
      ["tranches.0.amount", "1,000,000", "amount"],
      ["tranches.0.dueDate", tomorrowish, "date"],
    ],
  },
  {
    route: "p.$slug.pledges.$pledgeId_.edit.tsx",
    name: "edit a draft pledge",
    as: "delegateJp",
    params: { pledgeId: ids.pledge(3) },
    fields: [
      ["version", "1", "int"],
      ["projectId", project, "id"],
      ["currency", "JPY", "choice"],
      ["amount", "900,000,000", "amount"],
      ["instrument", "equity", "choice"],
      ["conditions", "Subject to cabinet approval.", "text"],
      ["ruleKind", "min_cofunding", "choice"],
      ["ruleAmount", "5,000,000", "amount"],
      ["tranches.0.amount", "900,000,000", "amount"],
      ["tranches.0.dueDate", tomorrowish, "date"],
      ["tranches.0.milestoneId", milestone, "id"],
    ],
  },
  {
    route: "p.$slug.pledges.$pledgeId.tsx",
    name: "commit a draft pledge",
    as: "delegateJp",
    params: { pledgeId: ids.pledge(3) },
    fields: [
      ["intent", "commit", "choice"],
      ["version", "1", "int"],
    ],
  },
  {
    route: "p.$slug.pledges.$pledgeId.tsx",
    name: "amend a committed pledge",
    as: "delegateJp",
    params: { pledgeId: ids.pledge(1) },
    fields: [
      ["intent", "amend", "choice"],
      ["newAmount", "3,500,000,000", "amount"],
      ["amendReason", "Cabinet raised the ceiling.", "text"],
    ],
  },
  {
    route: "p.$slug.pledges.$pledgeId.tsx",
    name: "withdraw a pledge",
    as: "delegateJp",
    params: { pledgeId: ids.pledge(1) },
    fields: [
      ["intent", "withdraw", "choice"],
      ["withdrawReason", "Budget reallocated.", "text"],
    ],
  },
  {
    route: "p.$slug.payments.tsx",
    name: "record a bank transfer",
    as: "secretariat",
    fields: [
      ["intent", "record-transfer", "choice"],
      ["trancheId", ids.tranche(8), "id"],
      ["reference", "USDOE-2026-0001", "text"],
      ["paidOn", "2026-06-30", "date"],
      ["amount", "15,000,000", "amount"],
    ],
  },
  {
    route: "p.$slug.payments.tsx",
    name: "issue a Stripe invoice",
    as: "secretariat",
    fields: [
      ["intent", "issue-invoice", "choice"],
      ["trancheId", ids.tranche(8), "id"],
    ],
  },
  {
    route: "p.$slug.billing.tsx",
    name: "open the customer portal",
    as: "secretariat",
    fields: [["intent", "portal", "choice"]],
  },
  {
    route: "p.$slug.fx-rates.tsx",
    name: "add a rate",
    as: "secretariat",
    fields: [
      ["intent", "add", "choice"],
      ["currency", "EUR", "choice"],
      ["rate", "1.16", "rate"],
      ["asOf", "2026-06-30", "date"],
    ],
  },
  {
    route: "p.$slug.fx-rates.tsx",
    name: "preview pasted rates",
    as: "secretariat",
    fields: [
      ["intent", "preview", "choice"],
      ["pasted", "currency,rate,as_of\nEUR,1.16,2026-06-30\n", "csv"],
    ],
  },
  {
    route: "p.$slug.fx-rates.tsx",
    name: "import previewed rates",
    as: "secretariat",
    fields: [
      ["intent", "import", "choice"],
      ["csv", "currency,rate,as_of\nEUR,1.16,2026-06-30\n", "csv"],
      ["fileName", "rates.csv", "text"],
    ],
  },
  {
    route: "p.$slug.people.tsx",
    name: "invite a delegate",
    as: "secretariat",
    fields: [
      ["intent", "invite", "choice"],
      ["email", "new.delegate@ministry.example", "email"],
      ["role", "delegate", "choice"],
      ["memberId", ids.member.DE, "id"],
    ],
  },
  {
    route: "p.$slug.people.tsx",
    name: "invite a sponsor",
    as: "secretariat",
    fields: [
      ["intent", "invite", "choice"],
      ["email", "new.sponsor@company.example", "email"],
      ["role", "sponsor", "choice"],
      ["sponsorOrganisationId", ids.sponsor.northern, "id"],
    ],
  },
  {
    route: "p.$slug.people.tsx",
    name: "revoke a membership",
    as: "secretariat",
    fields: [
      ["intent", "revoke-membership", "choice"],
      ["id", ids.membership.observer, "id"],
    ],
  },
  {
    route: "p.$slug.publication.tsx",
    name: "take the portfolio off the public web",
    as: "secretariat",
    fields: [["published", "false", "choice"]],
  },
  {
    route: "p.$slug.projects.$projectId.public.ts",
    name: "list a project on the public page",
    as: "delegateAu",
    params: { projectId: project },
    fields: [["keptOff", "false", "choice"]],
  },
  {
    route: "p.$slug.review.tsx",
    name: "reject a submitted project",
    as: "secretariat",
    fields: [
      ["projectId", ids.project(6), "id"],
      ["version", "1", "int"],
      ["decision", "reject", "choice"],
      ["reason", "Hydro contract unsigned.", "text"],
    ],
  },
  {
    route: "p.$slug.review.tsx",
    name: "take back a decision",
    as: "secretariat",
    fields: [
      ["decision", "undo", "choice"],
      ["projectId", ids.project(8), "id"],
      ["version", "1", "int"],
    ],
  },
  {
    route: "p.$slug.projects.new.tsx",
    name: "register a project",
    as: "delegateAu",
    fields: [
      ["intent", "submit", "choice"],
      ["name", "Mount Weld Heavy Rare Earths", "text"],
      ["segment", "refining", "choice"],
      ["minerals", "Dy", "choice"],
      ["stage", "concept", "choice"],
      ["hostCountry", "AU", "choice"],
      ["latitude", "-28.862", "coordinate"],
      ["longitude", "122.551", "coordinate"],
      ["currency", "AUD", "choice"],
      ["capex", "900,000,000", "amount"],
      ["fundingSought", "300,000,000", "amount"],
      ["esgNotes", "Dry stacking.", "text"],
      ["registeringMemberId", ids.member.AU, "id"],
      ["sponsorOrganisationId", ids.sponsor.austral, "id"],
      ["outputs.0.group", "rare_earths:refining", "choice"],
      ["outputs.0.capacity", "1,200", "quantity"],
      ["outputs.0.firstYear", "2030", "year"],
    ],
  },
  {
    route: "p.$slug.resilience.$mineral.tsx",
    name: "set a world total",
    as: "secretariat",
    params: { mineral: "rare_earths" },
    fields: [
      ["intent", "set-world-total", "choice"],
      ["stage", "magnets", "choice"],
      ["year", "2024", "year"],
      ["worldTotal", "240,000", "quantity"],
      ["source", "Adamas Intelligence, Rare Earth Magnet Market Outlook, 2024", "text"],
      ["sourceUrl", "https://www.adamasintel.com/", "url"],
      ["note", "Sintered NdFeB.", "text"],
    ],
  },
  {
    route: "p.$slug.resilience.$mineral.tsx",
    name: "remove a world total",
    as: "secretariat",
    params: { mineral: "rare_earths" },
    fields: [
      ["intent", "remove-world-total", "choice"],
      ["stage", "magnets", "choice"],
    ],
  },
  /* Technology sharing (issue 13): the United States' gallium offer (8a…03, shared with every member, no
     conversation yet), Australia's separation request (8b…01) and Japan's answer to it (8e…03, in talks),
     Japan's economic security fund (8c…01, presented at the fourth ministerial, 8f…01). */
  {
    route: "p.$slug.technology.$kind.new.tsx",
    name: "offer a technology",
    as: "delegateJp",
    params: { kind: "offers" },
    fields: [
      ["title", "Molten-salt electrolysis of NdPr metal", "text"],
      ["description", "Continuous cells, 10 t/yr each.", "text"],
      ["category", "metallisation", "choice"],
      ["minerals", "NdPr", "choice"],
      ["trl", "6", "int"],
      ["holderOrganisation", "JOGMEC", "text"],
      ["licensingTerms", "Non-exclusive licence.", "text"],
      ["exportControlled", "on", "choice"],
      ["exportControlRegime", "Wassenaar Arrangement, 1C", "text"],
      ["exportControlNote", "Licence needed for the cell design.", "text"],
      ["contactMembershipId", ids.membership.delegateJp, "id"],
      ["audience", "chosen", "choice"],
      ["memberIds", ids.member.CA, "id"],
      ["includesSecretariat", "on", "choice"],
    ],
  },
  {
    route: "p.$slug.technology.$kind.$itemId.edit.tsx",
    name: "edit an offer",
    as: "delegateUs",
    params: { kind: "offers", itemId: ids.offer(3) },
    fields: [
      ["itemId", ids.offer(3), "id"],
      ["version", "1", "int"],
      ["title", "Gallium recovery from Bayer liquor", "text"],
      ["description", "Ion exchange on the liquor.", "text"],
      ["category", "refining", "choice"],
      ["minerals", "gallium", "choice"],
      ["trl", "7", "int"],
      ["holderOrganisation", "Department of Energy", "text"],
      ["licensingTerms", "Government-use licence.", "text"],
      ["exportControlled", "on", "choice"],
      ["exportControlRegime", "EAR, 1C", "text"],
      ["exportControlNote", "Licence for China only.", "text"],
      ["contactMembershipId", "", "id"],
    ],
  },
  {
    route: "p.$slug.technology.$kind.$itemId._index.tsx",
    name: "change who sees an offer",
    as: "delegateUs",
    params: { kind: "offers", itemId: ids.offer(3) },
    fields: [
      ["intent", "audience", "choice"],
      ["itemId", ids.offer(3), "id"],
      ["version", "1", "int"],
      ["audience", "chosen", "choice"],
      ["memberIds", ids.member.JP, "id"],
      ["includesSecretariat", "on", "choice"],
    ],
  },
  {
    route: "p.$slug.technology.$kind.$itemId._index.tsx",
    name: "move an offer into talks",
    as: "delegateUs",
    params: { kind: "offers", itemId: ids.offer(3) },
    fields: [
      ["intent", "status:in_talks", "choice"],
      ["itemId", ids.offer(3), "id"],
      ["version", "1", "int"],
      ["status", "in_talks", "choice"],
    ],
  },
  {
    route: "p.$slug.technology.$kind.$itemId._index.tsx",
    name: "express interest in an offer",
    as: "delegateJp",
    params: { kind: "offers", itemId: ids.offer(3) },
    fields: [
      ["intent", "interest", "choice"],
      ["itemId", ids.offer(3), "id"],
      ["message", "Japan would like to license this for Toyama.", "text"],
    ],
  },
  {
    route: "p.$slug.technology.$kind.$itemId._index.tsx",
    name: "agree in a conversation",
    as: "delegateAu",
    params: { kind: "requests", itemId: ids.request(1) },
    fields: [
      ["intent", `move:${ids.interest(3)}:agreed`, "choice"],
      ["interestId", ids.interest(3), "id"],
      ["version", "1", "int"],
      ["status", "agreed", "choice"],
      ["termsSummary", "Two engineers seconded for a year.", "text"],
      ["agreedOn", "2026-06-30", "date"],
    ],
  },
  {
    route: "p.$slug.technology.$kind.$itemId._index.tsx",
    name: "remove an offer",
    as: "delegateUs",
    params: { kind: "offers", itemId: ids.offer(3) },
    fields: [["intent", "delete", "choice"]],
  },
  {
    route: "p.$slug.actions.new.tsx",
    name: "report a national action",
    as: "delegateJp",
    fields: [
      ["typedIn", "en", "choice"],
      ["kind", "investment", "choice"],
      ["title", "Magnet recycling subsidy", "text"],
      ["summary", "Grants for recycling lines.", "text"],
      ["minerals", "Dy", "choice"],
      ["status", "planned", "choice"],
      ["amount", "1,000,000", "amount"],
      ["currency", "JPY", "choice"],
      ["startsOn", "2026-04-01", "date"],
      ["targetOn", "2027-06-30", "date"],
      ["publicUrl", "https://www.meti.go.jp/", "url"],
      ["audience", "chosen", "choice"],
      ["memberIds", ids.member.CA, "id"],
      ["includesSecretariat", "on", "choice"],
    ],
  },
  {
    route: "p.$slug.actions.$actionId.edit.tsx",
    name: "edit a national action",
    as: "delegateJp",
    params: { actionId: ids.action(1) },
    fields: [
      ["typedIn", "en", "choice"],
      ["itemId", ids.action(1), "id"],
      ["version", "1", "int"],
      ["kind", "investment", "choice"],
      ["title", "Economic security fund", "text"],
      ["summary", "Equity for separation plants.", "text"],
      ["minerals", "Dy", "choice"],
      ["status", "under_way", "choice"],
      ["amount", "1,000,000", "amount"],
      ["currency", "JPY", "choice"],
      ["startsOn", "2026-04-01", "date"],
      ["targetOn", "2027-06-30", "date"],
      ["publicUrl", "https://www.meti.go.jp/", "url"],
    ],
  },
  {
    route: "p.$slug.actions.$actionId._index.tsx",
    name: "change who sees a national action",
    as: "delegateJp",
    params: { actionId: ids.action(1) },
    fields: [
      ["intent", "audience", "choice"],
      ["itemId", ids.action(1), "id"],
      ["version", "1", "int"],
      ["audience", "chosen", "choice"],
      ["memberIds", ids.member.CA, "id"],
      ["includesSecretariat", "on", "choice"],
    ],
  },
  {
    route: "p.$slug.actions.$actionId._index.tsx",
    name: "mark an action presented at a meeting",
    as: "secretariat",
    params: { actionId: ids.action(1) },
    fields: [
      ["intent", "present", "choice"],
      ["actionId", ids.action(1), "id"],
      ["meetingId", ids.meeting(2), "id"],
    ],
  },
  {
    route: "p.$slug.actions.$actionId._index.tsx",
    name: "unmark an action presented at a meeting",
    as: "secretariat",
    params: { actionId: ids.action(1) },
    fields: [
      ["intent", `unpresent:${ids.meeting(1)}:${ids.action(1)}`, "choice"],
      ["actionId", ids.action(1), "id"],
      ["meetingId", ids.meeting(1), "id"],
    ],
  },
  {
    route: "p.$slug.actions.$actionId._index.tsx",
    name: "remove a national action",
    as: "delegateJp",
    params: { actionId: ids.action(1) },
    fields: [["intent", "delete", "choice"]],
  },
  {
    route: "p.$slug.meetings.tsx",
    name: "record a meeting",
    as: "secretariat",
    fields: [
      ["intent", "create", "choice"],
      ["title", "Sixth Critical Minerals Ministerial", "text"],
      ["place", "Canberra", "text"],
      ["heldOn", tomorrowish, "date"],
    ],
  },
  {
    route: "p.$slug.meetings.tsx",
    name: "mark an action presented",
    as: "secretariat",
    fields: [
      ["intent", `present:${ids.meeting(2)}`, "choice"],
      ["meetingId", ids.meeting(2), "id"],
      ["actionId", ids.action(2), "id"],
    ],
  },
  {
    route: "p.$slug.meetings.tsx",
    name: "unmark an action presented",
    as: "secretariat",
    fields: [
      ["intent", `unpresent:${ids.meeting(1)}:${ids.action(1)}`, "choice"],
      ["meetingId", ids.meeting(1), "id"],
      ["actionId", ids.action(1), "id"],
    ],
  },
  {
    route: "p.$slug.meetings.tsx",
    name: "remove a meeting",
    as: "secretariat",
    fields: [
      ["intent", `delete:${ids.meeting(2)}`, "choice"],
      ["meetingId", ids.meeting(2), "id"],
    ],
  },
  {
    route: "p._index.tsx",
    name: "accept an invitation",
    as: "observer",
    fields: [["invitationId", ids.fresh(1), "id"]],
  },
  {
    route: "invitations.$token.tsx",
    name: "accept an invitation by its link",
    as: null, // :token is a pending invitation's, made in beforeAll
    fields: [
      ["password", "a long new password", "secret"],
      ["confirmPassword", "a long new password", "secret"],
    ],
  },
  {
    route: "sign-in.tsx",
    name: "sign in",
    as: null,
    fields: [
      ["email", PEOPLE.observer, "email"],
      ["password", "lodestone-demo", "secret"],
      ["redirectTo", "/p/critical-minerals/board", "redirect"],
    ],
  },
  {
    route: "language.tsx",
    name: "switch the language",
    as: "delegateUs",
    fields: [
      ["language", "fr", "choice"],
      ["redirectTo", "/p/critical-minerals/board", "redirect"],
    ],
  },
  {
    route: "profile.tsx",
    name: "save one's name and language",
    as: "delegateUs",
    fields: [
      ["displayName", "Jordan Ellis", "text"],
      ["organisation", "Department of State", "text"],
      ["language", "fr", "choice"],
    ],
  },
  {
    route: "forgot-password.tsx",
    name: "ask for a reset link",
    as: null,
    fields: [["email", PEOPLE.observer, "email"]],
  },
  {
    route: "reset-password.tsx",
    name: "choose a new password",
    as: null,
    fields: [
      ["token", "a-token-from-a-mail", "secret"],
      ["password", "a long new password", "secret"],
      ["confirmPassword", "a long new password", "secret"],
    ],
  },
];

/* Valid path parameters, and malformed ones --------------------------------------------------------------- */

const VALID_PARAMS: Record<string, () => string> = {
  slug: () => SLUG,
  projectId: () => project,
  pledgeId: () => ids.pledge(1),
  milestoneId: () => milestone,
  // No such document: its download is a 404 before any storage is asked (the metadata row is read first).
  documentId: () => ids.fresh(991),
  mineral: () => "rare_earths",
  view: () => "countries",
  // Technology sharing: the United States' gallium offer and Japan's magnet-supply action, shared with the
  // whole partnership in the seed.
  kind: () => "offers",
  itemId: () => ids.offer(3),
  actionId: () => ids.action(1),
  code: () => "JP",
  token: () => live.invitationToken,
  "*": () => "no-such-page",
};

const MALFORMED_PARAMS = [
  "not-a-uuid",
  "f1000000-0000-4000-8000-00000000000g",
  "f1000000000040008000000000000001",
  "\u0000",
  "a\u0000b",
  "\uFFFD日本",
  "x".repeat(5000),
  "../../etc/passwd",
];

/** Query strings every loader is requested with: NUL bytes, huge numbers, impossible dates, broken ids. */
const MALFORMED_QUERIES = [
  "q=%00&status=%00&segment=%00&mineral=%00&stage=%00&host=%00&sort=%00&view=%00&scenario=%00&horizon=%00",
  "page=99999999999999999999&per=2147483648&months=1e400&from=0000-01&before=2026-02-30&horizon=99999",
  "project=not-a-uuid&government=%00&member=f1000000-0000-4000-8000-00000000000g&sponsor=1&edit=%00&saved=%00",
  "from=2026-13&months=-1&page=-1&before=not-a-moment&token=%00&redirectTo=%2Fp%0D%0ASet-Cookie%3Ax",
  // The report's date, the IATI export's scope, the open data's pages (issue 16).
  "since=2026-02-30&scope=%00&page=0&per_page=2147483648",
  "since=%00&scope=government&page=1e400&per_page=-1",
];

/* Calling routes as Remix does -------------------------------------------------------------------------- */

interface Answer {
  status: number;
  body: string;
}

/** What Remix would answer: a returned or thrown Response as it is, any other throw as a 500. */
async function answerOf(run: () => unknown): Promise<Answer> {
  try {
    const result = await run();
    if (result instanceof Response) return { status: result.status, body: await textOf(result) };
    return { status: 200, body: "" };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await textOf(thrown) };
    return { status: 500, body: thrown instanceof Error ? thrown.message : String(thrown) };
  }
}

async function textOf(response: Response): Promise<string> {
  if (response.headers.get("Content-Type")?.includes("text/event-stream")) {
    await response.body?.cancel();
    return "(event stream)";
  }
  return response.text();
}

const context = { clientIp: "192.0.2.77", cspNonce: "" };

function call(
  route: RouteFile,
  kind: "loader" | "action",
  request: Request,
  params: Record<string, string>,
): Promise<Answer> {
  const handler = MODULES.get(route.file)?.[kind];
  if (!handler) throw new Error(`${route.file} has no ${kind}`);
  return answerOf(() => handler({ request, params, context }));
}

function validParams(route: RouteFile, overrides: Record<string, string> = {}) {
  const values: Record<string, string> = {};
  for (const param of route.params) {
    const valid = VALID_PARAMS[param];
    if (!valid) throw new Error(`${route.file}: name a valid value for :${param} in VALID_PARAMS`);
    values[param] = overrides[param] ?? valid();
  }
  return values;
}

function formBody(fields: Array<[string, string]>): URLSearchParams {
  return new URLSearchParams(fields);
}

/** Whether a 4xx answer's JSON (a FormFailure) gives a message for `field` (or for one of its items). */
function namesField(answer: Answer, field: string): boolean {
  return namedFields(answer).some((key) => key === field || key.startsWith(`${field}.`));
}

/** The field names a 4xx answer's JSON gives messages for (a FormFailure's `errors`). */
function namedFields(answer: Answer): string[] {
  try {
    const parsed = JSON.parse(answer.body) as { errors?: Record<string, string> };
    return Object.keys(parsed.errors ?? {});
  } catch {
    return [];
  }
}

/* The attacks ------------------------------------------------------------------------------------------ */

describe.each(engines)("malformed input on %s", (engine) => {
  let handle: TestDatabase;
  const cookies = new Map<Person, string>();

  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
    // The auth adapter holds the database it was made with: make a new one for this engine's database.
    (globalThis as { __lodestoneAuth?: unknown }).__lodestoneAuth = undefined;
    const auth = await getAuth();
    for (const [person, email] of Object.entries(PEOPLE) as Array<[Person, string]>) {
      const result = await auth.signInWithPassword(new Request(SITE), email, "lodestone-demo");
      if (!result.ok) throw new Error(`could not sign in ${email}`);
      cookies.set(person, cookieHeaderFrom(result.headers));
    }
    // A pending invitation, so its link's form can be attacked past its 404 for unknown tokens.
    const invitee = "fuzz.invitee@ministry.example";
    await invitePerson(
      await memberContext(handle.db, "secretariat"),
      { email: invitee, role: "observer", language: "en" },
      SITE,
    );
    const [mail] = await handle.db.query<{ link: string }>(
      "select link from private.dev_outbox where to_email = $1",
      [invitee],
    );
    live.invitationToken = mail?.link.replace(`${SITE}/invitations/`, "") ?? "";
    // An unsubscribe link of the observer's, signed as the server signs them.
    const [observer] = await handle.db.query<{ id: string }>(
      "select id from public.profiles where email = $1",
      [PEOPLE.observer],
    );
    live.unsubscribeToken = await signUnsubscribeToken(
      resolveJwtSecret(getConfig()),
      observer?.id ?? "",
      "mentions",
    );
  });
  afterAll(() => handle.dispose());

  function headersFor(person: Person | null, contentType: string | null): Headers {
    const headers = new Headers();
    if (person) headers.set("Cookie", cookies.get(person) ?? "");
    if (contentType) headers.set("Content-Type", contentType);
    return headers;
  }

  /** Runs `attack` between two digests of the database; fails naming every 5xx and every changed table. */
  async function expectHarmless(attack: (problems: string[]) => Promise<void>) {
    const before = await digest(handle.db);
    const problems: string[] = [];
    await attack(problems);
    const changed = changedTables(before, await digest(handle.db));
    expect(problems).toEqual([]);
    expect(changed, "tables written by refused input").toEqual([]);
  }

  const actionRoutes = ROUTES.filter((route) => route.hasAction);
  const loaderRoutes = ROUTES.filter((route) => route.hasLoader);

  it("finds the routes in app/routes", () => {
    expect(actionRoutes.length).toBeGreaterThanOrEqual(19);
    expect(loaderRoutes.length).toBeGreaterThanOrEqual(30);
    for (const route of ROUTES) {
      expect(typeof MODULES.get(route.file)?.action, route.file).toBe(
        route.hasAction ? "function" : "undefined",
      );
    }
  });

  it.each(actionRoutes.map((route) => [route.file, route] as const))(
    "refuses bodies that are not forms, posted to %s, with a 4xx and writes nothing",
    async (_, route) => {
      const form = FORMS.find((candidate) => candidate.route === route.file);
      const person = personFor(route);
      await expectHarmless(async (problems) => {
        for (const bad of BAD_BODIES) {
          const request = new Request(`${SITE}${route.url(validParams(route, form?.params))}`, {
            method: "POST",
            headers: headersFor(person, bad.contentType),
            ...(bad.body === null ? {} : { body: bad.body }),
          });
          const answer = await call(route, "action", request, validParams(route, form?.params));
          if (answer.status < 400 || answer.status >= 500) {
            problems.push(`${bad.name}: ${answer.status} ${answer.body.slice(0, 200)}`);
          }
        }
      });
    },
  );

  it.each(FORMS.map((form) => [`${form.route} (${form.name})`, form] as const))(
    "answers every malformed field of %s with a 4xx naming it, and writes nothing",
    async (_, form) => {
      const route = ROUTES.find((candidate) => candidate.file === form.route);
      if (!route) throw new Error(`${form.route} is not in app/routes`);
      const params = validParams(route, form.params);
      await expectHarmless(async (problems) => {
        for (const [name, valid, kind] of form.fields) {
          for (const mutation of mutationsOf(kind, valid)) {
            const fields = form.fields.map(
              ([other, value]) =>
                [other, other === name ? mutation.value : value] as [string, string],
            );
            const request = new Request(`${SITE}${route.url(params)}`, {
              method: "POST",
              headers: headersFor(form.as, "application/x-www-form-urlencoded"),
              body: formBody(fields),
            });
            const answer = await call(route, "action", request, params);
            const where = `${name} ← ${mutation.label}`;
            if (answer.status < 400 || answer.status >= 500) {
              problems.push(`${where}: ${answer.status} ${answer.body.slice(0, 200)}`);
            } else if (!namesField(answer, name)) {
              problems.push(`${where}: ${answer.status} does not name the field: ${answer.body}`);
            }
          }
        }
      });
    },
  );

  it.each(
    ROUTES.filter((route) => route.params.length > 0).map((route) => [route.file, route] as const),
  )("answers malformed path parameters of %s with a 404, and writes nothing", async (_, route) => {
    const form = FORMS.find((candidate) => candidate.route === route.file);
    const person = personFor(route);
    await expectHarmless(async (problems) => {
      for (const param of route.params) {
        for (const value of MALFORMED_PARAMS) {
          const params = validParams(route, { ...form?.params, [param]: value });
          const url = `${SITE}${route.url(params)}`;
          const kinds = [route.hasLoader ? "loader" : null, route.hasAction ? "action" : null];
          for (const kind of kinds.filter((k): k is "loader" | "action" => k !== null)) {
            const request = new Request(url, {
              method: kind === "loader" ? "GET" : "POST",
              headers: headersFor(
                person,
                kind === "action" ? "application/x-www-form-urlencoded" : null,
              ),
              ...(kind === "action"
                ? { body: formBody(form?.fields.map(([n, v]) => [n, v]) ?? []) }
                : {}),
            });
            const answer = await call(route, kind, request, params);
            if (answer.status !== 404) {
              problems.push(
                `${kind} :${param} = ${JSON.stringify(value.slice(0, 30))}: ${answer.status} ${answer.body.slice(0, 160)}`,
              );
            }
          }
        }
      }
    });
  });

  it.each(loaderRoutes.map((route) => [route.file, route] as const))(
    "answers malformed query strings on %s without a 5xx, and writes nothing",
    async (_, route) => {
      const form = FORMS.find((candidate) => candidate.route === route.file);
      const person = personFor(route);
      const params = validParams(route, form?.params);
      await expectHarmless(async (problems) => {
        for (const query of MALFORMED_QUERIES) {
          const request = new Request(
            `${SITE}${route.url(params).replace(/\?index$/, "")}?${query}`,
            {
              headers: headersFor(person, null),
            },
          );
          const answer = await call(route, "loader", request, params);
          if (answer.status >= 500) {
            problems.push(`?${query.slice(0, 60)}…: ${answer.status} ${answer.body.slice(0, 200)}`);
          }
        }
      });
    },
  );

  it("has its forms described for every route with an action", () => {
    const described = new Set(FORMS.map((form) => form.route));
    const bodyOnly = new Set(["sign-out.tsx", "api.stripe.webhook.ts"]);
    const missing = actionRoutes
      .map((route) => route.file)
      .filter((file) => !described.has(file) && !bodyOnly.has(file));
    expect(missing, "add the route's forms to FORMS").toEqual([]);
  });
});
