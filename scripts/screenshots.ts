import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { connectedAccountsApiInForce } from "./lib/emulator";
import { buildIfNeeded, root } from "./lib/stack";
import { runStack } from "./lib/test-stack";

/**
 * npm run screenshots — every Portico page for each role (owner, viewer, support viewing an account, admin, a
 * visitor), desktop and mobile, light and dark, rendered in Chromium from a seeded sandbox stack into ./screenshots
 * (ignored by git). The few shown in the README are then copied to docs/screenshots/.
 */

const OUT = path.join(root, "screenshots");
const DOCS = path.join(root, "docs/screenshots");

/** At most 12: what the README shows. */
const CHOSEN: [from: string, to: string][] = [
  ["owner-light-desktop/home.png", "home-light.png"],
  ["owner-dark-desktop/home.png", "home-dark.png"],
  ["owner-light-desktop/payments.png", "payments-light.png"],
  ["owner-light-mobile/payouts.png", "payouts-mobile.png"],
  ["owner-dark-mobile/home.png", "home-mobile-dark.png"],
  ["owner-light-desktop/team.png", "team-light.png"],
  ["support-viewing-light-desktop/home.png", "view-as-light.png"],
  ["admin-light-desktop/admin.png", "console-overview-light.png"],
  ["admin-dark-desktop/admin-accounts.png", "console-accounts-dark.png"],
  ["admin-light-desktop/admin-audit.png", "console-audit-light.png"],
  ["visitor-light-mobile/pay-acme-bikes.png", "checkout-mobile.png"],
  ["visitor-light-desktop/login.png", "sign-in-light.png"],
];

async function main(): Promise<number> {
  await buildIfNeeded();
  const results = await runStack({
    label: " (screenshots)",
    model: connectedAccountsApiInForce(),
    database: null,
    integration: null,
    e2e: ["--project", "screenshots", ...process.argv.slice(2)],
    env: { PORTICO_SCREENSHOTS: "1", PORTICO_SCREENSHOTS_DIR: OUT },
  });
  mkdirSync(DOCS, { recursive: true });
  let copied = 0;
  for (const [from, to] of CHOSEN) {
    const source = path.join(OUT, from);
    if (!existsSync(source)) continue;
    copyFileSync(source, path.join(DOCS, to));
    copied += 1;
  }
  console.log(
    `\n› Screenshots in ${OUT}; ${copied} of ${CHOSEN.length} chosen ones copied to docs/screenshots/.`,
  );
  return results.every((r) => r.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
