import { mkdir, rename, writeFile } from "node:fs/promises";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { AccountRecord } from "./account-model";
import type { Collection, Listed } from "./collection";
import { isJsonObject, type JsonObject } from "./json";
import type { PaymentMethod } from "./objects";
import type { AccountData, AccountSessionRecord, ConnectToken, Scheduled, State } from "./state";

type CollectionKey =
  | "customers"
  | "paymentIntents"
  | "charges"
  | "refunds"
  | "disputes"
  | "balanceTransactions"
  | "payouts"
  | "transfers"
  | "applicationFees"
  | "events"
  | "taxRegistrations";
const COLLECTIONS: CollectionKey[] = [
  "customers",
  "paymentIntents",
  "charges",
  "refunds",
  "disputes",
  "balanceTransactions",
  "payouts",
  "transfers",
  "applicationFees",
  "events",
  "taxRegistrations",
];

type SavedData = {
  collections: Partial<Record<CollectionKey, Listed[]>>;
  paymentMethods: [string, PaymentMethod][];
  pmCards: [string, string][];
  chargeDispute: [string, string][];
  chargeTransfer: [string, string][];
  /** Balance transaction → automatic payout that settled it (files saved before it existed have none). */
  txnPayout?: [string, string][];
  taxSettings: AccountData["taxSettings"];
};

type Saved = {
  version: 1;
  platform: AccountRecord;
  accounts: AccountRecord[];
  data: Record<string, SavedData>;
  accountSessions: AccountSessionRecord[];
  connectTokens: ConnectToken[];
  scheduled: Scheduled[];
  payoutRunAt?: number;
};

function savedData(d: AccountData): SavedData {
  const collections: SavedData["collections"] = {};
  for (const key of COLLECTIONS) {
    const coll: Collection<Listed> = d[key];
    if (coll.size > 0) collections[key] = coll.toArray();
  }
  return {
    collections,
    paymentMethods: [...d.paymentMethods.entries()],
    pmCards: [...d.pmCards.entries()],
    chargeDispute: [...d.chargeDispute.entries()],
    chargeTransfer: [...d.chargeTransfer.entries()],
    txnPayout: [...d.txnPayout.entries()],
    taxSettings: d.taxSettings,
  };
}

export function serialize(state: State): string {
  const data: Record<string, SavedData> = {};
  for (const [id, d] of state.dataEntries()) data[id] = savedData(d);
  const saved: Saved = {
    version: 1,
    platform: state.platform,
    accounts: state.accounts.toArray(),
    data,
    accountSessions: [...state.accountSessions.values()],
    connectTokens: [...state.connectTokens.values()],
    scheduled: state.scheduled,
    ...(Number.isFinite(state.payoutRunAt) ? { payoutRunAt: state.payoutRunAt } : {}),
  };
  return JSON.stringify(saved);
}

/** `[a,b,…]` of `items`, a few hundred at a time. */
function* arrayPieces(items: readonly unknown[]): Generator<string> {
  yield "[";
  for (let i = 0; i < items.length; i += 200) {
    const text = JSON.stringify(items.slice(i, i + 200));
    yield (i > 0 ? "," : "") + text.slice(1, -1);
  }
  yield "]";
}

/** The same document as `serialize`, as pieces each cheap to make (a seeded sandbox's state is tens of MB). */
function* pieces(state: State): Generator<string> {
  yield `{"version":1,"platform":${JSON.stringify(state.platform)},"accounts":`;
  yield* arrayPieces(state.accounts.toArray());
  yield `,"data":{`;
  let firstAccount = true;
  for (const [id, d] of state.dataEntries()) {
    const { collections, ...rest } = savedData(d);
    yield `${firstAccount ? "" : ","}${JSON.stringify(id)}:{"collections":{`;
    firstAccount = false;
    let firstCollection = true;
    for (const [key, items] of Object.entries(collections)) {
      yield `${firstCollection ? "" : ","}${JSON.stringify(key)}:`;
      firstCollection = false;
      yield* arrayPieces(items);
    }
    yield `},${JSON.stringify(rest).slice(1)}`;
  }
  yield `},"accountSessions":${JSON.stringify([...state.accountSessions.values()])}`;
  yield `,"connectTokens":${JSON.stringify([...state.connectTokens.values()])}`;
  yield `,"scheduled":${JSON.stringify(state.scheduled)}`;
  yield Number.isFinite(state.payoutRunAt) ? `,"payoutRunAt":${state.payoutRunAt}}` : "}";
}

