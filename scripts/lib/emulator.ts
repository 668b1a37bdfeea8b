import { existsSync } from "node:fs";
import path from "node:path";
import { parsePlatformConfig } from "../../lib/config/platform-config";
import { SANDBOX_EVENT_DESTINATION_SECRET } from "../../lib/env/schema";
import platformConfig from "../../portico.config";
import { THIN_EVENT_TYPES } from "../../lib/webhooks/routing";
import { root } from "./stack";

export interface SandboxEmulator {
  url: string;
  /** The emulator's mail catcher (`smtp://127.0.0.1:PORT`), for the app's SMTP settings. */
  smtpUrl: string | null;
  /** The HTML inbox of the caught mail (and the demo staff's current TOTP codes). */
  inboxUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the Stripe sandbox emulator in this process for a local stack (tests, `npm run sandbox`), with the app's
 * origin allowed for the browser stand-ins and the app's webhook endpoint registered.
 */
export async function startSandboxEmulator(options: {
  appOrigin: string;
  port?: number;
  dataFile?: string;
  quiet?: boolean;
  /** The app's connected-account model; by default PORTICO_CONNECTED_ACCOUNTS_API, else portico.config.ts. */
  connectedAccountsApi?: "v1" | "v2";
  /** Demo TOTP secrets (base32) whose current codes the inbox page shows. */
  totpSecrets?: { label: string; secret: string }[];
}): Promise<SandboxEmulator> {
  const api = options.connectedAccountsApi ?? connectedAccountsApiInForce();
  const entry = path.join(root, "emulator/index.ts");
  if (!existsSync(entry)) throw new Error("emulator/index.ts is missing");
  const { startEmulator } = await import("../../emulator/index");
  const { SANDBOX_WEBHOOK_SECRET } = await import("../../emulator/sandbox-keys");
  const running = await startEmulator({
    port: options.port ?? 0,
    appOrigins: [options.appOrigin],
    webhookEndpoints: [
      {
        url: `${options.appOrigin}/api/webhooks/stripe`,
        secret: SANDBOX_WEBHOOK_SECRET,
        connect: true,
        // On Accounts v2 the thin destination carries account changes, payouts and disputes (one pipeline).
        ...(api === "v2" ? { enabledEvents: SNAPSHOT_TYPES_BESIDE_THIN } : {}),
      },
    ],
    ...(options.dataFile ? { dataFile: options.dataFile } : {}),
    quiet: options.quiet ?? false,
    ...(options.totpSecrets ? { totpSecrets: options.totpSecrets } : {}),
  });
  if (api === "v2") await registerThinDestination(running.url, options.appOrigin);
  return {
    url: running.url,
    smtpUrl: running.smtpUrl,
    inboxUrl: `${running.url}/_emulator/inbox`,
    stop: () => running.stop(),
  };
}

/** Snapshot events a v2 platform still takes on /api/webhooks/stripe: those with no thin counterpart it handles. */
const SNAPSHOT_TYPES_BESIDE_THIN = [
  "account.application.deauthorized",
  "person.updated",
  "account.external_account.updated",
  "payment_intent.succeeded",
];

/** PORTICO_CONNECTED_ACCOUNTS_API, else portico.config.ts: the model the app under test runs. */
export function connectedAccountsApiInForce(): "v1" | "v2" {
  const override = process.env.PORTICO_CONNECTED_ACCOUNTS_API;
  if (override === "v1" || override === "v2") return override;
  return parsePlatformConfig(platformConfig).connectedAccounts.api;
}

async function registerThinDestination(emulatorUrl: string, appOrigin: string): Promise<void> {
  // The Accounts v2 thin-event destination: the platform's own `v2.core.account*` events (`self`) and connected
  // accounts' thin `v1.*` events (`other_accounts`), signed with the secret the app's sandbox mode expects.
  const destination = await fetch(new URL("/_emulator/event_destinations", emulatorUrl), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      name: "portico-thin-events",
      url: `${appOrigin}/api/webhooks/stripe-events`,
      secret: SANDBOX_EVENT_DESTINATION_SECRET,
      event_payload: "thin",
      events_from: ["self", "other_accounts"],
      enabled_events: THIN_EVENT_TYPES,
    }),
  });
  if (!destination.ok)
    throw new Error(`registering the thin-event destination failed: ${destination.status}`);
}

export interface SandboxIdp {
  /** `http://127.0.0.1:PORT`: the app's OIDC_ISSUER. */
  issuer: string;
  /** The app's OIDC_* settings for this provider. */
  env: { OIDC_ISSUER: string; OIDC_CLIENT_ID: string; OIDC_CLIENT_SECRET: string };
  /** The demo identities (password, email, groups, amr) for printing. */
  identities: readonly { email: string; name: string; groups: string[]; amr: string[] }[];
  password: string;
  stop(): Promise<void>;
}

/**
 * Starts the sandbox's OpenID provider (emulator/oidc) in this process on 127.0.0.1, with the app's callback on
 * each of `appOrigins` registered as a redirect URI. Its control API (`/_control/…`, the outage switch included)
 * answers on the issuer's address.
 */
export async function startSandboxIdp(options: { appOrigins: string[]; port?: number }): Promise<SandboxIdp> {
  const { startOidcProvider } = await import("../../emulator/oidc/provider");
  const { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_DEMO_PASSWORD, OIDC_IDENTITIES } =
    await import("../../emulator/oidc/identities");
  const idp = await startOidcProvider({
    port: options.port ?? 0,
    // The path the app fixes for its callback (lib/sso/settings.ts).
    redirectUris: options.appOrigins.map((origin) => `${origin}/api/sso/callback`),
  });
  return {
    issuer: idp.issuer,
    env: { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET },
    identities: OIDC_IDENTITIES,
    password: OIDC_DEMO_PASSWORD,
    stop: () => idp.stop(),
  };
}
