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
