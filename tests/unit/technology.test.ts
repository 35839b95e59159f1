/*
 * The technology register's and national actions' rules, pure: the forms, the life of an item and of an
 * expression of interest, who may see an item and move a conversation (rule 8), and matching offers to requests.
 * tests/db/technology.test.ts checks that the transitions and the visibility rule are the database's.
 */
import { translate } from "~/i18n/i18n.server";
import {
  ACTION_KINDS,
  EditNationalActionSchema,
  MeetingSchema,
  NationalActionSchema,
} from "~/domain/national-actions";
import {
  canMoveInterest,
  interestMoves,
  maySeeItem,
  ownsItem,
  type Actor,
} from "~/domain/permissions";
import {
  AudienceSchema,
  describeAudience,
  SetAudienceSchema,
  sharingFormValues,
  type ItemAudience,
} from "~/domain/sharing";
import {
  canMoveItem,
  EditTechnologyItemSchema,
  INTEREST_STATUSES,
  InterestMoveSchema,
  InterestSchema,
  isFinalInterest,
  ITEM_TRANSITIONS,
  matchOffers,
  sharedMinerals,
  TECHNOLOGY_STATUSES,
  TechnologyItemSchema,
  type MatchableOffer,
} from "~/domain/technology";

const AU = "b1000000-0000-4000-8000-000000000001";
const CA = "b1000000-0000-4000-8000-000000000002";
const FR = "b1000000-0000-4000-8000-000000000004";
const JP = "b1000000-0000-4000-8000-000000000007";
const ITEM = "8a000000-0000-4000-8000-000000000001";

const actors = {
  japan: { role: "delegate", memberId: JP, sponsorOrganisationId: null },
  canada: { role: "delegate", memberId: CA, sponsorOrganisationId: null },
  australia: { role: "delegate", memberId: AU, sponsorOrganisationId: null },
  secretariat: { role: "secretariat", memberId: null, sponsorOrganisationId: null },
  sponsor: {
    role: "sponsor",
    memberId: null,
    sponsorOrganisationId: "c1000000-0000-4000-8000-000000000001",
  },
  observer: { role: "observer", memberId: null, sponsorOrganisationId: null },
} satisfies Record<string, Actor>;

const offerFields = {
  title: "  Solvent-extraction separation  ",
  category: "separation",
  minerals: ["Dy", "Tb", "Dy"],
  trl: "8",
  holderOrganisation: "Kansai Rare Earth Separation Institute",
  audience: "chosen",
  memberIds: [CA, FR],
};

describe("the offer and request form", () => {
  it("trims, removes repeated minerals and reads the TRL as a number", () => {
    const parsed = TechnologyItemSchema.parse(offerFields);
    expect(parsed).toMatchObject({
      title: "Solvent-extraction separation",
      minerals: ["Dy", "Tb"],
      trl: 8,
      description: null,
      licensingTerms: null,
      contactMembershipId: null,
      exportControlled: false,
      audience: "chosen",
      memberIds: [CA, FR],
      includesSecretariat: false,
    });
  });

  it("refuses a TRL outside 1–9, an unknown category or mineral, and no mineral", () => {
    for (const [field, value] of [
      ["trl", "10"],
      ["trl", "0"],
      ["trl", "7.5"],
      ["trl", "high"],
      ["category", "smelting"],
      ["minerals", ["gold"]],
      ["minerals", []],
    ] as const) {
      const result = TechnologyItemSchema.safeParse({ ...offerFields, [field]: value });
      expect(result.success, `${field} = ${JSON.stringify(value)}`).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path[0])).toContain(field);
    }
  });

  it("needs the regime of an export-controlled technology, and drops regime and note without control", () => {
    const missing = TechnologyItemSchema.safeParse({ ...offerFields, exportControlled: "on" });
    expect(missing.error?.issues).toEqual([
      expect.objectContaining({ path: ["exportControlRegime"] }),
    ]);
    const controlled = TechnologyItemSchema.parse({
      ...offerFields,
      exportControlled: "on",
      exportControlRegime: "Wassenaar Arrangement, category 1C",
      exportControlNote: "Licence needed.",
    });
    expect(controlled).toMatchObject({
      exportControlled: true,
      exportControlRegime: "Wassenaar Arrangement, category 1C",
      exportControlNote: "Licence needed.",
    });
    const free = TechnologyItemSchema.parse({
      ...offerFields,
      exportControlRegime: "Wassenaar Arrangement, category 1C",
      exportControlNote: "Licence needed.",
    });
    expect(free).toMatchObject({
      exportControlled: false,
      exportControlRegime: null,
      exportControlNote: null,
    });
  });

  it("edits against a version, without the audience", () => {
    const edit = EditTechnologyItemSchema.parse({
      ...offerFields,
      itemId: ITEM,
      version: "3",
    });
    expect(edit).toMatchObject({ itemId: ITEM, version: 3, trl: 8 });
    expect(edit).not.toHaveProperty("audience");
    expect(EditTechnologyItemSchema.safeParse({ ...offerFields, itemId: ITEM }).success).toBe(
      false,
    );
  });

  it("reads a posted form's repeated fields as lists", () => {
    const form = new FormData();
    form.append("title", "Separation");
    form.append("minerals", "Dy");
    form.append("minerals", "Tb");
    form.append("memberIds", CA);
    expect(sharingFormValues(form)).toEqual({
      title: "Separation",
      minerals: ["Dy", "Tb"],
      memberIds: [CA],
    });
    // A single mineral posted as text is a list of one.
    expect(
      TechnologyItemSchema.parse({ ...offerFields, minerals: "Dy", audience: "private" }),
    ).toMatchObject({ minerals: ["Dy"], memberIds: [] });
  });
});

