/** The `/v1` and `/v2` operations the emulator serves, read from the same registrations the server makes. */
import { registerAccountRoutes } from "../api/accounts-api";
import { registerCoreRoutes } from "../api/core-api";
import { registerMoneyRoutes } from "../api/money-api";
import { registerPaymentRoutes } from "../api/payments-api";
import { registerTaxRoutes } from "../api/tax-api";
import { registerV2CoreRoutes } from "../api/v2-core-api";
import { registerWebhookEndpointRoutes } from "../api/webhook-endpoints-api";
import { Router } from "../router";
import { WebhookDispatcher } from "../webhooks";
import { operationKey } from "./operation-key";

export function registerApiRoutes(r: Router, dispatcher: WebhookDispatcher): void {
  registerAccountRoutes(r);
  registerCoreRoutes(r);
  registerPaymentRoutes(r);
  registerMoneyRoutes(r);
  registerTaxRoutes(r);
  registerWebhookEndpointRoutes(r, dispatcher);
  registerV2CoreRoutes(r, dispatcher);
}

/** Sorted operation keys (`GET /v1/payouts/{}`) of every `/v1` route. */
export function servedOperations(): string[] {
  const r = new Router();
  registerApiRoutes(r, new WebhookDispatcher([], () => undefined));
  return [...new Set(r.list().map((x) => operationKey(x.method, x.pattern)))].sort();
}
