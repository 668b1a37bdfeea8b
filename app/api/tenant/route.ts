import { json, tenantRoute } from "@/lib/http/route";

/** The tenant the signed-in member acts for. Members only: platform staff without a membership get 403. */
export const GET = tenantRoute([], async ({ access }) =>
  json({
    tenant: {
      name: access.tenant.name,
      slug: access.tenant.slug,
      hasStripeAccount: access.tenant.stripeAccountId !== null,
    },
    role: access.role,
  }),
);
