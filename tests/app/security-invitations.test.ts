/*
 * Issue 17, item 9, from the server's side: the secretariat's invitation is inserted under row-level security
 * without a token, and only the server (owner connection) issues the link's hash. The mailed link works; the
 * secretariat's own view of the row holds nothing that opens it.
 */
import { hashToken } from "~/auth/tokens.server";
import { provideDatabase } from "~/db/database.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";

process.env.JWT_SECRET = "invite-test-secret-invite-test-secret-invite";
const { invitePerson, listInvitations } = await import("~/models/people.server");
const { findInvitation } = await import("~/auth/invitations.server");

describe("invitation links", () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase("pglite", { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  it("are issued by the server, mailed, and open the invitation", async () => {
    const secretariat = await memberContext(handle.db, "secretariat");
    const email = "new.observer@ministry.example";
    const outcome = await invitePerson(
      secretariat,
      { email, role: "observer", language: "en" },
      "https://lodestone.example",
    );
    expect(outcome).toEqual({ ok: true, refreshed: false });
    const [mail] = await handle.db.query<{ link: string }>(
      "select link from private.dev_outbox where to_email = $1",
      [email],
    );
    const token = mail?.link.replace("https://lodestone.example/invitations/", "") ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await findInvitation(token)).toMatchObject({ email, state: "pending" });

    // What the secretariat can read of it: the hash, never the token.
    const rows = await secretariat.user.db((tx) =>
      tx.query<{ token_hash: string }>(
        "select token_hash from public.invitations where email = $1",
        [email],
      ),
    );
    expect(rows.map((row) => row.token_hash)).toEqual([hashToken(token)]);
    expect((await listInvitations(secretariat)).map((i) => i.email)).toContain(email);
  });
});
