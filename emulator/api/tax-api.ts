import type Stripe from "stripe";
import { listCollection } from "../list";
import type { TaxRegistration } from "../objects";
import { paramsAs, type Router } from "../router";
import { taxSettingsOf } from "../tax";
import { retrieveRoute, type PickCollection } from "./route-helpers";

const registrations: PickCollection<TaxRegistration> = (d) => d.taxRegistrations;

/**
 * Stripe Tax's reads (`GET /v1/tax/settings`, `/v1/tax/registrations`): what the tax components change, as a platform
 * reads it for a connected account with `Stripe-Account`.
 */
export function registerTaxRoutes(r: Router): void {
  r.on("GET", "/v1/tax/settings", (req) => taxSettingsOf(req.ctx.state.dataFor(req.ctx.accountId)));

  r.on("GET", "/v1/tax/registrations", (req) => {
    const p = paramsAs<Stripe.Tax.RegistrationListParams>(req);
    return listCollection(
      req.ctx.state.dataFor(req.ctx.accountId).taxRegistrations,
      p,
      "/v1/tax/registrations",
      (reg) => p.status === undefined || p.status === "all" || reg.status === p.status,
    );
  });
  retrieveRoute(r, "/v1/tax/registrations", registrations, "tax registration");
}
