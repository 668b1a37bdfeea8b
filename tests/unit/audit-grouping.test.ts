import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@/lib/audit";
import { groupAuditEntries } from "@/lib/audit/grouping";

function entry(id: string, action: string, impersonationId: string | null): AuditEntry {
  return {
    id,
    occurredAt: 0,
    action,
    actorUserId: "usr_1",
    actorEmail: "support@portico.test",
    actorRole: "support",
    actorDeleted: false,
    accountId: "acct_1",
    tenantId: null,
    impersonationId,
    reason: null,
    profile: null,
    components: [],
    ip: null,
    userAgent: null,
    details: {},
  };
}

describe("the audit log's display", () => {
  it("folds a view's Account Sessions into one item, keeping every row and their order", () => {
    const rows = [
      entry("a1", "impersonation.stopped", "imp_1"),
      entry("a2", "impersonation.account_session", "imp_1"),
      entry("a3", "impersonation.account_session", "imp_1"),
      entry("a4", "impersonation.account_session", "imp_1"),
      entry("a5", "impersonation.started", "imp_1"),
      entry("a6", "impersonation.account_session", "imp_2"),
      entry("a7", "impersonation.account_session", "imp_3"),
      entry("a8", "impersonation.account_session", "imp_3"),
      entry("a9", "staff.invited", null),
    ];
    const items = groupAuditEntries(rows);
    expect(
      items.map((item) =>
        item.kind === "entry"
          ? item.entry.id
          : `${item.impersonationId}:${item.entries.map((e) => e.id).join(",")}`,
      ),
    ).toEqual(["a1", "imp_1:a2,a3,a4", "a5", "a6", "imp_3:a7,a8", "a9"]);
  });

  it("leaves sessions of different views apart even when they are next to each other", () => {
    const items = groupAuditEntries([
      entry("b1", "impersonation.account_session", "imp_1"),
      entry("b2", "impersonation.account_session", "imp_2"),
    ]);
    expect(items.map((item) => item.kind)).toEqual(["entry", "entry"]);
  });
});
