import { z } from "zod";
import { passwordField } from "@/lib/auth/password-rules";
import { setPasswordWithLink } from "@/lib/auth/set-password";
import { signedInResponse } from "@/lib/auth/sign-in-response";
import { AppError } from "@/lib/errors";
import { clientIpKey } from "@/lib/http/client-ip";
import { publicRoute, readJson } from "@/lib/http/route";
import { hitThrottle } from "@/lib/throttle";

const body = z.strictObject({
  token: z.string().trim().min(1, "The link is missing its token.").max(200),
  password: passwordField,
});

/**
 * A new staff member chooses their first password with the set-password link (an admin's invitation, or
 * `npm run staff:create`), is signed in here, and goes on to set up their second factor.
 */
export const POST = publicRoute(async ({ req, log, meta }) => {
  const throttle = await hitThrottle(`password-set:${clientIpKey(req.headers)}`, 20, 10 * 60_000);
  if (!throttle.allowed) {
    throw new AppError("too_many_requests", "Too many attempts from this address. Try again later.", {
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
  }
  const input = await readJson(req, body);
  const user = await setPasswordWithLink(input.token, input.password, meta);
  log.info({ event: "auth.password_set", userId: user.userId }, "password chosen with a set-password link");
  // Staff owe a second factor: the sign-in below is the partial one, and /two-factor sets it up.
  return signedInResponse(req.headers, user.email, input.password, { redirectTo: "/two-factor" });
});
