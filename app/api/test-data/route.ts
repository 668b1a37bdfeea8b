import Stripe from "stripe";
import { z } from "zod";
import { auditAction } from "@/lib/audit";
import { toHttpError } from "@/lib/connect/account-session";
import {
  createTestCustomer,
  createTestPayment,
  createTestPayout,
  testPaymentKinds,
} from "@/lib/connect/test-data";
import { getEnv } from "@/lib/env";
import { forbidden, HttpError, notFound } from "@/lib/http/errors";
import { json, readJson, tenantRoute } from "@/lib/http/route";
import { hitThrottle } from "@/lib/throttle";

const body = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("payment"), payment: z.enum(testPaymentKinds), operationId: z.uuid() }),
  z.strictObject({ kind: z.literal("customer"), operationId: z.uuid() }),
  z.strictObject({
    kind: z.literal("payout"),
    amount: z.number().int().min(100).max(10_000_000),
    operationId: z.uuid(),
  }),
]);

/**
 * Test data on the tenant's own account (Stripe-Account header), for the owner, with test keys or in the sandbox
 * only. The browser sends an operation id per click; the idempotency key derives from it, so a retry never doubles.
 */
export const POST = tenantRoute({ permission: "test_data.create" }, async ({ req, access, log, meta }) => {
  if (getEnv().stripe.mode === "live") throw notFound();
  const input = await readJson(req, body);
  const accountId = access.tenant.stripeAccountId;
  if (!accountId) throw forbidden("This business has no Stripe account yet.");
  const throttle = await hitThrottle(`test-data:${access.tenant.id}`, 30, 60_000);
  if (!throttle.allowed) {
    throw new HttpError(429, "too_many_requests", "Too many test objects at once. Try again shortly.", {
      "retry-after": String(throttle.retryAfterSeconds),
    });
  }
  const operationKey = `portico-test-data-${access.tenant.id}-${input.operationId}`;
  const audit = (created: Record<string, unknown>) =>
    auditAction(access, "test_data.created", meta, {
      details: { kind: input.kind, operationId: input.operationId, ...created },
    });
  try {
    if (input.kind === "payment") {
      const result = await createTestPayment(accountId, input.payment, operationKey, Date.now() % 97);
      log.info(
        { event: "test_data.payment", kind: input.payment, status: result.status },
        "test payment created",
      );
      await audit({ payment: input.payment, status: result.status });
      return json({ payment: result }, { status: 201 });
    }
    if (input.kind === "customer") {
      const customer = await createTestCustomer(accountId, operationKey, Date.now() % 97);
      await audit({ customerId: customer.id });
      return json(
        { customer: { id: customer.id, name: customer.name, email: customer.email } },
        { status: 201 },
      );
    }
    const payout = await createTestPayout(accountId, input.amount, operationKey);
    await audit({ payoutId: payout.id, amount: payout.amount });
    return json(
      { payout: { id: payout.id, amount: payout.amount, currency: payout.currency, status: payout.status } },
      { status: 201 },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.code === "balance_insufficient") {
      throw new HttpError(400, "balance_insufficient", "The available balance is too low for this payout.");
    }
    throw toHttpError(error);
  }
});
