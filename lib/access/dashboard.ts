import "server-only";
import {
  getAccountPlanFacts,
  getMirroredAccount,
  upsertMirroredAccount,
  type AccountPlanFacts,
  type MirroredAccount,
} from "../accounts/mirror";
import { getPlatformConfig } from "../config";
import { AppError } from "../errors";
import { retrieveAccountForMirror } from "../connect/connected-accounts";
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
  const fetchedAt = Date.now();
  const account = await retrieveAccountForMirror(accountId);
  await upsertMirroredAccount(account, fetchedAt, { tenantId });
  return getMirroredAccount(accountId);
}

function planOf(access: TenantAccess, accountId: string, facts: AccountPlanFacts): AccountSessionPlan {
  const components = planComponents(access.profile, facts, getPlatformConfig().embeddedComponents, {
    // This session proved a second factor Portico enforces (TOTP, a passkey or the IdP's MFA).
    secondFactor: access.session.assurance.verifiedAt !== null,
  });
  return { accountId, tenantId: access.tenant.id, components, enabled: enabledComponents(components) };
}

/** The account and the plan, for a page: the whole mirrored account, which the page may show. */
export async function loadAccountState(access: TenantAccess): Promise<AccountState> {
  const accountId = access.tenant.stripeAccountId;
  if (!accountId) return { account: null, plan: null };
  const account = await mirroredOrFetched(accountId, access.tenant.id);
  // A disconnected account (account.application.deauthorized) shows nothing of Stripe any more.
  if (!account || account.deauthorized) return { account, plan: null };
  return { account, plan: planOf(access, accountId, account) };
}

const noAccount = () => new AppError("no_stripe_account", "This business has no Stripe account yet.");
const disconnected = () =>
  new AppError("account_disconnected", "This account is no longer connected to the platform.");

/** The plan, for the account-session route: only what the plan needs of the mirror, or the error that says why not. */
export async function loadAccountPlan(access: TenantAccess): Promise<AccountSessionPlan> {
  const accountId = access.tenant.stripeAccountId;
  if (!accountId) throw noAccount();
  const facts =
    (await getAccountPlanFacts(accountId)) ?? (await mirroredOrFetched(accountId, access.tenant.id));
  if (!facts) throw noAccount();
  if (facts.deauthorized) throw disconnected();
  return planOf(access, accountId, facts);
}
