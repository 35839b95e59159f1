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

/** Who posts a route's forms and with which path ids, unless a form says otherwise. */
interface Poster {
  as: Person | null;
  params?: Record<string, string>;
}

/** One route's forms, named by what each does: its fields, or its fields with a poster of its own. */
function formsOf(
  route: string,
  poster: Poster,
  forms: Record<string, Field[] | (Partial<Poster> & { fields: Field[] })>,
): Form[] {
  return Object.entries(forms).map(([name, form]) =>
    Array.isArray(form)
      ? { route, name, ...poster, fields: form }
      : { route, name, ...poster, ...form },
  );
}

const milestone = ids.milestone(2); // Kalgoorlie's EPC contract, in progress
const project = ids.project(1); // Kalgoorlie (approved, registered by Australia, sponsored by Austral)
const tomorrowish = "2027-06-30";
const draftProject = ids.project(3); // Darwin (a draft, registered by Japan, sponsored by Austral)
const atKalgoorlie = { as: "secretariat", params: { projectId: project } } as const;

/* Filled in beforeAll: a pending invitation's link and an unsubscribe link (their tokens are the path). */
const live = { invitationToken: "", unsubscribeToken: "" };

/* The fields several forms share ------------------------------------------------------------------------ */

const intent = (value: string): Field => ["intent", value, "choice"];
const version: Field = ["version", "1", "int"];
/** A comment's body, and a reply's parent (or none). */
const comment = (body: string, parentId = ""): Field[] => [
  intent("post"),
  ["body", body, "text"],
  ["parentId", parentId, "id"],
];
const mention: Field = ["mention", demoUsers.delegateAu.id, "id"];
/** Who sees a shared item: the chosen governments and the secretariat. */
const chosenAudience = (memberId: string): Field[] => [
  ["audience", "chosen", "choice"],
  ["memberIds", memberId, "id"],
  ["includesSecretariat", "on", "choice"],
];
/** A project's registration form, as registering or revising one. */
const projectFields = (p: {
  name: string;
  latitude: string;
  longitude: string;
  capex: string;
  fundingSought: string;
  esgNotes: string;
  registeringMemberId: string;
  capacity: string;
  firstYear: string;
}): Field[] => [
  ["name", p.name, "text"],
  ["segment", "refining", "choice"],
  ["minerals", "Dy", "choice"],
  ["stage", "concept", "choice"],
  ["hostCountry", "AU", "choice"],
  ["latitude", p.latitude, "coordinate"],
  ["longitude", p.longitude, "coordinate"],
  ["currency", "AUD", "choice"],
  ["capex", p.capex, "amount"],
  ["fundingSought", p.fundingSought, "amount"],
  ["esgNotes", p.esgNotes, "text"],
  ["registeringMemberId", p.registeringMemberId, "id"],
  ["sponsorOrganisationId", ids.sponsor.austral, "id"],
  ["outputs.0.group", "rare_earths:refining", "choice"],
  ["outputs.0.capacity", p.capacity, "quantity"],
  ["outputs.0.firstYear", p.firstYear, "year"],
];
/** A pledge of `amount` yen to Kalgoorlie in one tranche, with its co-funding rule's fields. */
const pledgeFields = (p: {
  amount: string;
  instrument: string;
  conditions?: string;
  rule: Field[];
  milestoneId?: string;
}): Field[] => [
  ["projectId", project, "id"],
  ["currency", "JPY", "choice"],
  ["amount", p.amount, "amount"],
  ["instrument", p.instrument, "choice"],
  ...(p.conditions === undefined ? [] : [["conditions", p.conditions, "text"] as Field]),
  ...p.rule,
  ["tranches.0.amount", p.amount, "amount"],
  ["tranches.0.dueDate", tomorrowish, "date"],
  ...(p.milestoneId === undefined
    ? []
    : [["tranches.0.milestoneId", p.milestoneId, "id"] as Field]),
];
/** A technology offer's fields, as offering or editing one. */
const offerFields = (p: {
  title: string;
  description: string;
  category: string;
  minerals: string;
  trl: string;
  holderOrganisation: string;
  licensingTerms: string;
  exportControlRegime: string;
  exportControlNote: string;
  contactMembershipId: string;
}): Field[] => [
  ["title", p.title, "text"],
  ["description", p.description, "text"],
  ["category", p.category, "choice"],
  ["minerals", p.minerals, "choice"],
  ["trl", p.trl, "int"],
  ["holderOrganisation", p.holderOrganisation, "text"],
  ["licensingTerms", p.licensingTerms, "text"],
  ["exportControlled", "on", "choice"],
  ["exportControlRegime", p.exportControlRegime, "text"],
  ["exportControlNote", p.exportControlNote, "text"],
  ["contactMembershipId", p.contactMembershipId, "id"],
];
/** Japan's national action's fields, as reporting or editing one. */
const actionFields = (p: { title: string; summary: string; status: string }): Field[] => [
  ["kind", "investment", "choice"],
  ["title", p.title, "text"],
  ["summary", p.summary, "text"],
  ["minerals", "Dy", "choice"],
  ["status", p.status, "choice"],
  ["amount", "1,000,000", "amount"],
  ["currency", "JPY", "choice"],
  ["startsOn", "2026-04-01", "date"],
  ["targetOn", "2027-06-30", "date"],
  ["publicUrl", "https://www.meti.go.jp/", "url"],
];
const ratesCsv = "currency,rate,as_of\nEUR,1.16,2026-06-30\n";
const newPassword: Field[] = [
  ["password", "a long new password", "secret"],
  ["confirmPassword", "a long new password", "secret"],
];

