import { z } from "zod";
import { getAuth } from "@/lib/auth";
import { errorBody } from "@/lib/http/errors";
import { json, publicRoute } from "@/lib/http/route";
import { hitThrottle } from "@/lib/throttle";
import { provisionConnectedAccountForSignup } from "@/lib/tenancy/provisioning";
import { signUpBusiness, signUpInputSchema } from "@/lib/tenancy/signup";

const SIGNUPS_PER_IP = 10;
const SIGNUP_WINDOW_MS = 10 * 60 * 1000;

/** Sign-up: creates the user, the tenant and its owner membership in one transaction, then signs the user in. */
export const POST = publicRoute(async ({ req, log }) => {
  const ip = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? "unknown";
  const throttle = await hitThrottle(`signup:${ip}`, SIGNUPS_PER_IP, SIGNUP_WINDOW_MS);
  if (!throttle.allowed) {
    return json(errorBody("too_many_requests", "Too many sign-ups from this address. Try again later."), {
      status: 429,
      headers: { "retry-after": String(throttle.retryAfterSeconds) },
    });
  }
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    return json(errorBody("invalid_json", "The request body is not valid JSON."), { status: 400 });
  }
  const parsed = signUpInputSchema.safeParse(raw);
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    const fields = Object.fromEntries(
      Object.entries(fieldErrors).map(([field, messages]) => [field, messages?.[0] ?? "Invalid value."]),
    );
    return json(errorBody("invalid_request", "Check the highlighted fields.", { fields }), { status: 400 });
  }

  const result = await signUpBusiness(parsed.data, provisionConnectedAccountForSignup(log));
  if (!result.ok) {
    return json(errorBody("email_taken", "An account with this email already exists."), { status: 409 });
  }
  log.info(
    { event: "auth.sign_up", userId: result.userId, tenantId: result.tenant.id },
    "business signed up",
  );

  // Sign the new owner in; better-auth sets the session cookie on its response.
  const signIn = await getAuth().api.signInEmail({
    body: { email: parsed.data.email, password: parsed.data.password },
    headers: req.headers,
    asResponse: true,
  });
  const response = json(
    { tenant: { name: result.tenant.name, slug: result.tenant.slug }, redirectTo: "/" },
    { status: 201 },
  );
  for (const cookie of signIn.headers.getSetCookie()) response.headers.append("set-cookie", cookie);
  return response;
});
