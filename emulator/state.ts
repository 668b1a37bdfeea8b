import { Collection } from "./collection";
import type { AccountRecord } from "./account-model";
import { controllerForType } from "./account-model";
import { newId, now } from "./ids";
import type { JsonObject, JsonValue } from "./json";
import type {
  ApplicationFee,
  BalanceTransaction,
  BankAccount,
  Charge,
  Customer,
  Dispute,
  PaymentIntent,
  PaymentMethod,
  Payout,
  Refund,
  StripeEvent,
  TaxRegistration,
  TaxSettings,
  Transfer,
} from "./objects";
import { API_VERSION } from "./sandbox-keys";
import { iso } from "./v2/account-v2";
import type { RelatedObject, ThinEvent } from "./v2/thin-events";

/** Everything one account (the platform or a connected account) owns. */
export class AccountData {
  customers = new Collection<Customer>();
  paymentIntents = new Collection<PaymentIntent>();
  charges = new Collection<Charge>();
  refunds = new Collection<Refund>();
  disputes = new Collection<Dispute>();
  balanceTransactions = new Collection<BalanceTransaction>();
  payouts = new Collection<Payout>();
  transfers = new Collection<Transfer>();
  applicationFees = new Collection<ApplicationFee>();
  events = new Collection<StripeEvent>();
  taxRegistrations = new Collection<TaxRegistration>();
  paymentMethods = new Map<string, PaymentMethod>();
  taxSettings: TaxSettings | null = null;
  /**
   * Balance transaction id → the automatic payout that settled it. Internal (Stripe has no such public field); it is
   * what `GET /v1/balance_transactions?payout=` answers, and a transaction is settled by one payout at most.
   */
  txnPayout = new Map<string, string>();
  /** The balance per currency, always Σ `net` of the balance transactions by status (derived, never stored). */
  get balance(): Record<string, { available: number; pending: number }> {
    const out: Record<string, { available: number; pending: number }> = {};
    for (const t of this.balanceTransactions.values()) {
      const b = (out[t.currency] ??= { available: 0, pending: 0 });
      if (t.status === "pending") b.pending += t.net;
      else b.available += t.net;
    }
    return out;
  }
  /** charge id → dispute id, charge id → transfer id (Stripe's `transfer` field is not in the fixture). */
  chargeDispute = new Map<string, string>();
  chargeTransfer = new Map<string, string>();
  /** PaymentMethod id → test card number, which decides the payment's outcome. */
  pmCards = new Map<string, string>();
}

export type AccountSessionRecord = {
  account: string;
  client_secret: string;
  components: JsonObject;
  expires_at: number;
  claimed: boolean;
};

export type ConnectToken = {
  token: string;
  account: string;
  components: JsonObject;
  expires_at: number;
  revoked: boolean;
};

export type Scheduled =
  | { kind: "txn"; at: number; account: string; id: string }
  | { kind: "payout"; at: number; account: string; id: string }
  | { kind: "payout_transit"; at: number; account: string; id: string }
  | { kind: "dispute"; at: number; account: string; id: string };

const DAY = 86400;
/** The first UTC midnight strictly after `t`: when automatic payout schedules next run. */
export function nextMidnight(t: number): number {
  return Math.floor(t / DAY) * DAY + DAY;
}

export interface EventSink {
  (event: StripeEvent): void;
}

export type RequestInfo = { id: string | null; idempotency_key: string | null };

export const PLATFORM_APPLICATION = "ca_portico_sandbox_platform";

export class State {
  platform: AccountRecord;
  accounts = new Collection<AccountRecord>();
  private data = new Map<string, AccountData>();
  accountSessions = new Map<string, AccountSessionRecord>();
  connectTokens = new Map<string, ConnectToken>();
  accountLinks: AccountLinkStore = new AccountLinkStore(this);
  /** API v2 events (`GET /v2/core/events`), oldest first. */
  v2Events = new Map<string, ThinEvent>();
  onThinEvent: (event: ThinEvent) => void = () => {};
  scheduled: Scheduled[] = [];
  /** Next UTC midnight at which automatic payout schedules run (the scheduler moves it on; the seeder pauses it). */
  payoutRunAt = nextMidnight(now());
  onEvent: EventSink = () => {};
  /** Set for the duration of a request so events record `request.id`. */
  currentRequest: RequestInfo = { id: null, idempotency_key: null };
  private changed = false;
  /** Moves on with every change, so a save made in slices can tell that its snapshot mixes before and after. */
  revision = 0;
  /** Something changed since the last save. */
  get dirty(): boolean {
    return this.changed;
  }
  set dirty(value: boolean) {
    if (value) this.revision += 1;
    this.changed = value;
  }
  /** While seeding history no events are recorded or delivered. */
  muted = false;

  constructor() {
    this.platform = State.newPlatform();
  }

