import { existsSync } from "node:fs";
import path from "node:path";
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
  /** Demo TOTP secrets (base32) whose current codes the inbox page shows. */
  totpSecrets?: { label: string; secret: string }[];
}): Promise<SandboxEmulator> {
  const entry = path.join(root, "emulator/index.ts");
  if (!existsSync(entry)) throw new Error("emulator/index.ts is missing");
  const { startEmulator } = await import("../../emulator/index");
  const { SANDBOX_WEBHOOK_SECRET } = await import("../../emulator/sandbox-keys");
  const running = await startEmulator({
    port: options.port ?? 0,
    appOrigins: [options.appOrigin],
    webhookEndpoints: [
      { url: `${options.appOrigin}/api/webhooks/stripe`, secret: SANDBOX_WEBHOOK_SECRET, connect: true },
    ],
    ...(options.dataFile ? { dataFile: options.dataFile } : {}),
    quiet: options.quiet ?? false,
    ...(options.totpSecrets ? { totpSecrets: options.totpSecrets } : {}),
  });
  return {
    url: running.url,
    smtpUrl: running.smtpUrl,
    inboxUrl: `${running.url}/_emulator/inbox`,
    stop: () => running.stop(),
  };
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
