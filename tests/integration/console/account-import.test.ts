import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/lib/db/connection";
import type { AppClient } from "../../support/app-client";
import { createStaffMember } from "../../support/actors";
import {
  createStripeAccount,
  exampleEmail,
  existingAccounts,
  runScript,
  type ExistingAccount,
} from "../../support/existing-accounts";
import { hasLinkTo, waitForMail } from "../../support/mailbox";
import { staffWithPasskey, type StaffWithPasskey } from "../../support/step-up";
import { openTestDatabase } from "../../support/test-db";

/**
 * Importing a list of existing accounts, from the console and from `npm run tenants:import`: the same rules as one
 * invitation, row by row; a dry run changes nothing; running a list again skips what it already did; every row that
 * cannot be imported says why. The import itself takes a fresh step-up (its refusals are in step-up.test.ts): this
 * file's admin confirms with a passkey; a dry run needs none.
 */

let db: DbHandle;
let admin: StaffWithPasskey;
let acmeAccount: string;
let tmp: string;

interface ReportRow {
  line: number;
  accountId: string;
  outcome: string;
  reason: string | null;
  match: string | null;
}
interface Report {
  dryRun: boolean;
  rows: ReportRow[];
  counts: Record<string, number>;
}

/** The console's request: the list's text, and for the import itself the admin's passkey step-up. */
async function importList(
  who: StaffWithPasskey | AppClient,
  text: string,
  dryRun: boolean,
): Promise<Response> {
  const [client, proof] =
    "proof" in who ? [who.client, dryRun ? {} : await who.proof()] : [who, dryRun ? {} : { code: "123456" }];
  return client.request("/api/admin/accounts/import", { body: { list: text, dryRun, ...proof } });
}

async function reportOf(response: Response): Promise<Report> {
  expect(response.status).toBe(200);
  return ((await response.json()) as { report: Report }).report;
}

const byLine = (report: Report) =>
  Object.fromEntries(report.rows.map((row) => [row.line, { outcome: row.outcome, reason: row.reason }]));

async function tenantsOf(ids: string[]) {
  return db.db
    .selectFrom("tenants")
    .select(["id", "stripe_account_id"])
    .where("stripe_account_id", "in", ids)
    .execute();
}

const runImport = (args: string[]) => runScript("scripts/tenants-import.ts", args, { LOG_LEVEL: "warn" });

beforeAll(async () => {
  db = openTestDatabase();
  tmp = mkdtempSync(path.join(tmpdir(), "portico-import-"));
  admin = await staffWithPasskey("admin");
  const acme = await db.db
    .selectFrom("tenants")
    .select("stripe_account_id")
    .where("slug", "=", "acme-bikes")
    .executeTakeFirstOrThrow();
  acmeAccount = String(acme.stripe_account_id);
}, 120_000);

