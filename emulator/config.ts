import { SANDBOX_PUBLISHABLE_KEY, SANDBOX_SECRET_KEY } from "./sandbox-keys";

export interface WebhookEndpointConfig {
  url: string;
  secret: string;
  /** Receives events of connected accounts (those with `account`); otherwise the platform's own events. */
  connect?: boolean;
  /** Event types to send (`*` or absent = all). */
  enabledEvents?: string[];
}

export interface EventDestinationConfig {
  url: string;
  secret: string;
  enabled_events?: string[];
  event_payload?: "thin" | "snapshot";
  events_from?: ("self" | "other_accounts")[];
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  secretKey?: string;
  publishableKey?: string;
  appOrigins?: string[];
  dataFile?: string;
  rateLimitPerSecond?: number;
  accountSessionTtlSeconds?: number;
  pendingToAvailableSeconds?: number;
  /** Seconds until a payout is paid (or fails). */
  payoutSettleSeconds?: number;
  /** Seconds until submitted dispute evidence is decided (`winning_evidence` / `losing_evidence`). */
  disputeResolutionSeconds?: number;
  webhookEndpoints?: WebhookEndpointConfig[];
  /** API v2 event destinations to start with (thin events by default), each signed with its `secret`. */
  eventDestinations?: EventDestinationConfig[];
  /** Delays between webhook retries; bounded on purpose. */
  webhookRetryDelaysMs?: number[];
  quiet?: boolean;
  /** One access-log line per Stripe API request on stdout (the CLI turns it on). */
  logRequests?: boolean;
  /** Local SMTP mail catcher (127.0.0.1 only); `false` turns it off. Default: on, random port. */
  mail?: { port?: number } | false;
  /** Demo TOTP secrets (base32) whose current codes the inbox page shows. */
  totpSecrets?: { label: string; secret: string }[];
}

export type EmulatorConfig = Required<
  Omit<
    EmulatorOptions,
    "dataFile" | "webhookEndpoints" | "eventDestinations" | "port" | "host" | "mail" | "totpSecrets"
  >
> & {
  dataFile: string | undefined;
};

export function resolveConfig(o: EmulatorOptions): EmulatorConfig {
  return {
    secretKey: o.secretKey ?? SANDBOX_SECRET_KEY,
    publishableKey: o.publishableKey ?? SANDBOX_PUBLISHABLE_KEY,
    appOrigins: o.appOrigins ?? ["http://localhost:3000", "http://127.0.0.1:3000"],
    dataFile: o.dataFile,
    rateLimitPerSecond: o.rateLimitPerSecond ?? 25,
    accountSessionTtlSeconds: o.accountSessionTtlSeconds ?? 1800,
    pendingToAvailableSeconds: o.pendingToAvailableSeconds ?? 60,
    payoutSettleSeconds: o.payoutSettleSeconds ?? 5,
    disputeResolutionSeconds: o.disputeResolutionSeconds ?? 5,
    webhookRetryDelaysMs: o.webhookRetryDelaysMs ?? [1000, 5000, 30000],
    quiet: o.quiet ?? false,
    logRequests: o.logRequests ?? false,
  };
}
