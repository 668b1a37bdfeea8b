import "server-only";
import type { Logger } from "pino";
import { z } from "zod";
import { upsertMirroredAccount } from "../accounts/mirror";
import type { DbHandle } from "../db/connection";
import { getEnv } from "../env";
import { callStripe } from "../stripe/call";
import { getStripe } from "../stripe/client";

/** The sandbox's seeded platform: enough connected accounts in every state for the console to be worth exploring. */
export const PLATFORM_ACCOUNTS = 5_000;
const PLATFORM_SEED = 42;
/** The emulator allows 25 requests/s per key; one page every 60 ms stays well under it. */
const PAGE_DELAY_MS = 60;

const summarySchema = z.object({ accounts: z.number().int().nonnegative() });

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sandbox only: gives the emulator a platform of 5,000 accounts (unless it already has that many) and mirrors every
 * account into the database. Seeding replaces the emulator's whole state, so it runs before the demo businesses get
 * their accounts (lib/seed/seed-stripe.ts), and links to accounts that no longer exist are dropped so those are made
 * again. Idempotent.
 */
export async function seedPlatform({ db }: DbHandle, log: Logger): Promise<string[]> {
  const emulatorUrl = getEnv().stripe.emulatorUrl;
  if (!emulatorUrl) return ["platform: skipped (not in sandbox mode)"];
  const done: string[] = [];

  const summaryResponse = await fetch(new URL("/_emulator/", emulatorUrl));
  if (!summaryResponse.ok) throw new Error(`The sandbox's control API answered ${summaryResponse.status}`);
  const summary = summarySchema.parse(await summaryResponse.json());
  if (summary.accounts < PLATFORM_ACCOUNTS) {
    const seeded = await fetch(new URL("/_emulator/seed", emulatorUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seed: PLATFORM_SEED, accounts: PLATFORM_ACCOUNTS }),
    });
    if (!seeded.ok) throw new Error(`The sandbox refused to seed the platform: ${seeded.status}`);
    // The emulator started over: what the mirror and the tenants knew of its accounts is gone with it.
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom("stripe_accounts").execute();
      await trx.updateTable("tenants").set({ stripe_account_id: null }).execute();
    });
    done.push(`platform: ${PLATFORM_ACCOUNTS} accounts seeded in the sandbox`);
  }

  const stripe = getStripe();
  let startingAfter: string | undefined;
  let mirrored = 0;
  for (;;) {
    const page = await callStripe(
      (options) =>
        stripe.accounts.list(
          { limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) },
          options,
        ),
      { rateLimitBudgetMs: 15_000, deadlineMs: 30_000 },
    );
    const fetchedAt = Date.now();
    await db.transaction().execute(async (trx) => {
      for (const account of page.data) await upsertMirroredAccount(account, fetchedAt, { db: trx });
    });
    mirrored += page.data.length;
    const last = page.data.at(-1);
    if (!page.has_more || !last) break;
    startingAfter = last.id;
    await sleep(PAGE_DELAY_MS);
  }
  log.info({ event: "seed.platform_mirrored", accounts: mirrored }, "platform accounts mirrored");
  done.push(`platform: ${mirrored} accounts mirrored`);
  return done;
}