afterAll(async () => {
  await db.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe("importing existing accounts from the console", () => {
  let matching: ExistingAccount;
  let holder: ExistingAccount;
  let other: ExistingAccount;
  let unnamed: ExistingAccount;
  let notMirrored: ExistingAccount;
  let csv: string;
  const stranger = exampleEmail("stranger");

  beforeAll(async () => {
    [matching, holder, other, unnamed] = (await existingAccounts([
      {},
      {},
      {},
      { businessName: "Named At Stripe" },
    ])) as [ExistingAccount, ExistingAccount, ExistingAccount, ExistingAccount];
    notMirrored = await createStripeAccount();
    // A header, a byte-order mark, CRLF, a quoted name with a comma, an empty name and every kind of bad row.
    csv =
      "\uFEFFStripe account,Business name,Owner email\r\n" +
      [
        `${matching.id},"${matching.businessName}, Inc.",${matching.email}`, // 2: the account's email → mailed
        `${holder.id},${holder.businessName},${holder.individualEmail.toUpperCase()}`, // 3: the holder's at Stripe
        `${other.id},${other.businessName},${stranger}`, // 4: not Stripe's → waits for approval
        `${unnamed.id},,${unnamed.email}`, // 5: no name: Stripe's is taken
        `acct_NoSuchAccount000,Ghost,ghost@example.test`, // 6: unknown to Stripe
        `${notMirrored.id},Not Yet,${notMirrored.email}`, // 7: at Stripe, not in the mirror
        `${acmeAccount},Acme Again,intruder@example.test`, // 8: already another business's
        `${other.id},Twice,${stranger}`, // 9: duplicate
        `acct_Valid000001,Bad Email,not-an-email`, // 10
        `only,two`, // 11
      ].join("\r\n") +
      "\r\n";
  }, 120_000);

  it("a dry run says what would happen and changes nothing", async () => {
    const before = await db.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "tenant.owner_invited")
      .execute();
    const report = await reportOf(await importList(admin, csv, true));
    expect(report.dryRun).toBe(true);
    expect(byLine(report)).toEqual({
      2: { outcome: "invited", reason: null },
      3: { outcome: "invited", reason: null },
      4: { outcome: "awaiting_approval", reason: "email_not_matching_stripe" },
      5: { outcome: "invited", reason: null },
      6: { outcome: "failed", reason: "unknown_account" },
      7: { outcome: "failed", reason: "not_in_mirror" },
      8: { outcome: "failed", reason: "already_linked" },
      9: { outcome: "failed", reason: "duplicate_in_file" },
      10: { outcome: "failed", reason: "invalid_email" },
      11: { outcome: "failed", reason: "wrong_column_count" },
    });
    expect(report.rows.find((r) => r.line === 3)?.match).toBe("individual_email");
    expect(await tenantsOf([matching.id, holder.id, other.id, unnamed.id])).toHaveLength(0);
    const after = await db.db
      .selectFrom("audit_log")
      .select("id")
      .where("action", "=", "tenant.owner_invited")
      .execute();
    expect(after.length).toBe(before.length);
  });

  it("imports, mails those Stripe vouches for, holds the rest for approval; running it again skips what is done", async () => {
    const since = Date.now() - 1000;
    const report = await reportOf(await importList(admin, csv, false));
    expect(report.counts).toMatchObject({
      total: 10,
      invited: 3,
      awaiting_approval: 1,
      skipped: 0,
      failed: 6,
    });
    expect(await tenantsOf([matching.id, holder.id, other.id, unnamed.id])).toHaveLength(4);
    const named = await db.db
      .selectFrom("tenants")
      .select(["name", "stripe_account_id"])
      .where("stripe_account_id", "in", [matching.id, unnamed.id])
      .execute();
    expect(Object.fromEntries(named.map((t) => [t.stripe_account_id, t.name]))).toEqual({
      [matching.id]: `${matching.businessName}, Inc.`,
      [unnamed.id]: "Named At Stripe",
    });
    await waitForMail(matching.email, { since, match: hasLinkTo("/invite") });
    await waitForMail(holder.individualEmail, { since, match: hasLinkTo("/invite") });
    const held = await db.db
      .selectFrom("invitations")
      .innerJoin("tenants", "tenants.id", "invitations.tenant_id")
      .select(["invitations.approval", "invitations.email"])
      .where("tenants.stripe_account_id", "=", other.id)
      .executeTakeFirstOrThrow();
    expect(held).toEqual({ approval: "pending", email: stranger });

    const again = await reportOf(await importList(admin, csv, false));
    expect(again.counts).toMatchObject({ invited: 0, awaiting_approval: 0, skipped: 4, failed: 6 });
    expect(
      again.rows.filter((r) => r.outcome === "skipped").every((r) => r.reason === "already_linked_same_way"),
    ).toBe(true);
    expect(await tenantsOf([matching.id, holder.id, other.id, unnamed.id])).toHaveLength(4);

    // The same account with another owner is a conflict, not a skip.
    const conflicting = await reportOf(
      await importList(admin, `${matching.id},${matching.businessName},${exampleEmail("usurper")}\n`, false),
    );
    expect(byLine(conflicting)).toEqual({ 1: { outcome: "failed", reason: "already_linked" } });

    const imports = await db.db
      .selectFrom("audit_log")
      .select(["details", "actor_email"])
      .where("action", "=", "tenants.imported")
      .orderBy("occurred_at", "desc")
      .limit(3)
      .execute();
    expect(imports).toHaveLength(3);
    expect(JSON.parse(imports[2]?.details ?? "{}")).toMatchObject({ dryRun: false, invited: 3, failed: 6 });
  });

  it("has its own size limit, row limit and body, and is admins' only", async () => {
    const big = `acct_Big0000001,${"x".repeat(90)},big@example.test\n`.repeat(12_000);
    expect((await importList(admin, big, true)).status).toBe(413);
    const many = Array.from({ length: 10_001 }, (_, i) => `acct_R${i}X,B,r${i}@e.test`).join("\n");
    const tooMany = await importList(admin, many, true);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { code: string } }).error.code).toBe("too_many_rows");
    // The list travels as a JSON string with its proof; the CSV itself as the body is refused before it is read.
    const raw = await admin.client.request("/api/admin/accounts/import", {
      body: csv,
      headers: { "content-type": "text/csv; charset=utf-8" },
    });
    expect(raw.status).toBe(415);
    const unknownField = await admin.client.request("/api/admin/accounts/import", {
      body: { csv: "x", dryRun: true },
    });
    expect(unknownField.status).toBe(400);
    const supportClient = (await createStaffMember("support")).client;
    expect((await importList(supportClient, csv, true)).status).toBe(404);
    expect((await importList(supportClient, csv, false)).status).toBe(404);
    expect((await supportClient.request("/admin/accounts/import")).status).toBe(404);
    expect((await admin.client.request("/admin/accounts/import")).status).toBe(200);
  });
});

