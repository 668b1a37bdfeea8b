import { startEmulator, type WebhookEndpointConfig } from "./index";
import { SANDBOX_PUBLISHABLE_KEY, SANDBOX_SECRET_KEY, SANDBOX_WEBHOOK_SECRET } from "./sandbox-keys";

/** `tsx emulator/cli.ts` — the Portico Stripe sandbox on port 12111 (or EMULATOR_PORT). */
async function main(): Promise<void> {
  const envKey = process.env.STRIPE_SECRET_KEY ?? "";
  if (/^(sk|rk)_live_/.test(envKey)) {
    console.error(
      "Refusing to start the Stripe sandbox: STRIPE_SECRET_KEY in this environment is a LIVE key.\n" +
        "The sandbox is for test mode only. Unset it or use a test key (sk_test_…).",
    );
    process.exit(1);
  }
  const port = Number(process.env.EMULATOR_PORT ?? 12111);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`EMULATOR_PORT must be a port number, got "${process.env.EMULATOR_PORT ?? ""}".`);
    process.exit(1);
  }
  const origins = (process.env.EMULATOR_APP_ORIGIN ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const webhookUrl = process.env.EMULATOR_WEBHOOK_URL;
  const webhookSecret = process.env.EMULATOR_WEBHOOK_SECRET ?? SANDBOX_WEBHOOK_SECRET;
  // Connect events go to their own endpoint when one is given (Stripe uses a separate Connect endpoint and secret).
  const connectUrl = process.env.EMULATOR_CONNECT_WEBHOOK_URL;
  const connectSecret = process.env.EMULATOR_CONNECT_WEBHOOK_SECRET ?? webhookSecret;
  const webhookEndpoints: WebhookEndpointConfig[] = [];
  if (webhookUrl) webhookEndpoints.push({ url: webhookUrl, secret: webhookSecret, connect: false });
  if (connectUrl ?? webhookUrl)
    webhookEndpoints.push({ url: connectUrl ?? webhookUrl ?? "", secret: connectSecret, connect: true });
  // An event destination for API v2's thin events (every type, the platform's and its connected accounts').
  const destinationUrl = process.env.EMULATOR_EVENT_DESTINATION_URL;
  const destinationSecret = process.env.EMULATOR_EVENT_DESTINATION_SECRET ?? webhookSecret;
  const emulator = await startEmulator({
    port,
    host: process.env.EMULATOR_HOST ?? "127.0.0.1",
    logRequests: process.env.EMULATOR_QUIET !== "1",
    ...(process.env.EMULATOR_DATA ? { dataFile: process.env.EMULATOR_DATA } : {}),
    ...(origins.length > 0 ? { appOrigins: origins } : {}),
    webhookEndpoints,
    ...(destinationUrl
      ? {
          eventDestinations: [
            {
              url: destinationUrl,
              secret: destinationSecret,
              enabled_events: ["*"],
              event_payload: "thin",
              events_from: ["self", "other_accounts"],
            },
          ],
        }
      : {}),
  });
  const lines = [
    `Portico Stripe sandbox (emulator) listening on ${emulator.url}`,
    `  Test mode only. API version 2026-10-28.endive.`,
    `  Platform secret key:      ${SANDBOX_SECRET_KEY}`,
    `  Platform publishable key: ${SANDBOX_PUBLISHABLE_KEY}`,
    `  Platform account:         ${emulator.platformAccountId}`,
    `  State: ${process.env.EMULATOR_DATA ? `persisted to ${process.env.EMULATOR_DATA}` : "in memory (set EMULATOR_DATA to keep it)"}`,
    `  Webhooks: ${
      webhookEndpoints.length > 0
        ? webhookEndpoints.map((e) => `${e.url} (${e.connect ? "connect" : "platform"} events)`).join(", ")
        : "none (set EMULATOR_WEBHOOK_URL)"
    }`,
    `  Event destination (thin events): ${destinationUrl ?? "none (set EMULATOR_EVENT_DESTINATION_URL)"}`,
    `  Control API: ${emulator.url}/_emulator/`,
  ];
  console.log(lines.join("\n"));
  const shutdown = () => {
    void emulator.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`The Stripe sandbox could not start: ${message}`);
  process.exit(1);
});
