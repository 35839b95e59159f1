/*
 * People have names (ADR 092): a second invitation to the same address refreshes the first (one open
 * invitation, the role chosen last, a new link, the old one dead); accepting it puts the name and organisation
 * the invitee gave on their profile, which the people page and the audit history then show instead of the
 * e-mail address; each person edits their own profile and language. On PGlite, as the other tests of the
 * auth server (its adapter and the owner's connection are made once per process); the trigger behind the
 * refresh is tested on both engines in tests/db/rls-people.test.ts.
 */
import { provideDatabase } from "~/db/database.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { memberContext } from "../support/member-context";
import { demoUsers } from "../support/rls";

process.env.JWT_SECRET = "people-test-secret-people-test-secret-people";
const { invitePerson, listInvitations, listPeople } = await import("~/models/people.server");
const { acceptInvitation, findInvitation } = await import("~/auth/invitations.server");
const { getAuth } = await import("~/auth/auth.server");
const { getProfile, updateProfile, setLanguage } = await import("~/models/profile.server");

/** The token of the newest mail to `email` in the outbox. */
async function newestLink(handle: TestDatabase, email: string): Promise<string> {
  const [mail] = await handle.db.query<{ link: string }>(
    "select link from private.dev_outbox where to_email = $1 order by id desc limit 1",
    [email],
  );
  return mail?.link.replace("https://lodestone.example/invitations/", "") ?? "";
}

describe("people's names and invitations", () => {
  const engine = "pglite";
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await createTestDatabase(engine, { seed: true });
    provideDatabase(handle.db);
  });
  afterAll(() => handle.dispose());

  it("refreshes an open invitation instead of adding a second one", async () => {
    const secretariat = await memberContext(handle.db, "secretariat");
    const email = `twice.${engine}@ministry.example`;
    const origin = "https://lodestone.example";
    const first = await invitePerson(
      secretariat,
      { email, role: "observer", language: "fr" },
      origin,
    );
    expect(first).toEqual({ ok: true, refreshed: false });
    const firstLink = await newestLink(handle, email);

    const second = await invitePerson(
      secretariat,
      { email, role: "delegate", memberId: undefined, language: "ja" },
      origin,
    ).catch((error: unknown) => error);
    // A delegate needs a government: the database refuses the row, so nothing changed.
    expect(second).toBeInstanceOf(Error);

    const observerAgain = await invitePerson(
      secretariat,
      { email, role: "secretariat", language: "ja" },
      origin,
    );
    expect(observerAgain).toEqual({ ok: true, refreshed: true });
    const secondLink = await newestLink(handle, email);
    expect(secondLink).not.toBe(firstLink);

    const open = (await listInvitations(secretariat)).filter((i) => i.email === email);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ role: "secretariat", state: "pending" });
    expect(await findInvitation(firstLink)).toBeNull();
    expect(await findInvitation(secondLink)).toMatchObject({
      role: "secretariat",
      state: "pending",
    });
  });

  it("writes the invitation mail in the language the secretariat chose", async () => {
    const secretariat = await memberContext(handle.db, "secretariat");
    const email = `japanese.${engine}@ministry.example`;
    await invitePerson(
      secretariat,
      { email, role: "observer", language: "ja" },
      "https://x.example",
    );
    const [mail] = await handle.db.query<{ subject: string; body: string }>(
      "select subject, body from private.dev_outbox where to_email = $1",
      [email],
    );
    expect(mail?.subject).toBe("Lodestone の Critical Minerals Ministerial へのご招待");
    expect(mail?.body).toContain("オブザーバーとして招待されました");
  });

  it("puts the name and organisation given at acceptance on the profile, shown instead of the address", async () => {
    const secretariat = await memberContext(handle.db, "secretariat");
    const email = `named.${engine}@ministry.example`;
    await invitePerson(
      secretariat,
      { email, role: "observer", language: "en" },
      "https://x.example",
    );
    const token = (await newestLink(handle, email)).replace("https://x.example/invitations/", "");
    const link = token.slice(token.lastIndexOf("/") + 1);
    const userId = await (await getAuth()).createUser(email, "a long enough password");
    const accepted = await acceptInvitation({ token: link }, userId, {
      displayName: "Claire Martin",
      organisation: "Ministère de l’Économie",
    });
    expect(accepted).toEqual({ slug: "critical-minerals" });
    const person = (await listPeople(secretariat)).find((p) => p.email === email);
    expect(person).toMatchObject({
      name: "Claire Martin",
      organisation: "Ministère de l’Économie",
    });
  });

  it("lets each person change their own name, organisation and language", async () => {
    const delegate = await memberContext(handle.db, "delegateAu");
    await updateProfile(delegate.user, {
      displayName: "Sam Taylor",
      organisation: "Department of Industry",
      language: "fr",
    });
    expect(await getProfile(delegate.user)).toEqual({
      email: demoUsers.delegateAu.email,
      displayName: "Sam Taylor",
      organisation: "Department of Industry",
      language: "fr",
    });
    await setLanguage(delegate.user, "ja");
    expect((await getProfile(delegate.user)).language).toBe("ja");
    // The secretariat's people page names them.
    const secretariat = await memberContext(handle.db, "secretariat");
    expect(
      (await listPeople(secretariat)).find((p) => p.userId === demoUsers.delegateAu.id),
    ).toMatchObject({
      name: "Sam Taylor",
      email: demoUsers.delegateAu.email,
    });
  });
});
