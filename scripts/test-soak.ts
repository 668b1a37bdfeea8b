import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import Stripe from "stripe";
import { z } from "zod";
import { AppClient } from "../tests/support/app-client";
import { staffTotpSecrets } from "../tests/support/actor-directory";
import { hasLinkTo, tokenFrom, waitForMail } from "../tests/support/mailbox";
import { freshTotpCode } from "../tests/support/totp-codes";
import { startCluster, type Cluster } from "./lib/cluster";
import { bin, buildIfNeeded, root, run } from "./lib/stack";
import { percentile } from "../bench/lib/report";

/**
 * npm run test:soak — load and failure tests too long for `npm test` (about 3 minutes), on two production instances
 * sharing one fresh PostgreSQL database and one Stripe sandbox (zero latency, its 25 req/s limiter off: the point is
 * Portico's own behaviour):
 *
 * 1. 200 simulated users — owners, staff and viewers of 50 tenants, plus 5 support staff impersonating, each pausing
 *    5–15 s between requests — for 60 s
 *    behind a client-side load balancer: 0 server errors, 0 client secrets for a wrong account (every secret the
 *    route mints is claimed at the sandbox and its account compared), p95 of Portico's time under 250 ms.
 * 2. Half-way through, `kill -9` of one instance: the other keeps serving (requests in flight are retried on it, as
 *    a load balancer would); no webhook event acknowledged and no audit record written is lost.
 * 3. 10,000 webhook deliveries (7,000 events + 30 % duplicates, shuffled) concurrently to both instances: each event
 *    processed exactly once, and the accounts mirror equals the sandbox's state.
 *
 * Checks needing routes that are not in this checkout yet (webhooks, impersonation) are reported as skipped.
 */

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const TENANTS = 50;
const TENANT_USERS = 195;
const SUPPORT_USERS = 5;
const FLOOD_EVENTS = 7_000;
const FLOOD_DUPLICATES = 3_000;
// Each account's five state changes give it about 11 events: 700 accounts cover the 7,000 unique events.
const FLOOD_ACCOUNTS = 700;
const P95_TARGET_MS = 250;
// A person reads between clicks: 5–15 s per user (about 20 requests/s from 200 users), not a tight loop.
const THINK_MIN_MS = 5_000;
const THINK_MAX_MS = 15_000;
const thinkTime = () => THINK_MIN_MS + Math.random() * (THINK_MAX_MS - THINK_MIN_MS);
const PASSWORD = "soak-password-1";
const WEBHOOK_SECRET = "whsec_portico_sandbox";

const hasWebhookRoute = existsSync(path.join(root, "app/api/webhooks/stripe/route.ts"));
const hasImpersonationRoute = existsSync(path.join(root, "app/api/admin/impersonation/route.ts"));

interface Check {
  name: string;
  ok: boolean | null;
  detail: string;
}
const checks: Check[] = [];
function check(name: string, ok: boolean | null, detail: string): void {
  checks.push({ name, ok, detail });
  console.log(`  ${ok === null ? "–" : ok ? "✓" : "✗"} ${name}: ${detail}`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function inBatches<T>(items: T[], concurrency: number, fn: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        const item = items[index];
        if (item !== undefined) await fn(item, index);
      }
    }),
  );
}

/**
 * A load balancer in front of the instances: round-robin over the live ones; an instance that refuses a connection
 * (or drops one mid-request) is taken out and the request is sent to another, as a proxy with health checks and
 * retries on connection failure does.
 */
class Balancer {
  private next = 0;
  readonly down = new Set<number>();
  rerouted = 0;
  constructor(private readonly cluster: Cluster) {}

  async send(client: AppClient, route: string, init: Parameters<AppClient["request"]>[1] = {}) {
    for (let attempt = 0; attempt < this.cluster.apps.length; attempt++) {
      const live = this.cluster.apps.filter((app) => !this.down.has(app.index));
      const app = live[this.next++ % Math.max(1, live.length)];
      if (!app) throw new Error("no live instance");
      const started = performance.now();
      try {
        const response = await client.on(app.url).request(route, init);
        const body = await response.text();
        return { response, body, ms: performance.now() - started, instance: app.index };
      } catch (error) {
        this.down.add(app.index);
        this.rerouted += 1;
        if (attempt === this.cluster.apps.length - 1) throw error;
      }
    }
    throw new Error("unreachable");
  }
}

