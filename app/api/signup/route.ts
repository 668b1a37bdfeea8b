import { getPlatformConfig } from "@/lib/config";
import { clientIpKey } from "@/lib/http/client-ip";
import { AppError } from "@/lib/errors";
import { json, publicRoute, readJson } from "@/lib/http/route";
import { requestLocale } from "@/lib/http/request-locale";
import { hitThrottle } from "@/lib/throttle";
import { requestSignUp, signUpInputSchema } from "@/lib/tenancy/signup";

const SIGNUPS_PER_IP = 10;
const SIGNUP_WINDOW_MS = 10 * 60 * 1000;

/**
 * Sign-up, step one: mails a confirmation link and creates nothing else — no user, no business, no Stripe account
 * for an unconfirmed address. The answer is the same whether the address is new or already has an account.
 */
export const POST = publicRoute(async ({ req, log }) => {
  const throttle = await hitThrottle(`signup:${clientIpKey(req.headers)}`, SIGNUPS_PER_IP, SIGNUP_WINDOW_MS);
  if (!throttle.allowed) {
    throw new AppError("too_many_requests", "Too many sign-ups from this address. Try again later.", {
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
  }
  const input = await readJson(req, signUpInputSchema);
  await requestSignUp(input, requestLocale(req.headers, getPlatformConfig().defaultLocale));
  log.info({ event: "auth.sign_up.requested" }, "sign-up requested; confirmation mailed");
  return json({ status: "check_email", email: input.email }, { status: 202 });
});