const FORMS: Form[] = [
  ...formsOf("p.$slug.projects.$projectId.discussion.tsx", atKalgoorlie, {
    "post a comment": [...comment("Agreed."), mention],
    "edit a comment": [
      intent("edit"),
      ["commentId", ids.fresh(992), "id"],
      ["body", "Agreed, with a correction.", "text"],
    ],
  }),
  ...formsOf(
    "p.$slug.projects.$projectId.milestones.$milestoneId.tsx",
    { as: "secretariat", params: { projectId: project, milestoneId: milestone } },
    { "comment on a milestone": [...comment("The EPC tender closes on time."), mention] },
  ),
  ...formsOf(
    "p.$slug.pledges.$pledgeId_.discussion.tsx",
    { as: "delegateJp", params: { pledgeId: ids.pledge(1) } },
    { "comment on a pledge": comment("The first tranche is ready.", ids.fresh(993)) },
  ),
  ...formsOf("p.$slug.projects.$projectId.documents.tsx", atKalgoorlie, {
    "upload a document (no file: refused)": [],
  }),
  ...formsOf(
    "p.$slug.inbox.tsx",
    { as: "secretariat" },
    { "mark a notification read": [["id", ids.fresh(990), "id"]] },
  ),
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
  ...formsOf(
    "notifications.settings.tsx",
    { as: "secretariat" },
    {
      "notification settings": [
        ["digest", "weekly", "choice"],
        ["category", "mentions", "choice"],
      ],
    },
  ),
  ...formsOf(
    "p.$slug.board.tsx",
    { as: "secretariat" },
    {
      "move a card": [
        intent("move"),
        ["milestoneId", milestone, "id"],
        version,
        ["status", "at_risk", "choice"],
      ],
      "move a card to Done with evidence": [
        intent("move"),
        ["milestoneId", milestone, "id"],
        version,
        ["status", "done", "choice"],
        ["note", "Contract signed with the EPC consortium.", "text"],
        ["evidenceUrl", "https://evidence.example/epc.pdf", "url"],
      ],
    },
  ),
  ...formsOf("p.$slug.projects.$projectId._index.tsx", atKalgoorlie, {
    "add a milestone": [
      intent("add-milestone"),
      ["title", "Tailings dam raised", "text"],
      ["dueDate", tomorrowish, "date"],
      ["notes", "Second lift.", "text"],
      ["status", "planned", "choice"],
    ],
    "edit a milestone": [
      intent("edit-milestone"),
      ["milestoneId", milestone, "id"],
      version,
      ["title", "EPC contract awarded", "text"],
      ["dueDate", tomorrowish, "date"],
      ["notes", "Three bidders.", "text"],
    ],
    "post an update": [
      intent("post-update"),
      ["milestoneId", milestone, "id"],
      version,
      ["note", "Bids opened.", "text"],
      ["statusChange", "at_risk", "choice"],
      ["evidenceUrl", "https://evidence.example/bids.pdf", "url"],
    ],
  }),
  ...formsOf("p.$slug.projects.$projectId.tsx", atKalgoorlie, {
    "cancel the project": [["change", "cancel", "choice"], version],
    "take back a decision": {
      params: { projectId: ids.project(8) },
      fields: [["change", "undo", "choice"], version],
    },
  }),
  ...formsOf(
    "p.$slug.projects.$projectId_.edit.tsx",
    { as: "delegateJp", params: { projectId: draftProject } },
    {
      "revise a draft project": [
        intent("draft"),
        version,
        ...projectFields({
          name: "Darwin Heavy Rare Earths Refinery",
          latitude: "-12.4634",
          longitude: "130.8456",
          capex: "600,000,000",
          fundingSought: "200,000,000",
          esgNotes: "Cyclone design criteria set.",
          registeringMemberId: ids.member.JP,
          capacity: "800",
          firstYear: "2031",
        }),
      ],
    },
  ),
  ...formsOf("p.$slug.projects.$projectId.supply.tsx", atKalgoorlie, {
    "add an output": [
      intent("add-output"),
      ["group", "rare_earths:refining", "choice"],
      ["capacity", "1,500", "quantity"],
      ["firstYear", "2029", "year"],
    ],
    "edit an output": [
      intent("edit-output"),
      ["outputId", ids.output(1), "id"],
      version,
      ["group", "rare_earths:mining", "choice"],
      ["capacity", "13,000", "quantity"],
      ["firstYear", "2028", "year"],
    ],
    "remove an output": [intent("remove-output"), ["outputId", ids.output(1), "id"]],
    "add a link": [
      intent("add-link"),
      ["direction", "supplies", "choice"],
      ["counterpartId", ids.project(4), "id"],
      ["mineral", "rare_earths", "choice"],
      ["kind", "offtake", "choice"],
      ["tonnes", "500", "quantity"],
      ["status", "mou", "choice"],
    ],
    "edit a link": [
      intent("edit-link"),
      ["linkId", ids.link(1), "id"],
      version,
      ["kind", "feedstock", "choice"],
      ["tonnes", "11,000", "quantity"],
      ["status", "signed", "choice"],
    ],
    "remove a link": [intent("remove-link"), ["linkId", ids.link(1), "id"]],
  }),
  ...formsOf(
    "p.$slug.pledges.new.tsx",
    { as: "delegateJp" },
    {
      "pledge with a match rule": pledgeFields({
        amount: "1,000,000",
        instrument: "grant",
        conditions: "Subject to the Diet's budget.",
        rule: [
          ["ruleKind", "match", "choice"],
          ["ruleRatio", "2", "int"],
          ["ruleCap", "500,000", "amount"],
        ],
        milestoneId: milestone,
      }),
      "pledge with a minimum of members": pledgeFields({
        amount: "1,000,000",
        instrument: "loan",
        rule: [
          ["ruleKind", "min_other_members", "choice"],
          ["ruleMembers", "2", "int"],
        ],
      }),
      "pledge with a minimum of co-funding": pledgeFields({
        amount: "1,000,000",
        instrument: "loan",
        rule: [
          ["ruleKind", "min_cofunding", "choice"],
          ["ruleAmount", "5,000,000", "amount"],
        ],
      }),
    },
  ),
  ...formsOf(
    "p.$slug.pledges.$pledgeId_.edit.tsx",
    { as: "delegateJp", params: { pledgeId: ids.pledge(3) } },
    {
      "edit a draft pledge": [
        version,
        ...pledgeFields({
          amount: "900,000,000",
          instrument: "equity",
          conditions: "Subject to cabinet approval.",
          rule: [
            ["ruleKind", "min_cofunding", "choice"],
            ["ruleAmount", "5,000,000", "amount"],
          ],
          milestoneId: milestone,
        }),
      ],
    },
  ),
  ...formsOf(
    "p.$slug.pledges.$pledgeId.tsx",
    { as: "delegateJp", params: { pledgeId: ids.pledge(1) } },
    {
      "commit a draft pledge": {
        params: { pledgeId: ids.pledge(3) },
        fields: [intent("commit"), version],
      },
      "amend a committed pledge": [
        intent("amend"),
        ["newAmount", "3,500,000,000", "amount"],
        ["amendReason", "Cabinet raised the ceiling.", "text"],
      ],
      "withdraw a pledge": [intent("withdraw"), ["withdrawReason", "Budget reallocated.", "text"]],
    },
  ),
  ...formsOf(
    "p.$slug.payments.tsx",
    { as: "secretariat" },
    {
      "record a bank transfer": [
        intent("record-transfer"),
        ["trancheId", ids.tranche(8), "id"],
        ["reference", "USDOE-2026-0001", "text"],
        ["paidOn", "2026-06-30", "date"],
        ["amount", "15,000,000", "amount"],
      ],
      "issue a Stripe invoice": [intent("issue-invoice"), ["trancheId", ids.tranche(8), "id"]],
    },
  ),
  ...formsOf(
    "p.$slug.billing.tsx",
    { as: "secretariat" },
    { "open the customer portal": [intent("portal")] },
  ),
  ...formsOf(
    "p.$slug.fx-rates.tsx",
    { as: "secretariat" },
    {
      "add a rate": [
        intent("add"),
        ["currency", "EUR", "choice"],
        ["rate", "1.16", "rate"],
        ["asOf", "2026-06-30", "date"],
      ],
      "preview pasted rates": [intent("preview"), ["pasted", ratesCsv, "csv"]],
      "import previewed rates": [
        intent("import"),
        ["csv", ratesCsv, "csv"],
        ["fileName", "rates.csv", "text"],
      ],
    },
  ),
  ...formsOf(
    "p.$slug.people.tsx",
    { as: "secretariat" },
    {
      "invite a delegate": [
        intent("invite"),
        ["email", "new.delegate@ministry.example", "email"],
        ["role", "delegate", "choice"],
        ["memberId", ids.member.DE, "id"],
      ],
      "invite a sponsor": [
        intent("invite"),
        ["email", "new.sponsor@company.example", "email"],
        ["role", "sponsor", "choice"],
        ["sponsorOrganisationId", ids.sponsor.northern, "id"],
      ],
      "revoke a membership": [intent("revoke-membership"), ["id", ids.membership.observer, "id"]],
    },
  ),
  ...formsOf(
    "p.$slug.publication.tsx",
    { as: "secretariat" },
    { "take the portfolio off the public web": [["published", "false", "choice"]] },
  ),
  ...formsOf(
    "p.$slug.projects.$projectId.public.ts",
    { as: "delegateAu", params: { projectId: project } },
    { "list a project on the public page": [["keptOff", "false", "choice"]] },
  ),
  ...formsOf(
    "p.$slug.review.tsx",
    { as: "secretariat" },
    {
      "reject a submitted project": [
        ["projectId", ids.project(6), "id"],
        version,
        ["decision", "reject", "choice"],
        ["reason", "Hydro contract unsigned.", "text"],
      ],
      "take back a decision": [
        ["decision", "undo", "choice"],
        ["projectId", ids.project(8), "id"],
        version,
      ],
    },
  ),
  ...formsOf(
    "p.$slug.projects.new.tsx",
    { as: "delegateAu" },
    {
      "register a project": [
        intent("submit"),
        ...projectFields({
          name: "Mount Weld Heavy Rare Earths",
          latitude: "-28.862",
          longitude: "122.551",
          capex: "900,000,000",
          fundingSought: "300,000,000",
          esgNotes: "Dry stacking.",
          registeringMemberId: ids.member.AU,
          capacity: "1,200",
          firstYear: "2030",
        }),
      ],
    },
  ),
  ...formsOf(
    "p.$slug.resilience.$mineral.tsx",
    { as: "secretariat", params: { mineral: "rare_earths" } },
    {
      "set a world total": [
        intent("set-world-total"),
        ["stage", "magnets", "choice"],
        ["year", "2024", "year"],
        ["worldTotal", "240,000", "quantity"],
        ["source", "Adamas Intelligence, Rare Earth Magnet Market Outlook, 2024", "text"],
        ["sourceUrl", "https://www.adamasintel.com/", "url"],
        ["note", "Sintered NdFeB.", "text"],
      ],
      "remove a world total": [intent("remove-world-total"), ["stage", "magnets", "choice"]],
    },
  ),
  /* Technology sharing (issue 13): the United States' gallium offer (8a…03, shared with every member, no
     conversation yet), Australia's separation request (8b…01) and Japan's answer to it (8e…03, in talks),
     Japan's economic security fund (8c…01, presented at the fourth ministerial, 8f…01). */
  ...formsOf(
    "p.$slug.technology.$kind.new.tsx",
    { as: "delegateJp", params: { kind: "offers" } },
    {
      "offer a technology": [
        ...offerFields({
          title: "Molten-salt electrolysis of NdPr metal",
          description: "Continuous cells, 10 t/yr each.",
          category: "metallisation",
          minerals: "NdPr",
          trl: "6",
          holderOrganisation: "JOGMEC",
          licensingTerms: "Non-exclusive licence.",
          exportControlRegime: "Wassenaar Arrangement, 1C",
          exportControlNote: "Licence needed for the cell design.",
          contactMembershipId: ids.membership.delegateJp,
        }),
        ...chosenAudience(ids.member.CA),
      ],
    },
  ),
  ...formsOf(
    "p.$slug.technology.$kind.$itemId.edit.tsx",
    { as: "delegateUs", params: { kind: "offers", itemId: ids.offer(3) } },
    {
      "edit an offer": [
        ["itemId", ids.offer(3), "id"],
        version,
        ...offerFields({
          title: "Gallium recovery from Bayer liquor",
          description: "Ion exchange on the liquor.",
          category: "refining",
          minerals: "gallium",
          trl: "7",
          holderOrganisation: "Department of Energy",
          licensingTerms: "Government-use licence.",
          exportControlRegime: "EAR, 1C",
          exportControlNote: "Licence for China only.",
          contactMembershipId: "",
        }),
      ],
    },
  ),
  ...formsOf(
    "p.$slug.technology.$kind.$itemId._index.tsx",
    { as: "delegateUs", params: { kind: "offers", itemId: ids.offer(3) } },
    {
      "change who sees an offer": [
        intent("audience"),
        ["itemId", ids.offer(3), "id"],
        version,
        ...chosenAudience(ids.member.JP),
      ],
      "move an offer into talks": [
        intent("status:in_talks"),
        ["itemId", ids.offer(3), "id"],
        version,
        ["status", "in_talks", "choice"],
      ],
      "express interest in an offer": {
        as: "delegateJp",
        fields: [
          intent("interest"),
          ["itemId", ids.offer(3), "id"],
          ["message", "Japan would like to license this for Toyama.", "text"],
        ],
      },
      "agree in a conversation": {
        as: "delegateAu",
        params: { kind: "requests", itemId: ids.request(1) },
        fields: [
          intent(`move:${ids.interest(3)}:agreed`),
          ["interestId", ids.interest(3), "id"],
          version,
          ["status", "agreed", "choice"],
          ["termsSummary", "Two engineers seconded for a year.", "text"],
          ["agreedOn", "2026-06-30", "date"],
        ],
      },
      "remove an offer": [intent("delete")],
    },
  ),
  ...formsOf(
    "p.$slug.actions.new.tsx",
    { as: "delegateJp" },
    {
      "report a national action": [
        ["typedIn", "en", "choice"],
        ...actionFields({
          title: "Magnet recycling subsidy",
          summary: "Grants for recycling lines.",
          status: "planned",
        }),
        ...chosenAudience(ids.member.CA),
      ],
    },
  ),
  ...formsOf(
    "p.$slug.actions.$actionId.edit.tsx",
    { as: "delegateJp", params: { actionId: ids.action(1) } },
    {
      "edit a national action": [
        ["typedIn", "en", "choice"],
        ["itemId", ids.action(1), "id"],
        version,
        ...actionFields({
          title: "Economic security fund",
          summary: "Equity for separation plants.",
          status: "under_way",
        }),
      ],
    },
  ),
  ...formsOf(
    "p.$slug.actions.$actionId._index.tsx",
    { as: "delegateJp", params: { actionId: ids.action(1) } },
    {
      "change who sees a national action": [
        intent("audience"),
        ["itemId", ids.action(1), "id"],
        version,
        ...chosenAudience(ids.member.CA),
      ],
      "mark an action presented at a meeting": {
        as: "secretariat",
        fields: [
          intent("present"),
          ["actionId", ids.action(1), "id"],
          ["meetingId", ids.meeting(2), "id"],
        ],
      },
      "unmark an action presented at a meeting": {
        as: "secretariat",
        fields: [
          intent(`unpresent:${ids.meeting(1)}:${ids.action(1)}`),
          ["actionId", ids.action(1), "id"],
          ["meetingId", ids.meeting(1), "id"],
        ],
      },
      "remove a national action": [intent("delete")],
    },
  ),
  ...formsOf(
    "p.$slug.meetings.tsx",
    { as: "secretariat" },
    {
      "record a meeting": [
        intent("create"),
        ["title", "Sixth Critical Minerals Ministerial", "text"],
        ["place", "Canberra", "text"],
        ["heldOn", tomorrowish, "date"],
      ],
      "mark an action presented": [
        intent(`present:${ids.meeting(2)}`),
        ["meetingId", ids.meeting(2), "id"],
        ["actionId", ids.action(2), "id"],
      ],
      "unmark an action presented": [
        intent(`unpresent:${ids.meeting(1)}:${ids.action(1)}`),
        ["meetingId", ids.meeting(1), "id"],
        ["actionId", ids.action(1), "id"],
      ],
      "remove a meeting": [intent(`delete:${ids.meeting(2)}`), ["meetingId", ids.meeting(2), "id"]],
    },
  ),
  ...formsOf(
    "p._index.tsx",
    { as: "observer" },
    { "accept an invitation": [["invitationId", ids.fresh(1), "id"]] },
  ),
  // :token is a pending invitation's, made in beforeAll
  ...formsOf(
    "invitations.$token.tsx",
    { as: null },
    { "accept an invitation by its link": newPassword },
  ),
  ...formsOf(
    "sign-in.tsx",
    { as: null },
    {
      "sign in": [
        ["email", PEOPLE.observer, "email"],
        ["password", "lodestone-demo", "secret"],
        ["redirectTo", "/p/critical-minerals/board", "redirect"],
      ],
    },
  ),
  ...formsOf(
    "language.tsx",
    { as: "delegateUs" },
    {
      "switch the language": [
        ["language", "fr", "choice"],
        ["redirectTo", "/p/critical-minerals/board", "redirect"],
      ],
    },
  ),
  ...formsOf(
    "profile.tsx",
    { as: "delegateUs" },
    {
      "save one's name and language": [
        ["displayName", "Jordan Ellis", "text"],
        ["organisation", "Department of State", "text"],
        ["language", "fr", "choice"],
      ],
    },
  ),
  ...formsOf(
    "forgot-password.tsx",
    { as: null },
    { "ask for a reset link": [["email", PEOPLE.observer, "email"]] },
  ),
  ...formsOf(
    "reset-password.tsx",
    { as: null },
    { "choose a new password": [["token", "a-token-from-a-mail", "secret"], ...newPassword] },
  ),
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