  static newPlatform(): AccountRecord {
    return {
      id: "acct_1PorticoSandboxPlatform",
      created: 1704067200,
      country: "US",
      email: "platform@portico.example",
      default_currency: "usd",
      business_type: "company",
      business_profile: { name: "Portico Platform", mcc: "5734", url: "https://portico.example" },
      company: {
        name: "Portico Platform",
        tax_id: "000000000",
        phone: "+15555550100",
        address: {
          line1: "1 Market St",
          city: "San Francisco",
          postal_code: "94105",
          state: "CA",
          country: "US",
        },
      },
      individual: {},
      controller: { ...controllerForType("standard") },
      type: "standard",
      capabilities: {
        card_payments: { requested: true, requested_at: 1704067200 },
        transfers: { requested: true, requested_at: 1704067200 },
      },
      metadata: {},
      tos: { date: 1704067200, ip: "127.0.0.1", user_agent: null },
      external_accounts: [],
      payout_schedule: { interval: "daily", delay_days: 2 },
      given: {
        settings: {
          payments: { statement_descriptor: "PORTICO" },
          dashboard: { display_name: "Portico Platform" },
        },
      },
      extra_due: [],
      deadline_passed: false,
      rejected: null,
      details_submitted: true,
      person_id: "person_1PorticoSandboxPlatform",
    };
  }

  reset(): void {
    this.platform = State.newPlatform();
    this.accounts = new Collection<AccountRecord>();
    this.data = new Map();
    this.accountSessions.clear();
    this.connectTokens.clear();
    this.accountLinks.clear();
    this.v2Events.clear();
    this.scheduled = [];
    this.payoutRunAt = nextMidnight(now());
    this.dirty = true;
  }

  /** Connected account or the platform itself. */
  account(id: string): AccountRecord | undefined {
    return id === this.platform.id ? this.platform : this.accounts.get(id);
  }

  dataFor(accountId: string): AccountData {
    let d = this.data.get(accountId);
    if (!d) {
      d = new AccountData();
      this.data.set(accountId, d);
    }
    return d;
  }

  hasData(accountId: string): boolean {
    return this.data.has(accountId);
  }

  dataEntries(): IterableIterator<[string, AccountData]> {
    return this.data.entries();
  }

  dropData(accountId: string): void {
    this.data.delete(accountId);
  }

  emit(accountId: string, type: string, object: JsonValue, previous?: JsonObject): StripeEvent {
    const event: StripeEvent = {
      id: newId("evt"),
      object: "event",
      ...(accountId !== this.platform.id ? { account: accountId } : {}),
      api_version: API_VERSION,
      created: now(),
      data: {
        object: this.muted ? null : structuredClone(object),
        ...(previous ? { previous_attributes: previous } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { ...this.currentRequest },
      type,
    };
    if (this.muted) return event;
    this.dataFor(accountId).events.add(event);
    this.dirty = true;
    this.onEvent(event);
    return event;
  }

  /** Records an API v2 event and hands it to the event destinations (nothing while seeding). */
  emitThin(
    type: string,
    opts: { context?: string; related?: RelatedObject; data?: JsonObject } = {},
  ): ThinEvent | undefined {
    if (this.muted) return undefined;
    const event = this.recordThin(type, opts);
    this.onThinEvent(event);
    return event;
  }

  /** Records an API v2 event without sending it anywhere (a ping is sent to its one destination). */
  recordThin(
    type: string,
    opts: { context?: string; related?: RelatedObject; data?: JsonObject } = {},
  ): ThinEvent {
    const created = now();
    const req = this.currentRequest;
    const event: ThinEvent = {
      id: newId("evt"),
      object: "v2.core.event",
      type,
      created: iso(created),
      livemode: false,
      ...(opts.context && opts.context !== this.platform.id ? { context: opts.context } : {}),
      ...(opts.related ? { related_object: opts.related } : {}),
      ...(opts.data ? { data: opts.data } : {}),
      ...(req.id
        ? { reason: { type: "request", request: { id: req.id, idempotency_key: req.idempotency_key ?? "" } } }
        : {}),
      createdUnix: created,
    };
    this.v2Events.set(event.id, event);
    this.dirty = true;
    return event;
  }

  schedule(item: Scheduled): void {
    this.scheduled.push(item);
  }
}

export type AccountLinkRecord = {
  account: string;
  return_url: string;
  refresh_url: string;
  expires_at: number;
  /** Set for links made by `POST /v2/core/account_links`: returning from them emits `v2.core.account_link.returned`. */
  v2?: { use_case: string; configurations: string[] };
};

/**
 * The account links by token. The hosted onboarding page consumes a link by deleting it once the account has been
 * filled in; for a v2 link that is the moment Stripe emits `v2.core.account_link.returned`.
 */
export class AccountLinkStore extends Map<string, AccountLinkRecord> {
  constructor(private readonly owner?: State) {
    super();
  }
  override delete(token: string): boolean {
    const link = this.get(token);
    const deleted = super.delete(token);
    if (link?.v2 && this.owner)
      this.owner.emitThin("v2.core.account_link.returned", {
        data: {
          account_id: link.account,
          configurations: link.v2.configurations,
          use_case: link.v2.use_case,
        },
      });
    return deleted;
  }
}

export function bankAccountFailure(last4: string): { code: string; message: string } | null {
  switch (last4) {
    case "1113":
      return { code: "account_closed", message: "The bank account has been closed." };
    case "1116":
      return {
        code: "no_account",
        message:
          "The bank account details on file are probably incorrect. No bank account could be located with those details.",
      };
    case "2227":
      return {
        code: "insufficient_funds",
        message: "The bank account has insufficient funds to cover the payout.",
      };
    case "3335":
      return {
        code: "debit_not_authorized",
        message: "Debit transactions are not approved on the bank account.",
      };
    case "4440":
      return {
        code: "invalid_currency",
        message: "The bank was unable to process this payout because of its currency.",
      };
    default:
      return null;
  }
}

export function isBankAccountDefault(ba: BankAccount): boolean {
  return ba.default_for_currency;
}
