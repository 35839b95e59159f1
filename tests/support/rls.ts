/*
 * Fixtures for the row-level security tests: the seed's demo users as claims, the seed's fixed ids, and
 * helpers that run one statement as a user inside a transaction that is always rolled back, so cases never
 * affect each other, then assert the outcome explicitly (rows seen or affected, or the refusal).
 */
import type { Database, Queryable } from "~/db/engine.server";
import { runAsAnon, runAsUser, type Claims } from "~/db/rls.server";

const uuid = (prefix: string, n: number) =>
  `${prefix}-0000-4000-8000-${String(n).padStart(12, "0")}`;

export const ids = {
  cm: uuid("a1000000", 1),
  pb: uuid("a1000000", 2),
  member: {
    AU: uuid("b1000000", 1),
    CA: uuid("b1000000", 2),
    EU: uuid("b1000000", 3),
    FR: uuid("b1000000", 4),
    DE: uuid("b1000000", 5),
    IT: uuid("b1000000", 6),
    JP: uuid("b1000000", 7),
    MX: uuid("b1000000", 8),
    KR: uuid("b1000000", 9),
    GB: uuid("b1000000", 10),
    US: uuid("b1000000", 11),
    IN: uuid("b1000000", 12),
    pbAU: uuid("b2000000", 1),
    pbJP: uuid("b2000000", 2),
  },
  sponsor: {
    austral: uuid("c1000000", 1),
    northern: uuid("c1000000", 2),
    hokuyo: uuid("c1000000", 3),
    meridian: uuid("c1000000", 4),
    coralSea: uuid("c2000000", 1),
  },
  membership: {
    secretariat: uuid("e1000000", 1),
    delegateJp: uuid("e1000000", 2),
    delegateAu: uuid("e1000000", 3),
    observer: uuid("e1000000", 6),
    twoHatsCm: uuid("e1000000", 7),
    revokedDe: uuid("e1000000", 10),
    pacificSecretariat: uuid("e2000000", 1),
    twoHatsPb: uuid("e2000000", 2),
  },
  project: (n: number) => uuid("f1000000", n),
  pbProject: (n: number) => uuid("f2000000", n),
  milestone: (n: number) => uuid("5a000000", n),
  pbMilestone: (n: number) => uuid("5b000000", n),
  milestoneUpdate: (n: number) => uuid("5c000000", n),
  pledge: (n: number) => uuid("9a000000", n),
  pbPledge: (n: number) => uuid("9b000000", n),
  amendment: (n: number) => uuid("9c000000", n),
  tranche: (n: number) => uuid("7a000000", n),
  pbTranche: (n: number) => uuid("7b000000", n),
  output: (n: number) => uuid("6a000000", n),
  pbOutput: (n: number) => uuid("6c000000", n),
  link: (n: number) => uuid("6b000000", n),
  offer: (n: number) => uuid("8a000000", n),
  request: (n: number) => uuid("8b000000", n),
  action: (n: number) => uuid("8c000000", n),
  pbAction: (n: number) => uuid("8d000000", n),
  interest: (n: number) => uuid("8e000000", n),
  meeting: (n: number) => uuid("8f000000", n),
  presentation: (n: number) => uuid("4a000000", n),
  /** Ids for rows a case inserts itself. */
  fresh: (n: number) => uuid("fe000000", n),
};

export const demoUsers = {
  secretariat: { id: uuid("d0000000", 1), email: "secretariat@demo.lodestone.example" },
  delegateJp: { id: uuid("d0000000", 2), email: "delegate.jp@demo.lodestone.example" },
  delegateAu: { id: uuid("d0000000", 3), email: "delegate.au@demo.lodestone.example" },
  delegateUs: { id: uuid("d0000000", 4), email: "delegate.us@demo.lodestone.example" },
  sponsor: { id: uuid("d0000000", 5), email: "sponsor@demo.lodestone.example" },
  observer: { id: uuid("d0000000", 6), email: "observer@demo.lodestone.example" },
  twoHats: { id: uuid("d0000000", 7), email: "two.hats@demo.lodestone.example" },
  pacificSecretariat: { id: uuid("d0000000", 8), email: "secretariat@pacific.lodestone.example" },
  sponsorNorthern: { id: uuid("d0000000", 9), email: "sponsor.northern@demo.lodestone.example" },
  revokedDelegateDe: {
    id: uuid("d0000000", 10),
    email: "former.delegate.de@demo.lodestone.example",
  },
} as const;
export type DemoUser = keyof typeof demoUsers;