interface SimUser {
  email: string;
  role: "owner" | "staff" | "viewer" | "support";
  client: AppClient;
  accountId: string | null;
}

async function claimAccount(cluster: Cluster, clientSecret: string): Promise<string | null> {
  const response = await fetch(`${cluster.emulator.url}/_sandbox/connect/v1/claim`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: cluster.origin },
    body: JSON.stringify({ client_secret: clientSecret }),
  });
  if (!response.ok) return null;
  const body = z.object({ account: z.object({ id: z.string() }) }).safeParse(await response.json());
  return body.success ? body.data.account.id : null;
}

// ---------------------------------------------------------------------------------------------------------------

async function setUp(cluster: Cluster, db: pg.Pool): Promise<SimUser[]> {
  const app = cluster.apps[0];
  if (!app) throw new Error("no instance");
  const users: SimUser[] = [];
  const started = Date.now();
  const owners = Array.from({ length: TENANTS }, (_, i) => i);
  await inBatches(owners, 4, async (i) => {
    const client = new AppClient(
      cluster.apps[i % cluster.apps.length]?.url ?? app.url,
      undefined,
      cluster.origin,
    );
    const email = `owner-${i}@soak.example`;
    client.mailbox = cluster.emulator.url;
    const response = await client.signUp({
      name: `Owner ${i}`,
      email,
      password: PASSWORD,
      businessName: `Soak ${i}`,
    });
    if (response.status !== 201)
      throw new Error(`sign-up ${email}: ${response.status} ${await response.text()}`);
    users.push({ email, role: "owner", client, accountId: null });
  });
  const members = Array.from({ length: TENANT_USERS - TENANTS }, (_, j) => j);
  await inBatches(members, 4, async (j) => {
    const tenant = j % TENANTS;
    const role = j % 2 === 0 ? "staff" : "viewer";
    const email = `${role}-${j}@soak.example`;
    const owner = users.find((u) => u.email === `owner-${tenant}@soak.example`);
    if (!owner) throw new Error(`no owner for tenant ${tenant}`);
    const since = Date.now() - 1000;
    const invited = await owner.client.request("/api/team/invitations", { body: { email, role } });
    if (invited.status !== 201) throw new Error(`invite ${email}: ${invited.status} ${await invited.text()}`);
    const client = new AppClient(app.url, undefined, cluster.origin);
    // Invited people create their account from the mailed link and join the team that invited them.
    const mail = await waitForMail(email, { since, match: hasLinkTo("/invite"), base: cluster.emulator.url });
    const signUp = await client.request("/api/invitations/register", {
      body: { token: tokenFrom(mail, "/invite"), name: email, password: PASSWORD },
    });
    if (signUp.status !== 201) throw new Error(`join ${email}: ${signUp.status} ${await signUp.text()}`);
    users.push({ email, role, client, accountId: null });
  });
  // Platform staff are not created through a public route: copy the seeded support user (and its password).
  const support = await db.query<Record<string, unknown>>(
    `select * from "user" where email = 'support@portico.test'`,
  );
  const template = support.rows[0];
  const credential = await db.query<Record<string, unknown>>(
    `select * from account where "userId" = $1 and "providerId" = 'credential'`,
    [template?.id],
  );
  const password = credential.rows[0];
  if (!template || !password) throw new Error("the seeded support user is missing");
  const insert = async (table: string, row: Record<string, unknown>) => {
    const columns = Object.keys(row);
    await db.query(
      `insert into "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) values (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
      columns.map((c) => row[c]),
    );
  };
  // And its second factor (the same demo secret): staff sign in with a code.
  const factor = await db.query<Record<string, unknown>>(`select * from second_factors where user_id = $1`, [
    template?.id,
  ]);
  const supportSecret = staffTotpSecrets["support@portico.test"];
  if (!factor.rows[0] || !supportSecret) throw new Error("the seeded support user has no second factor");
  for (let k = 0; k < SUPPORT_USERS; k++) {
    const email = `support-${k}@soak.example`;
    const id = `soak_support_${k}`;
    await insert("user", { ...template, id, email, name: `Support ${k}` });
    await insert("account", { ...password, id: `soak_credential_${k}`, userId: id, accountId: id });
    await insert("second_factors", { ...factor.rows[0], user_id: id });
    const client = new AppClient(app.url, undefined, cluster.origin);
    const signIn = await client.signInPasswordOnly(email, "portico-demo");
    if (signIn.status !== 200) throw new Error(`sign-in ${email}: ${signIn.status} ${await signIn.text()}`);
    // They share the demo secret, but each spends its own codes: count them per person.
    const second = await client.giveSecondFactor(supportSecret, email);
    if (second.status !== 200) throw new Error(`second factor ${email}: ${second.status}`);
    users.push({ email, role: "support", client, accountId: null });
  }
  const accounts = await db.query<{ email: string; stripe_account_id: string | null }>(
    `select u.email, t.stripe_account_id from memberships m
       join "user" u on u.id = m.user_id join tenants t on t.id = m.tenant_id`,
  );
  const byEmail = new Map(accounts.rows.map((r) => [r.email, r.stripe_account_id]));
  for (const user of users) user.accountId = byEmail.get(user.email) ?? null;
  const missing = users.filter((u) => u.role !== "support" && !u.accountId);
  if (missing.length > 0)
    throw new Error(`${missing.length} tenant users have no tenant (e.g. ${missing[0]?.email})`);
  console.log(
    `  set up ${users.length} users of ${TENANTS} tenants in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return users;
}

// ---------------------------------------------------------------------------------------------------------------

async function load(cluster: Cluster, db: pg.Pool, users: SimUser[], busyBefore: number): Promise<void> {
  const balancer = new Balancer(cluster);
  const stripe = new Stripe("sk_test_portico_sandbox");
  const latencies: number[] = [];
  const byRoute = new Map<string, number[]>();
  let serverErrors = 0;
  let requests = 0;
  let minted = 0;
  let wrongAccount = 0;
  let unclaimable = 0;
  let throttled = 0;
  let impersonationsStarted = 0;
  let impersonationsStopped = 0;
  let impersonatedSessions = 0;
  const acknowledgedEvents = new Set<string>();
  const errors: string[] = [];
  const tenantAccounts = [...new Set(users.map((u) => u.accountId).filter((a): a is string => Boolean(a)))];
  let deadline = Date.now() + SECONDS * 1000;
  let killAt = Date.now() + (SECONDS * 1000) / 2;
  let killed = false;

  const phases = { "before the kill": [] as number[], "after the kill": [] as number[] };
  const record = (label: string, result: { response: Response; ms: number }) => {
    requests += 1;
    latencies.push(result.ms);
    phases[killed ? "after the kill" : "before the kill"].push(result.ms);
    byRoute.set(label, [...(byRoute.get(label) ?? []), result.ms]);
    if (result.response.status >= 500) {
      serverErrors += 1;
      if (errors.length < 10) errors.push(`${label} → ${result.response.status}`);
    }
  };

  const mint = async (user: SimUser, expected: string | null) => {
    const result = await balancer.send(user.client, "/api/account-session", { body: {} });
    record("POST /api/account-session", result);
    if (result.response.status === 429) throttled += 1;
    if (result.response.status !== 200) return;
    const secret = z.object({ clientSecret: z.string() }).parse(JSON.parse(result.body)).clientSecret;
    minted += 1;
    const account = await claimAccount(cluster, secret);
    if (account === null) unclaimable += 1;
    else if (account !== expected) {
      wrongAccount += 1;
      errors.push(`${user.email} got a secret for ${account}, expected ${expected}`);
    }
    return true;
  };

  const tenantPages: Record<string, string[]> = {
    owner: ["/", "/payments", "/payouts", "/balances", "/team", "/settings"],
    staff: ["/", "/payments", "/disputes", "/balances"],
    viewer: ["/", "/payments", "/balances"],
  };

  const tenantUser = async (user: SimUser) => {
    await sleep(Math.random() * THINK_MAX_MS);
    while (Date.now() < deadline) {
      const roll = Math.random();
      if (roll < 0.4) {
        const pages = tenantPages[user.role] ?? ["/"];
        const page = pages[Math.floor(Math.random() * pages.length)] ?? "/";
        // A full page load (the layout streams an Account Session into it).
        record(
          "GET page",
          await balancer.send(user.client, page, { headers: { "sec-fetch-dest": "document" } }),
        );
      } else if (roll < 0.7) {
        record("GET /api/me", await balancer.send(user.client, "/api/me"));
      } else {
        await mint(user, user.accountId);
      }
      await sleep(thinkTime());
    }
  };

  const supportUser = async (user: SimUser) => {
    await sleep(Math.random() * THINK_MAX_MS);
    let impersonating: string | null = null;
    while (Date.now() < deadline) {
      if (hasImpersonationRoute) {
        if (!impersonating || Math.random() < 0.1) {
          if (impersonating) {
            const stopped = await balancer.send(user.client, "/api/admin/impersonation/stop", { body: {} });
            record("POST impersonation/stop", stopped);
            if (stopped.response.ok) impersonationsStopped += 1;
            impersonating = null;
          }
          const accountId = tenantAccounts[Math.floor(Math.random() * tenantAccounts.length)] ?? null;
          const started = await balancer.send(user.client, "/api/admin/impersonation", {
            body: {
              accountId,
              reason: "Soak test: checking the dashboard under load",
              confirm: true,
              // The step-up: a code from the support user's (demo) authenticator, each code used once.
              code: await freshTotpCode(staffTotpSecrets["support@portico.test"] ?? "", user.email),
            },
          });
          record("POST impersonation", started);
          if (started.response.status === 201) {
            impersonationsStarted += 1;
            impersonating = accountId;
          }
        } else if (Math.random() < 0.5) {
          if (await mint(user, impersonating)) impersonatedSessions += 1;
        } else {
          record("GET /api/me", await balancer.send(user.client, "/api/me"));
        }
      } else {
        const target = Math.random() < 0.5 ? "/admin" : "/api/me";
        record(target === "/admin" ? "GET page" : "GET /api/me", await balancer.send(user.client, target));
      }
      await sleep(thinkTime());
    }
    if (impersonating) {
      const stopped = await balancer.send(user.client, "/api/admin/impersonation/stop", { body: {} });
      record("POST impersonation/stop", stopped);
      if (stopped.response.ok) impersonationsStopped += 1;
    }
  };

  // Stripe's deliveries during the load: new events, to either instance, retried until acknowledged.
  const webhooks = async () => {
    let n = 0;
    while (hasWebhookRoute && Date.now() < deadline) {
      const accountId = tenantAccounts[n % tenantAccounts.length];
      const account = await (
        await fetch(`${cluster.emulator.url}/v1/accounts/${accountId}`, {
          headers: { authorization: "Bearer sk_test_portico_sandbox" },
        })
      ).json();
      const id = `evt_soak_${Date.now().toString(36)}_${n++}`;
      const payload = JSON.stringify({
        id,
        object: "event",
        api_version: "2026-10-28.endive",
        account: accountId,
        created: Math.floor(Date.now() / 1000),
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
        type: "account.updated",
        data: { object: account },
      });
      for (let attempt = 0; attempt < 5; attempt++) {
        const header = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
        try {
          const result = await balancer.send(new AppClient(cluster.origin), "/api/webhooks/stripe", {
            body: payload,
            origin: null,
            headers: { "stripe-signature": header },
          });
          record("POST /api/webhooks/stripe", result);
          if (result.response.ok) {
            acknowledgedEvents.add(id);
            break;
          }
        } catch {
          // Both down: Stripe would retry later; so do we.
        }
        await sleep(200);
      }
      await sleep(100);
    }
  };

  const killer = async () => {
    await sleep(Math.max(0, killAt - Date.now()));
    const victim = cluster.apps[1];
    if (!victim) return;
    console.log(`  kill -9 instance 1 (pid ${victim.child.process.pid}) at ${SECONDS / 2} s`);
    victim.child.process.kill("SIGKILL");
    killed = true;
  };

  // Warm each instance (JIT, first render of each page) as a running deployment would be; not measured.
  for (const app of cluster.apps) {
    const warm = users.find((u) => u.role === "owner");
    if (!warm) break;
    for (const page of [...(tenantPages.owner ?? []), "/api/me"]) {
      await warm.client.on(app.url).request(page, { headers: { "sec-fetch-dest": "document" } });
    }
  }
  deadline = Date.now() + SECONDS * 1000;
  killAt = Date.now() + (SECONDS * 1000) / 2;
  console.log(
    `  ${users.length} users for ${SECONDS} s across ${cluster.apps.length} instances (load average ${os.loadavg()[0]?.toFixed(1)})…`,
  );
  await Promise.all([
    ...users.map((user) => (user.role === "support" ? supportUser(user) : tenantUser(user))),
    webhooks(),
    killer(),
  ]);

  const p95 = percentile(latencies, 95);
  console.log(
    `  ${requests} requests (${(requests / SECONDS).toFixed(0)}/s), ${balancer.rerouted} rerouted after the kill`,
  );
  for (const [label, values] of byRoute) {
    console.log(
      `    ${label.padEnd(28)} n=${String(values.length).padStart(5)}  p50 ${percentile(values, 50).toFixed(0)} ms  p95 ${percentile(values, 95).toFixed(0)} ms`,
    );
  }
  for (const [phase, values] of Object.entries(phases)) {
    console.log(
      `    ${phase.padEnd(28)} n=${String(values.length).padStart(5)}  p50 ${percentile(values, 50).toFixed(0)} ms  p95 ${percentile(values, 95).toFixed(0)} ms`,
    );
  }
  console.log(
    `  load average now ${os
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(" / ")} (other work on the machine counts)`,
  );
  if (errors.length > 0) console.log(`  first errors: ${errors.join("; ")}`);
  check("no server errors", serverErrors === 0, `${serverErrors} responses ≥ 500 of ${requests}`);
  check(
    "no client secret for a wrong account",
    wrongAccount === 0 && minted > 0 && unclaimable === 0,
    `${minted} secrets minted and claimed at the sandbox, ${wrongAccount} for a wrong account, ${unclaimable} unclaimable; ${throttled} throttled (429)`,
  );
  // A latency target means something only on a machine that is not already busy with other work: a miss counts when
  // the load average before the soak began was at most one runnable task per core, and is only reported otherwise.
  const judged = busyBefore <= os.cpus().length;
  check(
    "p95 of Portico's time",
    p95 < P95_TARGET_MS ? true : judged ? false : null,
    `${p95.toFixed(0)} ms (target < ${P95_TARGET_MS} ms; sandbox latency 0)${judged || p95 < P95_TARGET_MS ? "" : `; not judged: load average ${busyBefore.toFixed(1)} on ${os.cpus().length} cores before the soak started`}`,
  );
  const survivor = cluster.apps[0];
  const health = survivor
    ? await fetch(`${survivor.url}/api/health`).then(
        (r) => r.status,
        () => 0,
      )
    : 0;
  check(
    "kill -9 of one instance: the other keeps serving",
    killed && health === 200 && serverErrors === 0,
    `instance 1 killed; instance 0 health ${health}; ${balancer.rerouted} requests rerouted`,
  );

  if (hasWebhookRoute) {
    const ids = [...acknowledgedEvents];
    const terminal = await waitForEvents(db, ids, 30_000);
    check(
      "no acknowledged webhook event lost",
      terminal === ids.length,
      `${terminal} of ${ids.length} acknowledged events recorded and processed`,
    );
  } else {
    check(
      "no acknowledged webhook event lost",
      null,
      "skipped: /api/webhooks/stripe is not in this checkout yet",
    );
  }
  if (hasImpersonationRoute) {
    const rows = await db.query<{ action: string; n: number }>(
      `select action, count(*)::int as n from audit_log where actor_email like 'support-%@soak.example' group by action`,
    );
    const count = (action: string) => rows.rows.find((r) => r.action === action)?.n ?? 0;
    check(
      "no audit record lost",
      count("impersonation.started") >= impersonationsStarted &&
        count("impersonation.stopped") + count("impersonation.expired") >= impersonationsStopped &&
        count("impersonation.account_session") >= impersonatedSessions,
      `started ${count("impersonation.started")}/${impersonationsStarted}, stopped ${count("impersonation.stopped")}/${impersonationsStopped}, sessions ${count("impersonation.account_session")}/${impersonatedSessions} (audit rows / acknowledged)`,
    );
  } else {
    check("no audit record lost", null, "skipped: /api/admin/impersonation is not in this checkout yet");
  }
}

async function waitForEvents(db: pg.Pool, ids: string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let terminal = 0;
  while (Date.now() < deadline) {
    const result = await db.query<{ n: number }>(
      `select count(*)::int as n from webhook_events where id = any($1) and status in ('processed', 'ignored')`,
      [ids],
    );
    terminal = result.rows[0]?.n ?? 0;
    if (terminal === ids.length) break;
    await sleep(500);
  }
  return terminal;
}

// ---------------------------------------------------------------------------------------------------------------

const eventListSchema = z.object({
  data: z.array(z.object({ id: z.string(), type: z.string(), account: z.string().optional() }).loose()),
  has_more: z.boolean(),
});

async function flood(cluster: Cluster, db: pg.Pool): Promise<void> {
  if (!hasWebhookRoute) {
    check(
      "10,000 webhook deliveries processed exactly once",
      null,
      "skipped: /api/webhooks/stripe is not in this checkout yet",
    );
    check("the mirror equals the sandbox", null, "skipped: /api/webhooks/stripe is not in this checkout yet");
    return;
  }
  const auth = { authorization: "Bearer sk_test_portico_sandbox" };
  const emulator = new Stripe("sk_test_portico_sandbox", {
    host: "127.0.0.1",
    port: Number(new URL(cluster.emulator.url).port),
    protocol: "http",
  });
  // Real events from the sandbox: accounts created, then moved through states (account.updated, capability.updated).
  const states = ["enabled", "restricted", "onboarding", "rejected", "enabled"] as const;
  const accountIds: string[] = [];
  await inBatches(
    Array.from({ length: FLOOD_ACCOUNTS }, (_, i) => i),
    16,
    async (i) => {
      const account = await emulator.accounts.create({
        type: "express",
        country: "US",
        email: `flood-${i}@soak.example`,
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      });
      accountIds.push(account.id);
    },
  );
  // The platform mirrors its accounts with the backfill first (events for accounts it does not know are ignored).
  const synced = await run(
    bin("tsx"),
    ["--conditions=react-server", "scripts/stripe-sync.ts", "--rate", "200"],
    {
      ...cluster.env,
      NODE_ENV: "development",
    },
  );
  if (synced !== 0) throw new Error("npm run stripe:sync failed");
  for (const state of states) {
    // Events carry whole seconds: keep each account's changes (and the backfill's read) in distinct seconds, so
    // "newest wins" has a well-defined newest.
    await sleep(1_100);
    await inBatches(accountIds, 16, async (id) => {
      const response = await fetch(`${cluster.emulator.url}/_emulator/accounts/${id}/state`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ state }),
      });
      if (!response.ok) throw new Error(`state ${state}: ${response.status}`);
    });
  }
  // Each connected account's events, as Stripe lists them for it (Stripe-Account); whole accounts up to 7,000 events,
  // so every account in the flood gets all of its events and must end up in the sandbox's state.
  const perAccount = new Map<string, { id: string; payload: string }[]>();
  await inBatches(accountIds, 16, async (accountId) => {
    const list: { id: string; payload: string }[] = [];
    let after: string | undefined;
    for (;;) {
      const query = new URLSearchParams({ limit: "100", ...(after ? { starting_after: after } : {}) });
      const page = await fetch(`${cluster.emulator.url}/v1/events?${query}`, {
        headers: { ...auth, "stripe-account": accountId },
      });
      const raw: unknown = await page.json();
      const parsed = eventListSchema.parse(raw);
      const data = z.object({ data: z.array(z.unknown()) }).parse(raw).data;
      parsed.data.forEach((event, index) =>
        list.push({ id: event.id, payload: JSON.stringify(data[index]) }),
      );
      if (!parsed.has_more) break;
      after = parsed.data.at(-1)?.id;
    }
    perAccount.set(accountId, list);
  });
  const events: { id: string; payload: string }[] = [];
  const floodAccounts: string[] = [];
  for (const accountId of accountIds) {
    const list = perAccount.get(accountId) ?? [];
    if (list.length === 0 || events.length + list.length > FLOOD_EVENTS) continue;
    events.push(...list);
    floodAccounts.push(accountId);
  }
  const unique = events.slice(0, FLOOD_EVENTS);
  const deliveries = [...unique];
  // Duplicates make up the rest of the 10,000 deliveries (30 %).
  for (let i = 0; i < FLOOD_EVENTS + FLOOD_DUPLICATES - unique.length; i++) {
    const duplicate = unique[Math.floor(Math.random() * unique.length)];
    if (duplicate) deliveries.push(duplicate);
  }
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const a = deliveries[i];
    const b = deliveries[j];
    if (a && b) [deliveries[i], deliveries[j]] = [b, a];
  }
  const stripe = new Stripe("sk_test_portico_sandbox");
  let failed = 0;
  const started = Date.now();
  await inBatches(deliveries, 32, async (delivery, index) => {
    const app = cluster.apps[index % cluster.apps.length];
    if (!app) return;
    const response = await fetch(`${app.url}/api/webhooks/stripe`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": stripe.webhooks.generateTestHeaderString({
          payload: delivery.payload,
          secret: WEBHOOK_SECRET,
        }),
      },
      body: delivery.payload,
    });
    if (!response.ok) failed += 1;
  });
  const seconds = (Date.now() - started) / 1000;
  const ids = unique.map((e) => e.id);
  const terminal = await waitForEvents(db, ids, 120_000);
  const rows = await db.query<{ n: number }>(
    `select count(*)::int as n from webhook_events where id = any($1)`,
    [ids],
  );
  check(
    `${deliveries.length.toLocaleString("en-US")} webhook deliveries processed exactly once`,
    failed === 0 && terminal === ids.length && (rows.rows[0]?.n ?? 0) === ids.length,
    `${unique.length} events + ${deliveries.length - unique.length} duplicates, shuffled, to 2 instances in ${seconds.toFixed(1)} s (${(deliveries.length / seconds).toFixed(0)}/s); ${failed} non-2xx; ${rows.rows[0]?.n ?? 0} rows, ${terminal} processed`,
  );

  const mirror = await db.query<{
    id: string;
    charges_enabled: unknown;
    payouts_enabled: unknown;
    details_submitted: unknown;
    disabled_reason: string | null;
  }>(
    `select id, charges_enabled, payouts_enabled, details_submitted, disabled_reason from stripe_accounts where id = any($1)`,
    [floodAccounts],
  );
  const byId = new Map(mirror.rows.map((r) => [r.id, r]));
  let mismatches = 0;
  const examples: string[] = [];
  await inBatches(floodAccounts, 16, async (id) => {
    const account = await emulator.accounts.retrieve(id);
    const row = byId.get(id);
    const same =
      row !== undefined &&
      Boolean(Number(row.charges_enabled)) === account.charges_enabled &&
      Boolean(Number(row.payouts_enabled)) === account.payouts_enabled &&
      Boolean(Number(row.details_submitted)) === account.details_submitted &&
      (row.disabled_reason ?? null) === (account.requirements?.disabled_reason ?? null);
    if (!same) {
      mismatches += 1;
      if (examples.length < 3) examples.push(id);
    }
  });
  check(
    "the mirror equals the sandbox",
    mismatches === 0 && floodAccounts.length > 0,
    `${floodAccounts.length - mismatches} of ${floodAccounts.length} accounts match (charges, payouts, details submitted, disabled reason)${examples.length ? `; e.g. ${examples.join(", ")}` : ""}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = Date.now();
  const busyBefore = os.loadavg()[0] ?? 0;
  await buildIfNeeded();
  console.log("\n━━ Soak: two instances, one PostgreSQL, one Stripe sandbox");
  const cluster = await startCluster({
    instances: 2,
    database: "postgres",
    env: { LOG_LEVEL: "warn" },
    emulator: { rateLimitPerSecond: 0 },
  });
  const db = new pg.Pool({ connectionString: cluster.databaseUrl, max: 4 });
  // Interrupted: still stop the servers and drop the database.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void cluster.stop().finally(() => process.exit(130));
    });
  }
  try {
    const users = await setUp(cluster, db);
    console.log("\n━━ 200 users, kill -9 half-way");
    await load(cluster, db, users, busyBefore);
    console.log("\n━━ Webhook flood");
    await cluster.restart(1);
    await flood(cluster, db);
  } finally {
    await db.end();
    await cluster.stop();
  }
  const failed = checks.filter((c) => c.ok === false);
  const skipped = checks.filter((c) => c.ok === null);
  console.log(
    `\n━━ Soak summary (${Math.round((Date.now() - started) / 1000)} s): ${checks.length - failed.length - skipped.length} passed, ${failed.length} failed, ${skipped.length} skipped`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
