import { describe, expect, it } from "vitest";
import { auditActions } from "@/lib/audit";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

describe("the audit log's action labels", () => {
  it("name every recorded action in English and French", () => {
    for (const messages of [en, fr]) {
      const labels: Record<string, string> = messages.admin.audit.actions;
      const missing = auditActions.filter((action) => !labels[action.replace(/\./g, "_")]);
      expect(missing).toEqual([]);
    }
  });
});