/**
 * The roles of the matrix, seen from the target project "Pilbara Rare Earth Separation Plant" (registered by
 * Japan, run by Austral Rare Earths) in the Critical Minerals Ministerial.
 */
export const matrixActors = {
  "delegate of A (Japan)": "delegateJp",
  "delegate of B (Australia)": "delegateAu",
  "sponsor of the project": "sponsor",
  "sponsor of another project": "sponsorNorthern",
  secretariat: "secretariat",
  observer: "observer",
  "member of another partnership": "pacificSecretariat",
  anon: "anon",
} as const satisfies Record<string, DemoUser | "anon">;
export type MatrixActor = keyof typeof matrixActors;
export type Actor = DemoUser | "anon";

export function claimsFor(user: DemoUser): Claims {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: demoUsers[user].id,
    email: demoUsers[user].email,
    role: "authenticated",
    aud: "authenticated",
    iat: now,
    exp: now + 3600,
    app_metadata: { provider: "email", providers: ["email"] },
    user_metadata: {},
  };
}

/** Becomes another user in the middle of a transaction (for the traps that need two actors). */
export async function switchTo(tx: Queryable, actor: Actor): Promise<void> {
  await tx.query(
    "select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)",
    actor === "anon"
      ? ["anon", JSON.stringify({ role: "anon" })]
      : ["authenticated", JSON.stringify(claimsFor(actor))],
  );
}

const ROLLBACK = Symbol("rollback");

/**
 * Runs `work` as `actor` (through runAsUser / runAsAnon, as the app does) and always rolls back.
 * `setup` runs first as the owner, inside the same transaction.
 */
export async function rolledBack<T>(
  db: Database,
  actor: Actor,
  work: (tx: Queryable) => Promise<T>,
  setup?: string,
): Promise<T> {
  let result: T | undefined;
  const body = async (tx: Queryable) => {
    if (setup) {
      await tx.exec(
        `reset role; ${setup}; select set_config('role', '${actor === "anon" ? "anon" : "authenticated"}', true);`,
      );
    }
    result = await work(tx);
    throw ROLLBACK;
  };
  try {
    await (actor === "anon" ? runAsAnon(db, body) : runAsUser(db, claimsFor(actor), body));
  } catch (error) {
    if (error !== ROLLBACK) throw error;
  }
  return result as T;
}

export type Attempt = { rows: Record<string, unknown>[]; error?: undefined } | { error: Error };

/** One statement as `actor`, rolled back; a database error is returned, not thrown. */
export function attempt(
  db: Database,
  actor: Actor,
  sql: string,
  params: unknown[] = [],
  setup?: string,
): Promise<Attempt> {
  return rolledBack(
    db,
    actor,
    async (tx) => {
      try {
        return { rows: await tx.query(sql, params) };
      } catch (error) {
        return { error: error as Error };
      }
    },
    setup,
  );
}

/** Expected outcome: a number of rows seen or affected, "denied" (RLS or privilege error), or a message. */
export type Outcome = number | "denied" | RegExp;

export const DENIED = /row-level security|permission denied/;

export function expectOutcome(result: Attempt, expected: Outcome): void {
  if (typeof expected === "number") {
    expect(result.error?.message).toBeUndefined();
    expect(result.error ? undefined : result.rows).toHaveLength(expected);
  } else {
    expect(result.error?.message ?? `succeeded with ${JSON.stringify(result)}`).toMatch(
      expected === "denied" ? DENIED : expected,
    );
  }
}

export function expectRows(result: Attempt, count: number): void {
  expectOutcome(result, count);
}

export function expectDenied(result: Attempt, message: RegExp = DENIED): void {
  expectOutcome(result, message);
}
