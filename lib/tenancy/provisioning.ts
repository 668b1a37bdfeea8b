import "server-only";
import type { Logger } from "pino";
import type { ProvisionConnectedAccount } from "./signup";

/**
 * The seam where sign-up creates the tenant's Stripe connected account (the tenant dashboard issue fills it in).
 * Returning null stores no account id: the tenant exists but has no dashboard data until one is linked.
 */
export function provisionConnectedAccountForSignup(log: Logger): ProvisionConnectedAccount | null {
  void log;
  return null;
}