/** How long the state is serialised before requests get their turn. */
const SLICE_MS = 8;

/**
 * The saved document, made a slice at a time with the event loop free in between — serialising a seeded sandbox at
 * once blocked every request for about a second after each change. Null when the state changed meanwhile (the
 * pieces would mix before and after): the caller saves again later.
 */
async function slicedSnapshot(state: State): Promise<string[] | null> {
  const revision = state.revision;
  const out: string[] = [];
  let sliceStart = performance.now();
  for (const piece of pieces(state)) {
    out.push(piece);
    if (performance.now() - sliceStart < SLICE_MS) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (state.revision !== revision) return null;
    sliceStart = performance.now();
  }
  return state.revision === revision ? out : null;
}

/** Loads a saved file into an empty state. The file is our own output, so its shape is trusted. */
export function load(state: State, file: string): boolean {
  if (!existsSync(file)) return false;
  const saved = JSON.parse(readFileSync(file, "utf8")) as Saved;
  if (saved.version !== 1) throw new Error(`Unsupported emulator data file version in ${file}`);
  state.reset();
  state.platform = upgradeAccount(saved.platform);
  state.accounts.addMany(saved.accounts.map(upgradeAccount));
  for (const [id, s] of Object.entries(saved.data)) {
    const d = state.dataFor(id);
    for (const key of COLLECTIONS) {
      const items = s.collections[key];
      if (!items) continue;
      // Each collection holds the object type it was saved from.
      (d[key] as Collection<Listed>).addMany(items);
    }
    for (const [k, v] of s.paymentMethods) d.paymentMethods.set(k, v);
    for (const [k, v] of s.pmCards) d.pmCards.set(k, v);
    for (const [k, v] of s.chargeDispute) d.chargeDispute.set(k, v);
    for (const [k, v] of s.chargeTransfer) d.chargeTransfer.set(k, v);
    for (const [k, v] of s.txnPayout ?? []) d.txnPayout.set(k, v);
    d.taxSettings = s.taxSettings;
  }
  for (const a of saved.accountSessions) state.accountSessions.set(a.client_secret, a);
  for (const t of saved.connectTokens) state.connectTokens.set(t.token, t);
  state.scheduled = saved.scheduled;
  // Missed payout days are caught up on the next tick, as Stripe's schedule would have run them.
  if (saved.payoutRunAt !== undefined) state.payoutRunAt = saved.payoutRunAt;
  state.dirty = false;
  return true;
}

/** Files saved before accounts kept their shown-back params (`given`) had three typed settings instead. */
function upgradeAccount(rec: AccountRecord): AccountRecord {
  if (isJsonObject(rec.given)) return rec;
  const legacy = (rec as { settings?: Record<string, string | null> }).settings ?? {};
  const settings: JsonObject = {};
  if (legacy.statement_descriptor) settings.payments = { statement_descriptor: legacy.statement_descriptor };
  if (legacy.display_name) settings.dashboard = { display_name: legacy.display_name };
  if (legacy.primary_color) settings.branding = { primary_color: legacy.primary_color };
  const { settings: _legacy, ...rest } = rec as AccountRecord & { settings?: unknown };
  return { ...rest, given: Object.keys(settings).length > 0 ? { settings } : {} };
}

/**
 * Atomic write: a temp file renamed over the target, so a crash never leaves half a file. `sliced` keeps the server
 * answering while the state is serialised, and answers false (nothing written) when the state changed meanwhile.
 */
export async function save(state: State, file: string, options: { sliced?: boolean } = {}): Promise<boolean> {
  const snapshot = options.sliced ? await slicedSnapshot(state) : [serialize(state)];
  if (!snapshot) return false;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, snapshot);
  await rename(tmp, file);
  return true;
}
