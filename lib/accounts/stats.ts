import "server-only";
import { sql } from "kysely";
import { getDbHandle } from "../db";
import type { AccountStatus } from "../db/schema";
import type { SearchHandle } from "./search";

/**
 * Figures for the console's overview, from the mirror. Two aggregate queries whatever the size: one pass grouped by
 * status (which also gives the onboarding funnel) and a range over the created index for the last 90 days. They are
 * kept for a short while per process, since an overview needs no second-by-second precision at a million rows.
 */

export interface AccountStats {
  total: number;
  byStatus: Record<AccountStatus, number>;
  funnel: { created: number; detailsSubmitted: number; chargesEnabled: number; payoutsEnabled: number };
  /** One entry per UTC day, oldest first, `days` long (days without accounts count 0). */
  newPerDay: { day: string; count: number }[];
  computedAt: number;
}

const DAY_MS = 86_400_000;
const CACHE_MS = 30_000;

declare global {
  var porticoAccountStats: { at: number; stats: Promise<AccountStats> } | undefined;
}

export async function computeAccountStats(
  handle: SearchHandle = getDbHandle(),
  now = Date.now(),
  days = 90,
): Promise<AccountStats> {
  const { db } = handle;
  const grouped = await db
    .selectFrom("stripe_accounts")
    .select([
      "status",
      sql<number>`count(*)`.as("n"),
      sql<number>`coalesce(sum(details_submitted), 0)`.as("submitted"),
      sql<number>`coalesce(sum(details_submitted * charges_enabled), 0)`.as("charges"),
      sql<number>`coalesce(sum(details_submitted * charges_enabled * payouts_enabled), 0)`.as("payouts"),
    ])
    .groupBy("status")
    .execute();
  const byStatus: Record<AccountStatus, number> = { enabled: 0, onboarding: 0, restricted: 0, rejected: 0 };
  const funnel = { created: 0, detailsSubmitted: 0, chargesEnabled: 0, payoutsEnabled: 0 };
  for (const row of grouped) {
    byStatus[row.status] = Number(row.n);
    funnel.created += Number(row.n);
    funnel.detailsSubmitted += Number(row.submitted);
    funnel.chargesEnabled += Number(row.charges);
    funnel.payoutsEnabled += Number(row.payouts);
  }

  const firstDay = Math.floor(now / DAY_MS) - (days - 1);
  const perDay = await db
    .selectFrom("stripe_accounts")
    .select([sql<number>`created / ${sql.lit(DAY_MS)}`.as("day"), sql<number>`count(*)`.as("n")])
    .where("created", ">=", firstDay * DAY_MS)
    .groupBy(sql`created / ${sql.lit(DAY_MS)}`)
    .execute();
  const counts = new Map(perDay.map((row) => [Math.floor(Number(row.day)), Number(row.n)]));
  const newPerDay = Array.from({ length: days }, (_, index) => {
    const day = firstDay + index;
    return { day: new Date(day * DAY_MS).toISOString().slice(0, 10), count: counts.get(day) ?? 0 };
  });
  return { total: funnel.created, byStatus, funnel, newPerDay, computedAt: now };
}

/** The app's figures, recomputed at most every 30 s per process. */
export function getAccountStats(): Promise<AccountStats> {
  const cached = globalThis.porticoAccountStats;
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.stats;
  const stats = computeAccountStats();
  globalThis.porticoAccountStats = { at: Date.now(), stats };
  stats.catch(() => {
    globalThis.porticoAccountStats = undefined;
  });
  return stats;
}
