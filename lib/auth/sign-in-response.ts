import "server-only";
import { json } from "../http/route";
import { getAuth } from ".";

/**
 * Signs the user in with the password they just proved (a confirmed sign-up, a new password, an accepted
 * invitation) and answers with `body` carrying better-auth's session cookie. When a second factor is due, the
 * session it makes is the partial one lib/access sends to the second-factor step.
 */
export async function signedInResponse(
  headers: Headers,
  email: string,
  password: string,
  body: unknown,
  status = 200,
): Promise<Response> {
  const signIn = await getAuth().api.signInEmail({ body: { email, password }, headers, asResponse: true });
  if (!signIn.ok) {
    // The account exists and the password is right, so only a limit or a disabled user lands here.
    return json({ ...(body as object), signedIn: false }, { status });
  }
  const response = json({ ...(body as object), signedIn: true }, { status });
  for (const cookie of signIn.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
}