describe("the audience form", () => {
  it("keeps the chosen governments and the secretariat's tick only for a chosen audience", () => {
    expect(
      AudienceSchema.parse({
        audience: "chosen",
        memberIds: [CA, CA, FR],
        includesSecretariat: "on",
      }),
    ).toEqual({ audience: "chosen", memberIds: [CA, FR], includesSecretariat: true });
    expect(
      AudienceSchema.parse({ audience: "partnership", memberIds: [CA], includesSecretariat: "on" }),
    ).toEqual({ audience: "partnership", memberIds: [], includesSecretariat: false });
    expect(AudienceSchema.parse({ audience: "private", memberIds: CA })).toEqual({
      audience: "private",
      memberIds: [],
      includesSecretariat: false,
    });
  });

  it("refuses a chosen audience with nobody in it, and an unknown audience", () => {
    expect(AudienceSchema.safeParse({ audience: "chosen" }).error?.issues).toEqual([
      expect.objectContaining({ path: ["memberIds"] }),
    ]);
    // The secretariat alone is an audience.
    expect(
      AudienceSchema.safeParse({ audience: "chosen", includesSecretariat: "on" }).success,
    ).toBe(true);
    expect(AudienceSchema.safeParse({ audience: "everyone" }).success).toBe(false);
    expect(
      SetAudienceSchema.safeParse({ itemId: ITEM, version: "2", audience: "chosen", memberIds: [] })
        .success,
    ).toBe(false);
    expect(
      SetAudienceSchema.parse({ itemId: ITEM, version: "2", audience: "chosen", memberIds: [CA] }),
    ).toEqual({
      itemId: ITEM,
      version: 2,
      audience: "chosen",
      memberIds: [CA],
      includesSecretariat: false,
    });
  });

  it("reads the audience in words for its owner, in each language", () => {
    const inEnglish = (message: string) => translate("en", message);
    const chosen = { audience: "chosen", includesSecretariat: false } as const;
    const withSecretariat = { audience: "chosen", includesSecretariat: true } as const;
    expect(describeAudience(chosen, ["Canada", "France"], "en", inEnglish)).toBe(
      "Canada and France",
    );
    expect(describeAudience(withSecretariat, ["Canada", "France"], "en", inEnglish)).toBe(
      "Canada, France and the secretariat",
    );
    expect(describeAudience(withSecretariat, [], "en", inEnglish)).toBe("the secretariat");
    expect(describeAudience(chosen, [], "en", inEnglish)).toBe("Nobody yet");
    expect(
      describeAudience({ audience: "private", includesSecretariat: false }, [], "en", inEnglish),
    ).toBe("Only my government");
    expect(
      describeAudience(withSecretariat, ["Canada", "Japon"], "fr", (m) => translate("fr", m)),
    ).toBe("Canada, Japon et le secrétariat");
    expect(
      describeAudience({ audience: "partnership", includesSecretariat: false }, [], "ja", (m) =>
        translate("ja", m),
      ),
    ).toBe("すべての政府と事務局");
  });
});

