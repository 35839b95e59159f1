import {
  amendSchema,
  describeRule,
  nestFormData,
  newPledgeFrom,
  pledgeFormSchema,
  ruleFromStored,
  ruleToStored,
  WithdrawSchema,
} from "~/domain/pledges";
import { fieldErrorsFrom } from "~/forms/validation";
import { translate } from "~/i18n/i18n.server";

const schema = pledgeFormSchema("USD");
const project = "f1000000-0000-4000-8000-000000000002";
const base = {
  projectId: project,
  currency: "USD",
  amount: "1,000,000",
  instrument: "grant",
  conditions: "",
  ruleKind: "none",
  tranches: [{ amount: "1000000", dueDate: "2027-03-31", milestoneId: "" }],
};

/** The form's errors as an English reader reads them. */
function english(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([field, message]) => [field, translate("en", message)]),
  );
}

function errorsOf(input: unknown) {
  const result = schema.safeParse(input);
  return result.success ? {} : english(fieldErrorsFrom(result.error));
}

describe("the new-pledge schema", () => {
  it("accepts a pledge whose tranches add up, and gives exact minor units", () => {
    const result = schema.safeParse({
      ...base,
      amount: "1,000,000.01",
      tranches: [
        { amount: "500,000", dueDate: "2027-03-31" },
        {
          amount: "500000.01",
          dueDate: "2027-09-30",
          milestoneId: "5a000000-0000-4000-8000-000000000005",
        },
      ],
    });
    expect(result.success).toBe(true);
    if (!result.success) return;
    const pledge = newPledgeFrom(result.data, "USD");
    expect(pledge.amountMinor).toBe(100000001n);
    expect(pledge.tranches.map((t) => t.amountMinor)).toEqual([50000000n, 50000001n]);
    expect(pledge.tranches[0]?.milestoneId).toBeNull();
    expect(pledge.rule).toBeNull();
  });

  it("says how far the tranches are from the pledge", () => {
    expect(
      errorsOf({ ...base, tranches: [{ amount: "400,000", dueDate: "2027-03-31" }] }).trancheTotal,
    ).toBe("The tranches add up to US$400,000.00, not US$1,000,000.00: add US$600,000.00.");
    expect(
      errorsOf({ ...base, tranches: [{ amount: "1,000,001", dueDate: "2027-03-31" }] })
        .trancheTotal,
    ).toMatch(/remove US\$1\.00/);
  });

  it("refuses decimals JPY does not have, on the field that has them", () => {
    const errors = errorsOf({
      ...base,
      currency: "JPY",
      amount: "1000.5",
      tranches: [{ amount: "10.5", dueDate: "2027-03-31" }],
    });
    expect(errors.amount).toBe("JPY has no minor unit: enter a whole amount.");
    expect(errors["tranches.0.amount"]).toBe("JPY has no minor unit: enter a whole amount.");
    expect(errors.trancheTotal).toBeUndefined();
  });

  it("gives a clear message per field", () => {
    const errors = errorsOf({
      projectId: "",
      currency: "XXQ",
      amount: "",
      instrument: "bond",
      ruleKind: "none",
      tranches: [{ amount: "", dueDate: "2027-02-30" }],
    });
    expect(errors.projectId).toBe("Choose a project.");
    expect(errors.currency).toMatch(/ISO 4217/);
    expect(errors.amount).toBe("Enter the amount pledged.");
    expect(errors.instrument).toBe("Choose an instrument.");
    expect(errors["tranches.0.dueDate"]).toMatch(/YYYY-MM-DD/);
    expect(errorsOf({ ...base, tranches: [] }).tranches).toBe("Add at least one tranche.");
    expect(errorsOf({ ...base, amount: "-5" }).amount).toBe("Enter an amount greater than zero.");
  });

  it("builds each co-funding rule and checks its parameters", () => {
    expect(
      errorsOf({ ...base, ruleKind: "min_other_members", ruleMembers: "0" }).ruleMembers,
    ).toMatch(/1 to 100/);
    expect(errorsOf({ ...base, ruleKind: "match", ruleRatio: "x", ruleCap: "" })).toMatchObject({
      ruleRatio: expect.stringMatching(/1:R/),
      ruleCap: expect.any(String),
    });
    const min = schema.parse({ ...base, ruleKind: "min_cofunding", ruleAmount: "10,000,000" });
    expect(newPledgeFrom(min, "USD").rule).toEqual({
      kind: "min_cofunding",
      amountMinor: 1000000000n,
      currency: "USD",
    });
    const match = schema.parse({
      ...base,
      currency: "JPY",
      amount: "3000000",
      ruleKind: "match",
      ruleRatio: "2",
      ruleCap: "2,500,000",
      tranches: [{ amount: "3000000", dueDate: "2027-03-31" }],
    });
    const rule = newPledgeFrom(match, "USD").rule;
    expect(rule).toEqual({ kind: "match", numerator: 1, denominator: 2, capMinor: 2500000n });
    expect(ruleToStored(rule)).toEqual({
      kind: "match",
      ratio: { numerator: 1, denominator: 2 },
      cap_minor: "2500000",
    });
    expect(ruleFromStored(ruleToStored(rule))).toEqual(rule);
    expect(translate("en", describeRule(rule, "JPY", "USD"))).toBe(
      "Matches other members’ commitments 1:2 up to JP¥2,500,000",
    );
    expect(translate("fr", describeRule(rule, "JPY", "USD"))).toContain("1:2");
    expect(translate("ja", describeRule(rule, "JPY", "USD"))).toContain("上限");
  });

  it("reads the stored seed rules (numbers or digit strings)", () => {
    expect(
      ruleFromStored({ kind: "min_cofunding", amount_minor: 1000000000, currency: "USD" }),
    ).toEqual({
      kind: "min_cofunding",
      amountMinor: 1000000000n,
      currency: "USD",
    });
    expect(ruleFromStored(null)).toBeNull();
    expect(ruleFromStored({ kind: "unknown" })).toBeNull();
  });

  it("nests posted tranche fields in order and ignores stray keys", () => {
    const form = new FormData();
    form.append("amount", "10");
    form.append("tranches.1.amount", "4");
    form.append("tranches.0.amount", "6");
    form.append("tranches.0.dueDate", "2027-01-01");
    form.append("tranches.999.amount", "1");
    expect(nestFormData(form.entries())).toEqual({
      amount: "10",
      tranches: [{ amount: "6", dueDate: "2027-01-01" }, { amount: "4" }],
    });
  });
});

describe("amend and withdraw schemas", () => {
  it("need a reason and a valid amount in the pledge's currency", () => {
    const amend = amendSchema("KRW");
    const bad = amend.safeParse({ newAmount: "1.5", amendReason: " " });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(english(fieldErrorsFrom(bad.error))).toMatchObject({
        newAmount: "KRW has no minor unit: enter a whole amount.",
        amendReason: expect.stringMatching(/Say why/),
      });
    }
    expect(amend.safeParse({ newAmount: "20,000,000", amendReason: "Budget" }).success).toBe(true);
    expect(WithdrawSchema.safeParse({ withdrawReason: "" }).success).toBe(false);
  });
});
