import { json, tenantRoute } from "@/lib/http/route";

/** The business the signed-in person acts for. Platform staff without a view of an account get 403. */
export const GET = tenantRoute({ permission: "dashboard.view" }, async ({ access }) =>
  json({
    tenant: {
      name: access.tenant.name,
      slug: access.tenant.slug,
      hasStripeAccount: access.tenant.stripeAccountId !== null,
    },
    role: access.tenantRole,
    profile: access.profile,
  }),
);
