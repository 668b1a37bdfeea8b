import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DbHandle } from "@/lib/db/connection";
import { parseEnv } from "@/lib/env/schema";
import { newId } from "@/lib/ids";
import { AppClient } from "../../support/app-client";

/**
 * Who reaches the platform console: anonymous visitors and tenant users get the same 404 as for a page that does not
 * exist, with nothing of the console in the body; support and admin get in; admin-only handlers answer 404 to support.
 */

type Who = "anonymous" | "owner" | "support" | "admin";
const emails: Record<Exclude<Who, "anonymous">, string> = {
  owner: "owner@acme.test",
  support: "support@portico.test",
  admin: "admin@portico.test",
};

let handle: DbHandle;
let acmeAccount: string;
const clients = {} as Record<Who, AppClient>;
/** An account of its own for the CSV checks, so other tests' audit entries never mix in. */
const csvAccount = `acct_CsvTest${Date.now().toString(36)}`;

/** Strings that only console pages and handlers produce. */
function consoleMarkers(): string[] {
  return [
    acmeAccount,
    csvAccount,
    "View as this account",
    "Onboarding funnel",
    "Export CSV",
    "accounts-table",
    "audit-table",
    "impersonate-panel",
    "occurred_at,action",
  ];
}

beforeAll(async () => {
  const parsed = parseEnv(process.env);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  handle = openDatabase(parsed.env.database, { poolSize: 2 });
  const acme = await handle.db
    .selectFrom("tenants")
    .select("stripe_account_id")
    .where("slug", "=", "acme-bikes")
    .executeTakeFirstOrThrow();
  if (!acme.stripe_account_id) throw new Error("the demo seed gives Acme Bikes a connected account");
  acmeAccount = acme.stripe_account_id;

  // Audit entries crafted to test the CSV's escaping (the log is append-only: inserts are all it takes).
  const base = {
    actor_user_id: null,
    actor_email: "admin@portico.test",
    actor_role: "admin",
    account_id: csvAccount,
    tenant_id: null,
    impersonation_id: null,
    profile: "support",
    components: JSON.stringify(["payments", "payouts"]),
    ip: "10.0.0.1",
    user_agent: 'Mozilla/5.0 (test), "quoted"',
    details: null,
  };
  await handle.db
    .insertInto("audit_log")
    .values([
      {
        ...base,
        id: newId("aud"),
        occurred_at: Date.now() - 2_000,
        action: "impersonation.started",
        reason: '=HYPERLINK("http://evil.example","click")',
      },
      {
        ...base,
        id: newId("aud"),
        occurred_at: Date.now() - 1_000,
        action: "impersonation.stopped",
        reason: 'Ticket 42, "payouts"\nsecond line',
      },
    ])
    .execute();

  clients.anonymous = new AppClient();
  for (const who of ["owner", "support", "admin"] as const) {
    const client = new AppClient();
    const response = await client.signIn(emails[who]);
    expect(response.status, `sign-in of ${who}`).toBe(200);
    clients[who] = client;
  }
});

afterAll(async () => {
  await handle?.close();
});

const pages = () => [
  "/admin",
  "/admin/accounts",
  "/admin/accounts?q=acme&filter=enabled&sort=name",
  `/admin/accounts/${acmeAccount}`,
  "/admin/audit",
  `/admin/audit?account=${csvAccount}`,
];

/** A 404 with none of the markers (except what the request itself named: Next.js echoes the requested path). */
async function expectNotFoundWithoutConsole(response: Response, label: string, path = ""): Promise<void> {
  expect(response.status, label).toBe(404);
  const body = await response.text();
  for (const marker of consoleMarkers().filter((m) => !path.includes(m))) {
    expect(body, `${label} leaks "${marker}"`).not.toContain(marker);
  }
}

