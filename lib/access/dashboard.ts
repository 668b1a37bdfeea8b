import "server-only";
import { getMirroredAccount, upsertMirroredAccount, type MirroredAccount } from "../accounts/mirror";
import { getPlatformConfig } from "../config";
import { AppError } from "../errors";
import { callStripe } from "../stripe/call";
import { getStripe } from "../stripe/client";
import {
  enabledComponents,
  planComponents,
  type ComponentKey,
  type ComponentsParam,
} from "./account-session-plan";
import type { TenantAccess } from "./context";

/**
 * The Account Session plan of a request: the connected account it is for (the business the access context acts
 * for, never anything the request names) and the components and features its profile gets. Computed once per page
 * load — the layout's navigation, the page's guard and the streamed Account Session all use the same one.
 */
export interface AccountSessionPlan {
  accountId: string;
  tenantId: string;
  components: ComponentsParam;
  enabled: ReadonlySet<ComponentKey>;
}

export interface AccountState {
  /** The account as mirrored (null until it is known, or when the business has no Stripe account yet). */
  account: MirroredAccount | null;
  /** Null without a usable account: none yet, or disconnected from the platform. */
  plan: AccountSessionPlan | null;
}

/** The mirror's copy of the account; fetched once from Stripe when the mirror does not have it yet. */
async function mirroredOrFetched(accountId: string, tenantId: string): Promise<MirroredAccount | null> {
  const mirrored = await getMirroredAccount(accountId);
  if (mirrored) return mirrored;
  const account = await callStripe((options) => getStripe().accounts.retrieve(accountId, {}, options));
  await upsertMirroredAccount(account, Date.now(), { tenantId });
  return getMirroredAccount(accountId);
}

export async function loadAccountState(access: TenantAccess): Promise<AccountState> {
  const accountId = access.tenant.stripeAccountId;
  if (!accountId) return { account: null, plan: null };
  const account = await mirroredOrFetched(accountId, access.tenant.id);
  // A disconnected account (account.application.deauthorized) shows nothing of Stripe any more.
  if (!account || account.deauthorized) return { account, plan: null };
  const components = planComponents(
    access.profile,
    { requirementCollection: account.requirementCollection, capabilities: account.capabilities },
    getPlatformConfig().embeddedComponents,
  );
  return {
    account,
    plan: { accountId, tenantId: access.tenant.id, components, enabled: enabledComponents(components) },
  };
}

/** The plan, or the error that says why there is none. */
export function requirePlan(state: AccountState): AccountSessionPlan {
  if (state.plan) return state.plan;
  if (state.account?.deauthorized) {
    throw new AppError("account_disconnected", "This account is no longer connected to the platform.");
  }
  throw new AppError("no_stripe_account", "This business has no Stripe account yet.");
}