describe("npm run tenants:import", () => {
  it("dry-runs, imports with a progress report of failures, and is idempotent", async () => {
    const [fresh, waiting] = (await existingAccounts([{}, {}])) as [ExistingAccount, ExistingAccount];
    const file = path.join(tmp, "accounts.csv");
    writeFileSync(
      file,
      [
        `${fresh.id},${fresh.businessName},${fresh.email}`,
        `${waiting.id},${waiting.businessName},${exampleEmail("not-stripes")}`,
        `acct_NoSuchAccount999,Ghost,ghost@example.test`,
      ].join("\n"),
    );
    const dry = await runImport([file, "--dry-run"]);
    expect(dry.stderr).toBe("");
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain("Dry run: 3 rows — 1 would be invited, 1 would wait");
    expect(dry.stdout).toMatch(/line 3\s+acct_NoSuchAccount999\s+unknown_account/);
    expect(await tenantsOf([fresh.id, waiting.id])).toHaveLength(0);

    const run = await runImport([file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("3 rows — 1 invited, 1 waiting for a second admin's approval, 0 skipped");
    expect(run.stdout).toMatch(/tenants:import finished: 3 of 3 rows/);
    expect(run.stdout).toMatch(/Waiting for approval[\s\S]*line 2/);
    expect(await tenantsOf([fresh.id, waiting.id])).toHaveLength(2);
    await waitForMail(fresh.email, { match: hasLinkTo("/invite") });
    const audit = await db.db
      .selectFrom("audit_log")
      .select(["actor_email", "details"])
      .where("action", "=", "tenant.owner_invited")
      .where("account_id", "=", fresh.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_email).toBeNull();
    expect(JSON.parse(audit.details ?? "{}")).toMatchObject({ source: "cli" });

    const again = await runImport([file]);
    expect(again.stdout).toContain("0 invited, 0 waiting for a second admin's approval, 2 skipped");

    const missing = await runImport([path.join(tmp, "nope.csv")]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("No such file");
    const usage = await runImport([]);
    expect(usage.code).toBe(2);
  }, 120_000);
});
