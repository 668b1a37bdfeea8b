import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/http/safe-redirect";

describe("safeNextPath", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeNextPath("/payments?status=refunded&min=10")).toBe("/payments?status=refunded&min=10");
    expect(safeNextPath("/admin/accounts/acct_123#members")).toBe("/admin/accounts/acct_123#members");
    expect(safeNextPath("/caf%C3%A9")).toBe("/caf%C3%A9");
  });

  it.each([
    ["a tab between slashes (the reported one)", "/\t/evil.example"],
    ["an encoded tab", "/%09/evil.example"],
    ["a newline", "/\n/evil.example"],
    ["a carriage return", "/%0d/evil.example"],
    ["a NUL", "/%00/evil.example"],
    ["a backslash", "/\\evil.example"],
    ["an encoded backslash", "/%5Cevil.example"],
    ["protocol-relative", "//evil.example"],
    ["encoded protocol-relative", "/%2Fevil.example"],
    ["an absolute URL", "https://evil.example/"],
    ["a scheme", "javascript:alert(1)"],
    ["a relative path", "evil.example"],
    ["an API route", "/api/me"],
    ["the sign-in page itself", "/login?next=/"],
    ["malformed percent-encoding", "/%E0%A4%A"],
    ["an enormous value", `/${"a".repeat(5000)}`],
  ])("refuses %s", (_name, value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it("answers the fallback for nothing at all", () => {
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath(null, "/admin")).toBe("/admin");
    expect(safeNextPath("", "/admin")).toBe("/admin");
  });
});
