import type { AccountRequirements } from "./mirror";

/**
 * Where a new business stands on its way to a first payment, from what Stripe said of the account (the mirror):
 * - `onboarding`: the business details were never submitted (the onboarding flow);
 * - `details_due`: Stripe needs more now (past due or currently due) before, or to keep, taking payments;
 * - `in_review`: everything is in, and Stripe has not turned payments on yet (verification);
 * - `ready`: payments are on; `later` counts what Stripe will ask for eventually (no action needed yet).
 */
export type SetupStep =
  | { kind: "onboarding" }
  | { kind: "details_due"; count: number }
  | { kind: "in_review" }
  | { kind: "ready"; later: number };

export function setupStep(account: {
  detailsSubmitted: boolean;
  chargesEnabled: boolean;
  requirements: Pick<AccountRequirements, "currentlyDue" | "pastDue" | "eventuallyDue">;
}): SetupStep {
  if (!account.detailsSubmitted) return { kind: "onboarding" };
  const { currentlyDue, pastDue, eventuallyDue } = account.requirements;
  const due = new Set([...pastDue, ...currentlyDue]);
  if (due.size > 0) return { kind: "details_due", count: due.size };
  if (!account.chargesEnabled) return { kind: "in_review" };
  return { kind: "ready", later: new Set(eventuallyDue.filter((key) => !due.has(key))).size };
}
