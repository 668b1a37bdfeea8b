import { z } from "zod";
import { getPlatformConfig } from "@/lib/config";
import { toHttpError } from "@/lib/connect/account-session";
import { getEnv } from "@/lib/env";
import { clientIpKey } from "@/lib/http/client-ip";
import { HttpError, notFound } from "@/lib/http/errors";
import { json, publicRoute, readJson } from "@/lib/http/route";
import { callStripe } from "@/lib/stripe/call";
import { getStripe } from "@/lib/stripe/client";
import { findTenantBySlug } from "@/lib/tenancy/queries";
import { hitThrottle } from "@/lib/throttle";
import { actingFor } from "@/lib/connect/accounts-api";

const MIN_AMOUNT = 50;
const MAX_AMOUNT = 1_000_000;

const body = z.strictObject({
  amount: z.number().int().min(MIN_AMOUNT).max(MAX_AMOUNT),
  email: z.email({ message: "Enter a valid email address." }).max(254).optional(),
  operationId: z.uuid(),
});

/**
 * Public checkout: a direct charge on the tenant's connected account (created with the `Stripe-Account` header),
 * with the platform's application fee. Answers only what Stripe.js needs; nothing else of the tenant.
 */
export const POST = publicRoute(async ({ req, params, log }) => {
  const slug = String(params.slug ?? "");
  const tenant = /^[a-z0-9-]{1,64}$/.test(slug) ? await findTenantBySlug(slug) : null;
  if (!tenant?.stripeAccountId) throw notFound();
  const accountId = tenant.stripeAccountId;
  const throttle = await hitThrottle(`checkout:${clientIpKey(req.headers)}`, 20, 10 * 60_000);
  if (!throttle.allowed) {
    throw new HttpError(429, "too_many_requests", "Too many payment attempts. Try again later.", {
      "retry-after": String(throttle.retryAfterSeconds),
    });
  }
  const input = await readJson(req, body);
  const config = getPlatformConfig();
  const applicationFee = Math.floor((input.amount * config.payments.applicationFeeBps) / 10_000);
  try {
    const intent = await callStripe(
      (options) =>
        getStripe().paymentIntents.create(
          {
            amount: input.amount,
            currency: config.connectedAccounts.defaultCurrency,
            automatic_payment_methods: { enabled: true, allow_redirects: "never" },
            ...(applicationFee > 0 ? { application_fee_amount: applicationFee } : {}),
            ...(input.email ? { receipt_email: input.email } : {}),
            description: `Payment to ${tenant.name}`,
            metadata: { portico_checkout: tenant.slug },
          },
          options,
        ),
      { ...actingFor(accountId), idempotencyKey: `portico-checkout-${tenant.id}-${input.operationId}` },
    );
    log.info(
      { event: "checkout.intent_created", tenantId: tenant.id, amount: input.amount },
      "checkout started",
    );
    return json({
      clientSecret: intent.client_secret,
      publishableKey: getEnv().stripe.publishableKey,
      stripeAccount: accountId,
      amount: intent.amount,
      currency: intent.currency,
    });
  } catch (error) {
    throw toHttpError(error);
  }
});
