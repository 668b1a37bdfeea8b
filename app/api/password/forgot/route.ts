import { z } from "zod";
import { requestPasswordReset } from "@/lib/auth/password-reset";
import { AppError } from "@/lib/errors";
import { clientIpKey } from "@/lib/http/client-ip";
import { json, publicRoute, readJson } from "@/lib/http/route";
import { hitThrottle } from "@/lib/throttle";

const body = z.strictObject({ email: z.email("Enter a valid email address.").max(254) });

/** "Forgot password?": the same answer for every address; the link, if any, is mailed after answering. */
export const POST = publicRoute(async ({ req, log }) => {
  const throttle = await hitThrottle(`password-forgot:${clientIpKey(req.headers)}`, 10, 10 * 60_000);
  if (!throttle.allowed) {
    throw new AppError("too_many_requests", "Too many requests from this address. Try again later.", {
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
  }
  const { email } = await readJson(req, body);
  void requestPasswordReset(email).catch((error: unknown) =>
    log.error({ event: "auth.password_reset.request_failed", err: error }, "could not queue a reset mail"),
  );
  log.info({ event: "auth.password_reset.requested" }, "password reset requested");
  return json({ status: "check_email" }, { status: 202 });
});
