import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getPlatformConfig } from "../config";
import { AppError } from "../errors";
import type { ComponentKey } from "./account-session-plan";
import { authorize, getAccess, type AccessContext, type TenantAccess } from "./context";
import { loadAccountState, type AccountState } from "./dashboard";
import type { Permission } from "./permissions";

/**
 * Authorization for pages, layouts and server actions. Each one asks here itself for what it serves (a layout's
 * check never stands in for its pages'); the answers come from lib/access/context.ts and the permission table, and
 * are turned into Next's navigation outcomes: sign in, not found (the console hides itself), or forbidden.
 */

function fail(error: unknown, access: AccessContext | null): never {
  if (!(error instanceof AppError)) throw error;
  switch (error.code) {
    case "unauthenticated":
      redirect("/login");
    case "second_factor_required":
      // A first factor alone opens no page: on to the second (or, for staff without one, setting it up).
      redirect("/two-factor");
    case "not_found":
      notFound();
    case "no_membership":
      // Platform staff without a view of an account belong in the console; someone who belongs to no business (any
      // more) to their own account's page, where they can still manage or delete it.
      if (access?.platformRole) redirect("/admin");
      if (access?.profile === "user") redirect("/profile");
      forbidden();
    default:
      forbidden();
  }
}

function guard(access: AccessContext | null, permission: Permission): AccessContext {
  try {
    authorize(access, permission);
    return access;
  } catch (error) {
    fail(error, access);
  }
}

/** Anyone signed in. */
export async function requireSignedIn(): Promise<AccessContext> {
  const access = await getAccess();
  if (!access) redirect("/login");
  return access;
}

/**
 * A console page: platform staff with the permission; 404 for everyone else — anonymous visitors included, so the
 * console never reveals itself by a redirect to sign in — and 403 for staff while they view an account.
 */
export async function requireConsole(permission: Permission = "console.view"): Promise<AccessContext> {
  const access = await getAccess();
  if (!access?.platformRole) notFound();
  return guard(access, permission);
}

export interface DashboardAccess extends TenantAccess, AccountState {
  /** The components the plan enables (none without a usable account): what the navigation and pages offer. */
  enabled: ReadonlySet<ComponentKey>;
  /** The account's onboarding is not finished (no details submitted yet). */
  needsOnboarding: boolean;
  /**
   * The Tax page shows Portico's read-only summary: for profiles that may see the account's tax setup but not change
   * it (views of the account), where the platform offers tax. The tax components have no read-only mode.
   */
  taxSummary: boolean;
}

const noComponents: ReadonlySet<ComponentKey> = new Set();

/** The business acted for, its account (from the mirror) and the request's Account Session plan — once per request. */
export const getDashboardAccess = cache(async (): Promise<DashboardAccess> => {
  const access = guard(await getAccess(), "dashboard.view");
  if (!access.tenant) fail(new AppError("no_membership", "You are not a member of any business."), access);
  const tenantAccess: TenantAccess = { ...access, tenant: access.tenant };
  const state = await loadAccountState(tenantAccess);
  return {
    ...tenantAccess,
    ...state,
    enabled: state.plan?.enabled ?? noComponents,
    needsOnboarding: state.account !== null && !state.account.detailsSubmitted,
    taxSummary:
      state.plan !== null &&
      getPlatformConfig().embeddedComponents.tax &&
      access.permissions.has("tax.view") &&
      !access.permissions.has("tax.manage"),
  };
});

/**
 * Every dashboard page starts here: the dashboard itself, the page's own permission, the owner's redirect to
 * onboarding until the account's details are submitted, and — for a page of embedded components — that the plan
 * enables one of them.
 */
export async function requireDashboard(
  options: { permission?: Permission; anyOf?: ComponentKey[]; onboarding?: "redirect" | "allow" } = {},
): Promise<DashboardAccess> {
  const access = await getDashboardAccess();
  if (options.permission) guard(access, options.permission);
  if (
    (options.onboarding ?? "redirect") === "redirect" &&
    access.needsOnboarding &&
    access.permissions.has("onboarding.complete")
  ) {
    redirect("/onboarding");
  }
  if (options.anyOf && !options.anyOf.some((key) => access.enabled.has(key))) forbidden();
  return access;
}
