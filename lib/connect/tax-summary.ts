import "server-only";
import type Stripe from "stripe";
import { callStripe } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { actingFor } from "./accounts-api";

/**
 * The account's Stripe Tax setup, read for a read-only view (the tax components have no read-only mode): its
 * settings and its registrations, read by the platform acting for the account. Nothing here can change them.
 */
export interface TaxSummary {
  /** `active` once Stripe Tax can calculate (a head office is set), else `pending` with what is missing. */
  status: string;
  missingFields: string[];
  headOffice: {
    line1: string | null;
    line2: string | null;
    city: string | null;
    state: string | null;
    postalCode: string | null;
    country: string | null;
  } | null;
  taxBehavior: string | null;
  taxCode: string | null;
  registrations: {
    id: string;
    country: string;
    /** The US state (or other subdivision) a registration is for, when it is for one. */
    region: string | null;
    status: string;
    activeFrom: number;
    expiresAt: number | null;
  }[];
  /** More registrations than one page shows. */
  moreRegistrations: boolean;
}

/** The region a registration's country options name (`state` for the US, `province` for Canada…), if any. */
function regionOf(options: Stripe.Tax.Registration.CountryOptions): string | null {
  for (const value of Object.values(options) as unknown[]) {
    if (typeof value !== "object" || value === null) continue;
    for (const key of ["state", "province"]) {
      const region = (value as Record<string, unknown>)[key];
      if (typeof region === "string" && region) return region;
    }
  }
  return null;
}

export async function loadTaxSummary(accountId: string): Promise<TaxSummary> {
  const stripe = getStripe();
  const scoped = { ...actingFor(accountId), deadlineMs: 5_000 };
  const [settings, registrations] = await Promise.all([
    callStripe((options) => stripe.tax.settings.retrieve({}, options), scoped),
    callStripe((options) => stripe.tax.registrations.list({ status: "all", limit: 100 }, options), scoped),
  ]);
  const address = settings.head_office?.address;
  return {
    status: settings.status,
    missingFields: settings.status_details.pending?.missing_fields ?? [],
    headOffice: address
      ? {
          line1: address.line1,
          line2: address.line2,
          city: address.city,
          state: address.state,
          postalCode: address.postal_code,
          country: address.country,
        }
      : null,
    taxBehavior: settings.defaults.tax_behavior,
    taxCode: settings.defaults.tax_code,
    registrations: registrations.data.map((registration) => ({
      id: registration.id,
      country: registration.country,
      region: regionOf(registration.country_options),
      status: registration.status,
      activeFrom: registration.active_from,
      expiresAt: registration.expires_at,
    })),
    moreRegistrations: registrations.has_more,
  };
}
