import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { addDestination } from "./api/v2-core-api";
import { BrowserApi } from "./browser-api";
import { resolveConfig, type EmulatorOptions } from "./config";
import { handleControl } from "./control";
import { startMailCatcher, type MailCatcher } from "./mail/catcher";
import { receiptFor, receiptMailer } from "./mail/receipts";
import { load, save } from "./persist";
import { SANDBOX_WEBHOOK_SECRET } from "./sandbox-keys";
import { Emulator, sendJson } from "./server";

export type { EmulatorOptions, EventDestinationConfig, WebhookEndpointConfig } from "./config";
export {
  SANDBOX_PUBLISHABLE_KEY,
  SANDBOX_SECRET_KEY,
  SANDBOX_WEBHOOK_SECRET,
  API_VERSION,
} from "./sandbox-keys";
export { signPayload } from "./webhooks";
export type { MailCatcher, MailFilter, MailMessage } from "./mail/catcher";

export interface RunningEmulator {
  url: string;
  port: number;
  /** The sandbox platform's own account id. */
  platformAccountId: string;
  /** `smtp://127.0.0.1:PORT` of the mail catcher, `null` when started with `mail: false`. */
  smtpUrl: string | null;
  /** The mail catcher (caught messages, outage switch), `null` when started with `mail: false`. */
  mail: MailCatcher | null;
  /** Writes the data file now (when `dataFile` is set). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

function landing(res: ServerResponse, emu: Emulator, wantsHtml: boolean): void {
  const info = {
    name: "Portico Stripe sandbox",
    description: "Local, stateful emulator of the Stripe API for Portico (test mode only).",
    api_version: "2026-10-28.endive",
    platform_account: emu.state.platform.id,
    connected_accounts: emu.state.accounts.size,
    control_api: "/_emulator/",
    browser_api: "/_sandbox/",
  };
  if (!wantsHtml) {
    sendJson(res, 200, info);
    return;
  }
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Portico Stripe sandbox</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto"><h1>Portico Stripe sandbox</h1>
<p>A local emulator of the Stripe API (test mode). Platform account <code>${info.platform_account}</code>,
${info.connected_accounts} connected accounts.</p><p>Stripe API at <code>/v1/…</code>; controls at <code>/_emulator/</code>.</p></body></html>`;
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(html);
}

/** Starts an isolated emulator instance (one per test file, or the CLI's). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const config = resolveConfig(options);
  const emu = new Emulator(config);
  const browser = new BrowserApi(emu);
  if (options.webhookEndpoints) emu.webhooks.setEndpoints(options.webhookEndpoints);
  for (const d of options.eventDestinations ?? [])
    addDestination(emu.webhooks, {
      name: "sandbox-configured",
      url: d.url,
      secret: d.secret,
      enabled_events: d.enabled_events ?? ["*"],
      event_payload: d.event_payload ?? "thin",
      events_from: d.events_from ?? ["self", "other_accounts"],
    });
  if (config.dataFile) load(emu.state, config.dataFile);
  const mail = options.mail === false ? null : await startMailCatcher({ port: options.mail?.port ?? 0 });
  const mailControl = { catcher: mail, totpSecrets: options.totpSecrets ?? [] };
  if (mail) {
    // Like Stripe, a payment with a `receipt_email` mails its receipt: here into the sandbox's own inbox.
    const sendReceipt = receiptMailer(mail.smtpUrl, (err: unknown) => {
      if (!config.quiet) console.error("[emulator] could not mail a receipt:", err);
    });
    const forward = emu.state.onEvent;
    emu.state.onEvent = (event) => {
      forward(event);
      const receipt = receiptFor(emu.state, event);
      if (receipt) sendReceipt(receipt);
    };
  }

  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  // A state that keeps changing interrupts saves made between requests: once the file is this old, the next save
  // is made at once (blocking for as long as it takes), so it never falls further behind.
  const MAX_SAVE_AGE_MS = 30_000;
  let lastSaved = Date.now();
  const flush = async (mode: "sliced" | "whole" = "whole"): Promise<void> => {
    if (!config.dataFile) return;
    const file = config.dataFile;
    emu.state.dirty = false;
    saving = saving
      .then(async () => {
        const sliced = mode === "sliced" && Date.now() - lastSaved < MAX_SAVE_AGE_MS;
        const saved = await save(emu.state, file, { sliced });
        if (saved) lastSaved = Date.now();
        // The change that interrupted it marked the state dirty: it is saved again shortly.
        else scheduleSave();
      })
      .catch((err: unknown) => {
        if (!config.quiet) console.error("[emulator] could not save state:", err);
      });
    await saving;
  };
  const scheduleSave = () => {
    if (!config.dataFile || !emu.state.dirty || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      void flush("sliced");
    }, 250);
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const pathname = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? "" : url.slice(q + 1);
    try {
      if (pathname.startsWith("/v1/") || pathname.startsWith("/v2/"))
        await emu.handleApi(req, res, pathname, query);
      else if (pathname.startsWith("/_sandbox/")) await browser.handle(req, res, pathname, query);
      else if (pathname === "/_emulator" || pathname.startsWith("/_emulator/"))
        await handleControl(
          emu,
          req,
          res,
          pathname.replace(/\/$/, ""),
          new URLSearchParams(query),
          SANDBOX_WEBHOOK_SECRET,
          mailControl,
        );
      else if (pathname === "/" && req.method === "GET")
        landing(res, emu, (req.headers.accept ?? "").includes("text/html"));
      else
        sendJson(res, 404, {
          error: {
            type: "invalid_request_error",
            message: `Unrecognized request URL (${req.method ?? "GET"}: ${pathname}).`,
          },
        });
    } catch (err) {
      if (!res.headersSent)
        sendJson(res, 500, {
          error: { type: "api_error", message: err instanceof Error ? err.message : String(err) },
        });
      else res.destroy();
    }
    scheduleSave();
  };

  const server = createServer((req, res) => {
    void handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  const host = options.host ?? "127.0.0.1";
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    // Do not leave the SMTP port bound when the HTTP port is taken.
    await mail?.stop();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  emu.baseUrl = url;

  const ticker = setInterval(() => {
    emu.tick();
    scheduleSave();
  }, 250);
  ticker.unref();
  const pruner = setInterval(() => emu.pruneIdempotency(), 600_000);
  pruner.unref();

  return {
    url,
    port,
    platformAccountId: emu.state.platform.id,
    smtpUrl: mail?.smtpUrl ?? null,
    mail,
    flush,
    async stop() {
      clearInterval(ticker);
      clearInterval(pruner);
      if (saveTimer) clearTimeout(saveTimer);
      emu.webhooks.stop();
      emu.releaseHung();
      if (config.dataFile) await flush();
      await Promise.all([
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
        mail?.stop(),
      ]);
    },
  };
}
