/** Signs a demo account in through the sign-in form of the server at `base`; returns its session cookie. */
export async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: base },
    body: new URLSearchParams({ email, password: "lodestone-demo", redirectTo: "/p" }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  if (response.status !== 302 || !cookie)
    throw new Error(`Could not sign in ${email} (${response.status}).`);
  return cookie;
}
