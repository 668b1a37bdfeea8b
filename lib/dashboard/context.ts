import "server-only";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getMirroredAccount, type MirroredAccount } from "../accounts/mirror";
import { requireTenantRole, type TenantContext } from "../auth/guards";
import { getPlatformConfig } from "../config";
import {
  componentsFor,
  enabledComponents,
  type ComponentKey,
  type ComponentsParam,
  type SessionProfile,
} from "../connect/policy";

export interface DashboardContext extends TenantContext {
  profile: SessionProfile;
  account: MirroredAccount | null;
  components: ComponentsParam;
  enabled: Set<ComponentKey>;
  /** The account's onboarding is not finished (no details submitted yet). */
  needsOnboarding: boolean;
}

/** The signed-in tenant, its account (from the mirror: no Stripe call) and what the policy lets this user see. */
export const getDashboardContext = cache(async (): Promise<DashboardContext> => {
  const context = await requireTenantRole();
  const profile: SessionProfile = context.profile;
  const account = context.tenant.stripeAccountId
    ? await getMirroredAccount(context.tenant.stripeAccountId)
    : null;
  // A disconnected account (account.application.deauthorized) shows nothing of Stripe any more.
  const components =
    account && !account.deauthorized
      ? componentsFor(
          profile,
          { requirementCollection: account.requirementCollection, capabilities: account.capabilities },
          getPlatformConfig().embeddedComponents,
          { impersonating: context.impersonation !== null },
        )
      : {};
  return {
    ...context,
    profile,
    account,
    components,
    enabled: enabledComponents(components),
    needsOnboarding: account !== null && !account.detailsSubmitted,
  };
});

/**
 * Every dashboard page starts here: the tenant role check, the owner's redirect to onboarding until the account's
 * details are submitted, and — when the page shows embedded components — that the policy enables one of them.
 */
export async function requireDashboardPage(
  options: { anyOf?: ComponentKey[]; onboarding?: "redirect" | "allow" } = {},
): Promise<DashboardContext> {
  const context = await getDashboardContext();
  if (
    (options.onboarding ?? "redirect") === "redirect" &&
    context.needsOnboarding &&
    context.profile === "owner"
  ) {
    redirect("/onboarding");
  }
  if (options.anyOf && !options.anyOf.some((key) => context.enabled.has(key))) forbidden();
  return context;
}
