import Stripe from "stripe";
import { toHttpError } from "@/lib/connect/account-session";
import { StripeUnavailableError } from "@/lib/stripe/call";
import { signedInResponse } from "@/lib/auth/sign-in-response";
import { AppError } from "@/lib/errors";
import { clientIpKey } from "@/lib/http/client-ip";
import { publicRoute, readJson } from "@/lib/http/route";
import { hitThrottle } from "@/lib/throttle";
import { provisionConnectedAccountForSignup } from "@/lib/tenancy/provisioning";
import { completeSignUp, completeSignUpSchema } from "@/lib/tenancy/signup";

const ATTEMPTS_PER_IP = 20;
const WINDOW_MS = 10 * 60 * 1000;

/**
 * Sign-up, step two: the mailed link and the password chosen in step one. Creates the connected account, then the
 * verified user, the business and its owner membership, and signs the owner in.
 */
export const POST = publicRoute(async ({ req, log }) => {
  const throttle = await hitThrottle(`signup-verify:${clientIpKey(req.headers)}`, ATTEMPTS_PER_IP, WINDOW_MS);
  if (!throttle.allowed) {
    throw new AppError("too_many_requests", "Too many attempts from this address. Try again later.", {
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
  }
  const input = await readJson(req, completeSignUpSchema);
  let done: Awaited<ReturnType<typeof completeSignUp>>;
  try {
    done = await completeSignUp(input.token, input.password, provisionConnectedAccountForSignup(log));
  } catch (error) {
    // Nothing was written and the link still works: the connected account is created before anything else.
    if (error instanceof Stripe.errors.StripeIdempotencyError) {
      throw new AppError(
        "conflict",
        "A sign-up with this email was started with a different business name. Use the link from that sign-up, or try again tomorrow.",
        { reason: "signup_conflict" },
      );
    }
    if (error instanceof StripeUnavailableError || error instanceof Stripe.errors.StripeError) {
      log.error(
        { event: "auth.sign_up.stripe_failed", err: toHttpError(error).code },
        "could not create the connected account",
      );
      throw new AppError(
        "unavailable",
        "We couldn't set up your payments account right now. Nothing was saved and your link still works: try again in a minute.",
        { reason: "stripe_unavailable", retryAfterSeconds: 30 },
      );
    }
    throw error;
  }
  log.info(
    { event: "auth.sign_up", userId: done.userId, tenantId: done.tenant.id },
    "email confirmed; business created",
  );
  const tenant = { name: done.tenant.name, slug: done.tenant.slug };
  return signedInResponse(
    req.headers,
    done.email,
    input.password,
    { tenant, redirectTo: "/onboarding" },
    201,
  );
});