describe("who may see an item (rule 8)", () => {
  const item = (
    audience: ItemAudience["audience"],
    extra: Partial<ItemAudience> = {},
  ): ItemAudience => ({
    ownerMemberId: JP,
    audience,
    includesSecretariat: false,
    memberIds: [],
    ...extra,
  });
  const seers = (subject: ItemAudience) =>
    Object.entries(actors)
      .filter(([, actor]) => maySeeItem(actor, subject))
      .map(([name]) => name);

  it("shows a chosen item to its owner and the chosen governments, the secretariat only when ticked", () => {
    expect(seers(item("chosen", { memberIds: [CA, FR] }))).toEqual(["japan", "canada"]);
    expect(seers(item("chosen", { memberIds: [CA], includesSecretariat: true }))).toEqual([
      "japan",
      "canada",
      "secretariat",
    ]);
  });

  it("shows a partnership-wide item to every government and the secretariat, never to sponsors or observers", () => {
    expect(seers(item("partnership"))).toEqual(["japan", "canada", "australia", "secretariat"]);
  });

  it("shows a private item to its owner alone", () => {
    expect(seers(item("private", { memberIds: [CA] }))).toEqual(["japan"]);
    expect(ownsItem(actors.japan, item("private"))).toBe(true);
    expect(ownsItem(actors.canada, item("private"))).toBe(false);
  });
});

describe("the life of an offer or request", () => {
  it("never stays put, and an agreed item only closes", () => {
    for (const from of TECHNOLOGY_STATUSES) {
      expect(canMoveItem(from, from)).toBe(false);
    }
    expect(ITEM_TRANSITIONS.agreed).toEqual(["closed"]);
    expect(canMoveItem("closed", "open")).toBe(true);
    expect(canMoveItem("agreed", "open")).toBe(false);
  });
});

describe("expressions of interest", () => {
  const interest = (status: (typeof INTEREST_STATUSES)[number]) => ({
    ownerMemberId: JP,
    memberId: CA,
    status,
  });

  it("lets the item's government move the conversation and the other only withdraw", () => {
    expect(interestMoves(actors.japan, interest("sent"))).toEqual(["in_talks", "declined"]);
    expect(interestMoves(actors.japan, interest("in_talks"))).toEqual(["agreed", "declined"]);
    expect(interestMoves(actors.canada, interest("sent"))).toEqual(["declined"]);
    expect(interestMoves(actors.canada, interest("in_talks"))).toEqual(["declined"]);
    for (const actor of [actors.australia, actors.secretariat, actors.sponsor, actors.observer]) {
      expect(interestMoves(actor, interest("sent"))).toEqual([]);
    }
    expect(canMoveInterest(actors.canada, interest("in_talks"), "agreed")).toBe(false);
  });

  it("ends at agreed or declined", () => {
    expect(INTEREST_STATUSES.filter(isFinalInterest)).toEqual(["agreed", "declined"]);
    for (const status of ["agreed", "declined"] as const) {
      expect(interestMoves(actors.japan, interest(status))).toEqual([]);
    }
  });

  it("needs a message, and an agreement its terms and date", () => {
    expect(InterestSchema.safeParse({ itemId: ITEM, message: "   " }).success).toBe(false);
    const base = { interestId: ITEM, version: "1" };
    const agreed = InterestMoveSchema.safeParse({ ...base, status: "agreed" });
    expect(agreed.error?.issues.map((issue) => issue.path[0]).sort()).toEqual([
      "agreedOn",
      "termsSummary",
    ]);
    expect(
      InterestMoveSchema.safeParse({
        ...base,
        status: "agreed",
        termsSummary: "Licence.",
        agreedOn: "2026-02-30",
      }).success,
    ).toBe(false);
    expect(
      InterestMoveSchema.parse({
        ...base,
        status: "agreed",
        termsSummary: " Licence. ",
        agreedOn: "2026-10-15",
      }),
    ).toEqual({
      interestId: ITEM,
      version: 1,
      status: "agreed",
      termsSummary: "Licence.",
      agreedOn: "2026-10-15",
    });
    // Terms travel only with an agreement.
    expect(
      InterestMoveSchema.parse({
        ...base,
        status: "in_talks",
        termsSummary: "x",
        agreedOn: "2026-10-15",
      }),
    ).toMatchObject({ termsSummary: null, agreedOn: null });
  });
});

