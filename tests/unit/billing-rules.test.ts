import fc from "fast-check";
import {
  bankTransferFor,
  invoiceEventWins,
  subscriptionEventWins,
  trancheInvoiceStatus,
  tranchePaymentState,
  trialDaysLeft,
  writableUntil,
  type KeptSubscriptionState,
  type SubscriptionStatus,
} from "~/billing/rules";
import { BankTransferSchema } from "~/billing/schemas";
import { connectionSettings } from "~/billing/stripe.server";

const at = (seconds: number) => new Date(seconds * 1000);

describe("subscription events out of order", () => {
  const kept = (
    status: SubscriptionStatus,
    seconds: number,
    id = "sub_A",
  ): KeptSubscriptionState => ({
    subscriptionId: id,
    status,
    stateAt: at(seconds),
  });

  it("applies the first event and any newer one, never an older one", () => {
    const first = { subscriptionId: null, status: "trialing" as const, stateAt: null };
    expect(
      subscriptionEventWins(first, { subscriptionId: "sub_A", status: "active", createdAt: at(5) }),
    ).toBe(true);
    expect(
      subscriptionEventWins(kept("active", 10), {
        subscriptionId: "sub_A",
        status: "past_due",
        createdAt: at(11),
      }),
    ).toBe(true);
    expect(
      subscriptionEventWins(kept("canceled", 10), {
        subscriptionId: "sub_A",
        status: "active",
        createdAt: at(9),
      }),
    ).toBe(false);
  });

  it("lets a newer event reactivate after a deletion", () => {
    expect(
      subscriptionEventWins(kept("canceled", 10), {
        subscriptionId: "sub_B",
        status: "active",
        createdAt: at(20),
      }),
    ).toBe(true);
  });

  it("does not let a replaced subscription's deletion end the current one", () => {
    expect(
      subscriptionEventWins(kept("active", 10, "sub_B"), {
        subscriptionId: "sub_A",
        status: "canceled",
        createdAt: at(30),
      }),
    ).toBe(false);
  });

  it("breaks ties within one second by the lifecycle, whatever the arrival order", () => {
    expect(
      subscriptionEventWins(kept("canceled", 10), {
        subscriptionId: "sub_A",
        status: "active",
        createdAt: at(10),
      }),
    ).toBe(false);
    expect(
      subscriptionEventWins(kept("incomplete", 10), {
        subscriptionId: "sub_A",
        status: "active",
        createdAt: at(10),
      }),
    ).toBe(true);
  });

  it("ends in the newest event's state for any delivery order (property)", () => {
    const statuses: SubscriptionStatus[] = [
      "incomplete",
      "trialing",
      "active",
      "past_due",
      "canceled",
    ];
    const eventArb = fc.record({
      status: fc.constantFrom(...statuses),
      created: fc.integer({ min: 0, max: 5 }),
    });
    fc.assert(
      fc.property(
        fc
          .array(eventArb, { minLength: 1, maxLength: 8 })
          .chain((events) =>
            fc.tuple(
              fc.constant(events),
              fc.shuffledSubarray(events, { minLength: events.length }),
            ),
          ),
        ([events, delivered]) => {
          const fold = (list: typeof events) =>
            list.reduce<KeptSubscriptionState>(
              (state, event) =>
                subscriptionEventWins(state, {
                  subscriptionId: "sub_A",
                  status: event.status,
                  createdAt: at(event.created),
                })
                  ? { subscriptionId: "sub_A", status: event.status, stateAt: at(event.created) }
                  : state,
              { subscriptionId: null, status: "trialing", stateAt: null },
            );
          expect(fold(delivered)).toEqual(fold(events));
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("tranche invoice state", () => {
  const invoice = (status: string, due: number, paid: number) => ({
    status,
    amount_due: due,
    amount_paid: paid,
  });

  it.each([
    ["a paid invoice", invoice("paid", 100, 100), "invoice.paid", "paid"],
    ["invoice.paid whatever the object says", invoice("open", 100, 100), "invoice.paid", "paid"],
    ["a voided invoice", invoice("void", 100, 0), "invoice.voided", "void"],
    ["a failed payment", invoice("open", 100, 0), "invoice.payment_failed", "payment_failed"],
    [
      "an uncollectible invoice",
      invoice("uncollectible", 100, 0),
      "invoice.updated",
      "payment_failed",
    ],
    ["part of the amount received", invoice("open", 100, 40), "invoice.updated", "partially_paid"],
    ["an open invoice", invoice("open", 100, 0), "invoice.finalized", "open"],
  ] as const)("reads %s", (_name, object, type, expected) => {
    expect(trancheInvoiceStatus(object, type)).toBe(expected);
  });

  it("never lets a late failure undo a payment, and keeps the newest otherwise", () => {
    const paid = { status: "paid" as const, stateAt: at(10), amountPaid: 100n };
    expect(
      invoiceEventWins(paid, { status: "payment_failed", createdAt: at(20), amountPaid: 0n }),
    ).toBe(false);
    const open = { status: "open" as const, stateAt: at(10), amountPaid: 0n };
    expect(invoiceEventWins(open, { status: "paid", createdAt: at(5), amountPaid: 100n })).toBe(
      true,
    );
    expect(
      invoiceEventWins(open, { status: "payment_failed", createdAt: at(5), amountPaid: 0n }),
    ).toBe(false);
    expect(
      invoiceEventWins(open, { status: "partially_paid", createdAt: at(10), amountPaid: 50n }),
    ).toBe(true);
  });

  it("shows a tranche's payment state", () => {
    const base = {
      status: "requested" as const,
      amountMinor: 1000n,
      paidMinor: 0n,
      invoiceStatus: null,
      invoicePaidMinor: 0n,
    };
    expect(tranchePaymentState(base)).toBe("requested");
    expect(tranchePaymentState({ ...base, invoiceStatus: "open" })).toBe("invoiced");
    expect(tranchePaymentState({ ...base, invoiceStatus: "payment_failed" })).toBe(
      "payment_failed",
    );
    expect(tranchePaymentState({ ...base, paidMinor: 400n })).toBe("partially_paid");
    expect(
      tranchePaymentState({ ...base, invoiceStatus: "partially_paid", invoicePaidMinor: 1n }),
    ).toBe("partially_paid");
    expect(tranchePaymentState({ ...base, paidMinor: 1000n })).toBe("paid");
    expect(tranchePaymentState({ ...base, status: "paid" })).toBe("paid");
    expect(tranchePaymentState({ ...base, status: "scheduled" })).toBe("scheduled");
  });
});

describe("bank-transfer invoices", () => {
  it("uses Stripe's bank transfer of the currency, and none where Stripe has none", () => {
    expect(bankTransferFor("USD", "US")).toEqual({ type: "us_bank_transfer" });
    expect(bankTransferFor("JPY", "JP")).toEqual({ type: "jp_bank_transfer" });
    expect(bankTransferFor("GBP", "GB")).toEqual({ type: "gb_bank_transfer" });
    expect(bankTransferFor("EUR", "FR")).toEqual({ type: "eu_bank_transfer", euCountry: "FR" });
    expect(bankTransferFor("EUR", "EU")).toEqual({ type: "eu_bank_transfer", euCountry: "DE" });
    expect(bankTransferFor("AUD", "AU")).toBeNull();
    expect(bankTransferFor("KRW", "KR")).toBeNull();
  });

  it("validates the bank transfer form with the schema the browser uses", () => {
    const valid = {
      intent: "record-transfer",
      trancheId: "7a000000-0000-4000-8000-000000000008",
      reference: "  FED-2026-1127 ",
      paidOn: "2026-11-20",
      amount: "15,000,000.00",
    };
    expect(BankTransferSchema.parse(valid)).toMatchObject({ reference: "FED-2026-1127" });
    const errors = (input: Record<string, string>) =>
      BankTransferSchema.safeParse({ ...valid, ...input }).error?.issues.map((i) => i.path[0]);
    expect(errors({ trancheId: "nope" })).toEqual(["trancheId"]);
    expect(errors({ reference: " " })).toEqual(["reference"]);
    expect(errors({ paidOn: "2026-02-30" })).toEqual(["paidOn"]);
    expect(errors({ paidOn: "20/11/2026" })).toEqual(["paidOn"]);
    expect(errors({ amount: "" })).toEqual(["amount"]);
    expect(errors({ amount: "fifteen" })).toEqual(["amount"]);
    expect(errors({ amount: "US$ 1,000.5" })).toBeUndefined();
    expect(errors({ amount: "1 250 000,50", typedIn: "fr" })).toBeUndefined();
  });
});

describe("trial and read-only rule", () => {
  const now = new Date("2026-11-27T12:00:00Z");

  it("counts the trial's days left, a started day as a day", () => {
    expect(trialDaysLeft(new Date("2026-12-27T12:00:00Z"), now)).toBe(30);
    expect(trialDaysLeft(new Date("2026-11-27T13:00:00Z"), now)).toBe(1);
    expect(trialDaysLeft(new Date("2026-11-26T12:00:00Z"), now)).toBe(0);
    expect(trialDaysLeft(null, now)).toBe(0);
  });

  it.each([
    ["active", null, null, true],
    ["trialing", "2026-12-01T00:00:00Z", null, true],
    ["trialing", "2026-11-01T00:00:00Z", null, false],
    ["canceled", "2026-12-01T00:00:00Z", null, true],
    ["canceled", "2026-11-01T00:00:00Z", null, false],
    ["past_due", null, "2026-11-20T00:00:00Z", true],
    ["past_due", null, "2026-11-01T00:00:00Z", false],
    ["unpaid", null, "2026-11-26T00:00:00Z", false],
  ] as const)("%s, trial to %s, period to %s: writable %s", (status, trial, period, writable) => {
    expect(
      writableUntil(
        {
          status,
          trialEndsAt: trial ? new Date(trial) : null,
          currentPeriodEnd: period ? new Date(period) : null,
        },
        now,
      ).writable,
    ).toBe(writable);
  });
});

describe("Stripe client settings", () => {
  it("points the official library at a local server from a base URL", () => {
    expect(connectionSettings("http://127.0.0.1:12111")).toEqual({
      host: "127.0.0.1",
      port: "12111",
      protocol: "http",
    });
    expect(connectionSettings("https://stripe.internal")).toEqual({
      host: "stripe.internal",
      port: 443,
      protocol: "https",
    });
    expect(connectionSettings(undefined)).toEqual({});
  });
});