describe("admin console access matrix", () => {
  for (const who of ["anonymous", "owner"] as const) {
    it(`${who}: every console page answers 404 (no redirect to sign-in), with nothing of the console`, async () => {
      for (const path of pages()) {
        await expectNotFoundWithoutConsole(await clients[who].request(path), `${who} GET ${path}`, path);
      }
    });

    it(`${who}: every console route handler answers 404`, async () => {
      await expectNotFoundWithoutConsole(
        await clients[who].request(`/api/admin/audit/export?account=${csvAccount}`),
        `${who} export`,
      );
      await expectNotFoundWithoutConsole(
        await clients[who].request("/api/admin/impersonation", {
          body: { accountId: acmeAccount, reason: "Checking payouts for a ticket", confirm: true },
        }),
        `${who} POST impersonation`,
      );
    });
  }

  for (const who of ["support", "admin"] as const) {
    it(`${who}: every console page answers 200 with its content`, async () => {
      for (const path of pages()) {
        const response = await clients[who].request(path);
        expect(response.status, `${who} GET ${path}`).toBe(200);
      }
      const accounts = await (await clients[who].request("/admin/accounts?q=acme")).text();
      expect(accounts).toContain(acmeAccount);
      const detail = await (await clients[who].request(`/admin/accounts/${acmeAccount}`)).text();
      expect(detail).toContain("Acme Bikes");
      expect(detail).toContain("owner@acme.test");
      expect(detail).toContain("impersonate-panel");
      const audit = await (await clients[who].request(`/admin/audit?account=${csvAccount}`)).text();
      expect(audit).toContain("audit-table");
      // Another staff member's reason, address and browser: admins read them, support sees them withheld.
      if (who === "admin") {
        expect(audit).toContain("Ticket 42");
        expect(audit).toContain("10.0.0.1");
      } else {
        expect(audit).not.toContain("Ticket 42");
        expect(audit).not.toContain("10.0.0.1");
        expect(audit).toContain("Withheld");
      }
    });
  }

  it("an unknown or malformed account id is a 404 for staff too", async () => {
    expect((await clients.support.request("/admin/accounts/acct_DoesNotExist000")).status).toBe(404);
    expect((await clients.support.request("/admin/accounts/not-an-id")).status).toBe(404);
  });

  it("support cannot export the audit log (admin only): 404, like everyone else", async () => {
    await expectNotFoundWithoutConsole(
      await clients.support.request(`/api/admin/audit/export?account=${csvAccount}`),
      "support export",
    );
    const page = await (await clients.support.request("/admin/audit")).text();
    expect(page).not.toContain("audit-export");
  });

  it("admin exports the filtered audit log as escaped CSV, defused against formulas", async () => {
    const response = await clients.admin.request(`/api/admin/audit/export?account=${csvAccount}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="portico-audit-[\d-]+\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const lines = text.split("\r\n");
    expect(lines[0]).toBe(
      "occurred_at,action,actor_email,actor_role,account_id,tenant_id,impersonation_id,reason,profile,components,ip,user_agent,id,details",
    );
    // Newest first; the second entry's reason spans two physical lines inside its quotes.
    expect(text).toContain(
      `,impersonation.stopped,admin@portico.test,admin,${csvAccount},,,"Ticket 42, ""payouts""\nsecond line",support,payments payouts,10.0.0.1,"Mozilla/5.0 (test), ""quoted""",aud_`,
    );
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""click"")",`);
    expect(text).not.toMatch(/,=HYPERLINK/);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(lines.filter((l) => l.includes(csvAccount))).toHaveLength(2);
  });

  it("the audit filters narrow the export (action, dates)", async () => {
    const stopped = await (
      await clients.admin.request(
        `/api/admin/audit/export?account=${csvAccount}&action=impersonation.stopped`,
      )
    ).text();
    expect(stopped).toContain("impersonation.stopped");
    expect(stopped).not.toContain("impersonation.started");
    const past = await (
      await clients.admin.request(
        `/api/admin/audit/export?account=${csvAccount}&from=2000-01-01&to=2000-01-02`,
      )
    ).text();
    expect(past.trim().split("\r\n")).toHaveLength(1);
  });
});
