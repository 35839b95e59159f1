import { InvalidTokenError, signAccessToken, verifyAccessToken } from "~/auth/jwt.server";
import { SignJWT } from "jose";

const secret = "a-test-secret-that-is-long-enough-for-hs256";
const user = { id: "5f0c3a52-6f1d-4b8e-9a51-0c7f1d2e3a4b", email: "delegate@example.test" };
const sessionId = "0b7d5e8a-3c2f-4d1e-9b6a-5f4e3d2c1b0a";

describe("access tokens", () => {
  it("carry exactly Supabase's claim shape and verify back to the same claims", async () => {
    const { token, claims } = await signAccessToken(user, secret, {
      issuer: "lodestone",
      sessionId,
    });
    expect(Object.keys(claims).sort()).toEqual(
      [
        "app_metadata",
        "aud",
        "email",
        "exp",
        "iat",
        "role",
        "session_id",
        "sub",
        "user_metadata",
      ].sort(),
    );
    expect(claims).toMatchObject({ sub: user.id, role: "authenticated", aud: "authenticated" });
    expect(claims.exp - claims.iat).toBe(3600);
    await expect(verifyAccessToken(token, secret, { issuer: "lodestone" })).resolves.toEqual(
      claims,
    );
  });

  it("rejects a token whose payload was tampered with", async () => {
    const { token } = await signAccessToken(user, secret, { issuer: "lodestone", sessionId });
    const [header, payload, signature] = token.split(".");
    const forged = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    forged.sub = "00000000-0000-4000-8000-000000000000";
    const tampered = [
      header,
      Buffer.from(JSON.stringify(forged)).toString("base64url"),
      signature,
    ].join(".");
    await expect(verifyAccessToken(tampered, secret)).rejects.toThrow(InvalidTokenError);
  });

  it("rejects a token signed with another secret", async () => {
    const { token } = await signAccessToken(user, "another-secret-that-is-also-long-enough", {
      issuer: "lodestone",
      sessionId,
    });
    await expect(verifyAccessToken(token, secret)).rejects.toThrow(InvalidTokenError);
  });

  it("rejects an expired token", async () => {
    const { token } = await signAccessToken(user, secret, {
      issuer: "lodestone",
      sessionId,
      now: Date.now() - 2 * 3600 * 1000,
    });
    await expect(verifyAccessToken(token, secret)).rejects.toThrow(/expired/);
  });

  it("rejects a token for another audience or role, or from another issuer", async () => {
    const key = new TextEncoder().encode(secret);
    const now = Math.floor(Date.now() / 1000);
    const base = { sub: user.id, email: user.email, iat: now, exp: now + 600 };
    const wrongAudience = await new SignJWT({ ...base, role: "authenticated", aud: "other" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(key);
    await expect(verifyAccessToken(wrongAudience, secret)).rejects.toThrow(InvalidTokenError);
    const serviceRole = await new SignJWT({ ...base, role: "service_role", aud: "authenticated" })
      .setProtectedHeader({ alg: "HS256" })
      .sign(key);
    await expect(verifyAccessToken(serviceRole, secret)).rejects.toThrow(InvalidTokenError);
    const { token } = await signAccessToken(user, secret, { issuer: "somewhere-else", sessionId });
    await expect(verifyAccessToken(token, secret, { issuer: "lodestone" })).rejects.toThrow(
      InvalidTokenError,
    );
  });

  it("rejects an unsigned ('none') token", async () => {
    const payload = Buffer.from(
      JSON.stringify({
        sub: user.id,
        role: "authenticated",
        aud: "authenticated",
        exp: 9999999999,
      }),
    ).toString("base64url");
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${payload}.`;
    await expect(verifyAccessToken(none, secret)).rejects.toThrow(InvalidTokenError);
  });
});
