import { z } from "zod";
import { activeTenantCookie, ownMembership } from "@/lib/access/context";
import { recordAudit } from "@/lib/audit";
import { actorOf } from "@/lib/audit/actor";
import { getEnv } from "@/lib/env";
import { json, readJson, userRoute } from "@/lib/http/route";
import { findTenantById } from "@/lib/tenancy/queries";

const body = z.strictObject({ tenantId: z.string().min(1).max(64) });

/**
 * Act for another of one's own businesses on this device: the posted id only picks among the person's memberships
 * (lib/access), and the choice is a cookie of this browser. The page then loads anew: the browser has already logged
 * its Connect instance out, and the next page mints an Account Session for the business chosen.
 */
export const POST = userRoute({ permission: "membership.switch" }, async ({ req, access, log, meta }) => {
  const input = await readJson(req, body);
  const chosen = ownMembership(access, input.tenantId);
  const from = access.tenant;
  if (from?.id !== chosen.tenantId) {
    const tenant = await findTenantById(chosen.tenantId);
    // Recorded under the business switched to (and its account, if it has one), with the one left in the details.
    await recordAudit({
      action: "tenant.switched",
      actor: actorOf(access),
      tenantId: chosen.tenantId,
      accountId: tenant?.stripeAccountId ?? null,
      ip: meta.ip,
      userAgent: meta.userAgent,
      details: { from: from ? { tenantId: from.id, name: from.name } : null, to: { name: chosen.name } },
    });
    log.info({ event: "tenant.switched", tenantId: chosen.tenantId }, "active business switched");
  }
  return json(
    { tenant: { name: chosen.name, slug: chosen.slug }, role: chosen.role, redirectTo: "/" },
    { headers: { "set-cookie": activeTenantCookie(chosen.tenantId, getEnv().appUrl.protocol === "https:") } },
  );
});
