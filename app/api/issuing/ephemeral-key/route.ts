import { loadAccountPlan } from "@/lib/access/dashboard";
import { auditAction } from "@/lib/audit";
import { toHttpError } from "@/lib/connect/account-session";
import { createIssuingCardKey, ephemeralKeyRequestSchema } from "@/lib/connect/issuing-keys";
import { forbidden, HttpError } from "@/lib/http/errors";
import { json, readJson, tenantRoute } from "@/lib/http/route";
import { hitThrottle } from "@/lib/throttle";

/**
 * The issuing components' `fetchEphemeralKey`: a key that lets them show one card's number. The account is the one
 * the signed-in person's business has (never one the body names), only where the Account Session offers Issuing;
 * nobody viewing the account on the platform's behalf gets one. Every key is on the record.
 */
export const POST = tenantRoute({ permission: "issuing.view" }, async ({ req, access, meta }) => {
  const body = await readJson(req, ephemeralKeyRequestSchema);
  if (access.impersonation) throw forbidden("Card numbers are not shown while viewing an account.");
  const plan = await loadAccountPlan(access);
  if (!plan.enabled.has("issuing_card") && !plan.enabled.has("issuing_cards_list")) {
    throw forbidden("Issuing is not offered for this business.");
  }
  const throttle = await hitThrottle(`issuing-key:${access.user.id}`, 30, 60_000);
  if (!throttle.allowed) {
    throw new HttpError(429, "too_many_requests", "Too many requests. Try again shortly.", {
      "retry-after": String(throttle.retryAfterSeconds),
    });
  }
  let secret: string;
  try {
    ({ secret } = await createIssuingCardKey(plan.accountId, body));
  } catch (error) {
    throw toHttpError(error);
  }
  await auditAction(access, "issuing.card_details_shown", meta, {
    details: { issuingCard: body.issuingCard },
  });
  return json(
    { issuingCard: body.issuingCard, nonce: body.nonce, ephemeralKeySecret: secret },
    { headers: { "cache-control": "no-store" } },
  );
});