describe("matching offers to a request", () => {
  const request = {
    id: "r",
    ownerMemberId: AU,
    category: "separation" as const,
    minerals: ["Dy", "Tb"],
  };
  const offer = (id: string, extra: Partial<MatchableOffer>): MatchableOffer => ({
    id,
    ownerMemberId: JP,
    title: id,
    category: "separation",
    minerals: ["Dy"],
    trl: 5,
    status: "open",
    ...extra,
  });

  it("keeps offers of the same category sharing a mineral, most mature first, then by title", () => {
    const offers = [
      offer("b-low", { trl: 4 }),
      offer("other-category", { category: "refining", trl: 9 }),
      offer("no-shared-mineral", { minerals: ["NdPr"], trl: 9 }),
      offer("a-high", { trl: 8, minerals: ["Tb", "NdPr"] }),
      offer("closed", { status: "closed", trl: 9 }),
      offer("requester's own", { ownerMemberId: AU, trl: 9 }),
      offer("c-high", { trl: 8, status: "agreed" }),
      offer("in-talks", { trl: 6, status: "in_talks" }),
    ];
    expect(matchOffers(request, offers).map((o) => o.id)).toEqual([
      "a-high",
      "c-high",
      "in-talks",
      "b-low",
    ]);
    expect(sharedMinerals(request, offer("x", { minerals: ["Tb", "NdPr", "Dy"] }))).toEqual([
      "Dy",
      "Tb",
    ]);
  });
});

describe("the national action form", () => {
  const action = {
    kind: "investment",
    title: "Separation fund",
    summary: "Grants for separation plants.",
    minerals: ["NdPr"],
    status: "under_way",
    audience: "partnership",
  };

  it("stores an amount exactly in minor units with its currency, or neither", () => {
    expect(
      NationalActionSchema.parse({ ...action, amount: "50,000,000,000", currency: "JPY" }),
    ).toMatchObject({ amountMinor: "50000000000", currency: "JPY" });
    expect(
      NationalActionSchema.parse({ ...action, amount: "1,200,000,000.50", currency: "AUD" }),
    ).toMatchObject({ amountMinor: "120000000050", currency: "AUD" });
    expect(NationalActionSchema.parse({ ...action, amount: "", currency: "AUD" })).toMatchObject({
      amountMinor: null,
      currency: null,
    });
    expect(NationalActionSchema.parse(action)).not.toHaveProperty("amount");
  });

  it("refuses an amount without currency, too many decimals, too large, or a target before the start", () => {
    const issues = (extra: Record<string, unknown>) =>
      NationalActionSchema.safeParse({ ...action, ...extra }).error?.issues.map((i) => i.path[0]);
    expect(issues({ amount: "100" })).toEqual(["currency"]);
    expect(issues({ amount: "100.5", currency: "JPY" })).toEqual(["amount"]);
    expect(issues({ amount: "0", currency: "USD" })).toEqual(["amount"]);
    expect(issues({ amount: "99999999999999999999", currency: "USD" })).toEqual(["amount"]);
    expect(issues({ startsOn: "2027-01-01", targetOn: "2026-12-31" })).toEqual(["targetOn"]);
    expect(issues({ publicUrl: "javascript:alert(1)" })).toEqual(["publicUrl"]);
    expect(issues({ kind: "tariff" })).toEqual(["kind"]);
  });

  it("takes actions without minerals, and edits without the audience", () => {
    expect(NationalActionSchema.parse({ ...action, minerals: [] })).toMatchObject({ minerals: [] });
    expect(ACTION_KINDS).toContain("r_and_d");
    const edit = EditNationalActionSchema.parse({ ...action, itemId: ITEM, version: "4" });
    expect(edit).toMatchObject({ itemId: ITEM, version: 4, amountMinor: null });
    expect(edit).not.toHaveProperty("audience");
  });

  it("records a meeting with a real date", () => {
    expect(
      MeetingSchema.safeParse({ title: "Ministerial", place: "Tokyo", heldOn: "2026-10-20" })
        .success,
    ).toBe(true);
    expect(
      MeetingSchema.safeParse({
        title: "Ministerial",
        place: "",
        heldOn: "2026-13-01",
      }).error?.issues.map((issue) => issue.path[0]),
    ).toEqual(["place", "heldOn"]);
  });
});
