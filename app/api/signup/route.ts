import Stripe from "stripe";
import { z } from "zod";
import { toHttpError } from "@/lib/connect/account-session";
import { StripeUnavailableError } from "@/lib/stripe/call";
import { getAuth } from "@/lib/auth";
import { clientIpKey } from "@/lib/http/client-ip";
import { errorBody, HttpError } from "@/lib/http/errors";
import { json, publicRoute, readJson } from "@/lib/http/route";
import { hitThrottle } from "@/lib/throttle";
import { provisionConnectedAccountForSignup } from "@/lib/tenancy/provisioning";
import { signUpBusiness, signUpInputSchema } from "@/lib/tenancy/signup";

const SIGNUPS_PER_IP = 10;
const SIGNUP_WINDOW_MS = 10 * 60 * 1000;

/** Sign-up: creates the user, the tenant and its owner membership in one transaction, then signs the user in. */
export const POST = publicRoute(async ({ req, log }) => {
  const throttle = await hitThrottle(`signup:${clientIpKey(req.headers)}`, SIGNUPS_PER_IP, SIGNUP_WINDOW_MS);
  if (!throttle.allowed) {
    return json(errorBody("too_many_requests", "Too many sign-ups from this address. Try again later."), {
      status: 429,
      headers: { "retry-after": String(throttle.retryAfterSeconds) },
    });
  }
  let input: z.infer<typeof signUpInputSchema>;
  try {
    input = await readJson(req, signUpInputSchema);
  } catch (error) {
    // The form's own wording for bad fields; everything else (413, 415, bad JSON) as the wrapper answers it.
    if (error instanceof HttpError && error.code === "invalid_request") {
      return json(errorBody("invalid_request", "Check the highlighted fields.", error.extra), {
        status: 400,
      });
    }
    throw error;
  }

  let result: Awaited<ReturnType<typeof signUpBusiness>>;
  try {
    result = await signUpBusiness(input, provisionConnectedAccountForSignup(log));
  } catch (error) {
    // Nothing was written: the connected account is created before the user, tenant and membership.
    if (error instanceof Stripe.errors.StripeIdempotencyError) {
      return json(
        errorBody(
          "signup_conflict",
          "A sign-up with this email was started with a different business name. Use the same name, or try again tomorrow.",
        ),
        { status: 409 },
      );
    }
    if (error instanceof StripeUnavailableError || error instanceof Stripe.errors.StripeError) {
      log.error(
        { event: "auth.sign_up.stripe_failed", err: toHttpError(error).code },
        "could not create the connected account",
      );
      return json(
        errorBody(
          "stripe_unavailable",
          "We couldn't set up your payments account right now. Nothing was saved: please try again in a minute.",
        ),
        { status: 503, headers: { "retry-after": "30" } },
      );
    }
    throw error;
  }
  if (!result.ok) {
    if (result.code === "BUSINESS_NAME_REQUIRED") {
      return json(
        errorBody("invalid_request", "Check the highlighted fields.", {
          fields: { businessName: "Enter your business name." },
        }),
        { status: 400 },
      );
    }
    return json(errorBody("email_taken", "An account with this email already exists."), { status: 409 });
  }
  log.info(
    {
      event: "auth.sign_up",
      userId: result.userId,
      tenantId: result.tenant?.id ?? null,
      joinedTeams: result.joined,
    },
    "user signed up",
  );

  // Sign the new owner in; better-auth sets the session cookie on its response.
  const signIn = await getAuth().api.signInEmail({
    body: { email: input.email, password: input.password },
    headers: req.headers,
    asResponse: true,
  });
  const tenant = result.tenant ? { name: result.tenant.name, slug: result.tenant.slug } : null;
  // A new business starts with onboarding; someone joining a team goes straight to its dashboard.
  const response = json({ tenant, redirectTo: tenant ? "/onboarding" : "/" }, { status: 201 });
  for (const cookie of signIn.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
});
