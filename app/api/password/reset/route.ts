import { z } from "zod";
import { resetPassword } from "@/lib/auth/password-reset";
import { signedInResponse } from "@/lib/auth/sign-in-response";
import { AppError } from "@/lib/errors";
import { clientIpKey } from "@/lib/http/client-ip";
import { publicRoute, readJson } from "@/lib/http/route";
import { passwordField } from "@/lib/auth/password-rules";
import { hitThrottle } from "@/lib/throttle";

const body = z.strictObject({
  token: z.string().trim().min(1, "The link is missing its token.").max(200),
  password: passwordField,
});

/** Sets a new password from a mailed link, signs the user out everywhere, then signs them in here. */
export const POST = publicRoute(async ({ req, log }) => {
  const throttle = await hitThrottle(`password-reset:${clientIpKey(req.headers)}`, 20, 10 * 60_000);
  if (!throttle.allowed) {
    throw new AppError("too_many_requests", "Too many attempts from this address. Try again later.", {
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
  }
  const input = await readJson(req, body);
  const user = await resetPassword(input.token, input.password);
  log.info({ event: "auth.password_reset", userId: user.userId }, "password reset; every session ended");
  return signedInResponse(req.headers, user.email, input.password, { redirectTo: "/" });
});
