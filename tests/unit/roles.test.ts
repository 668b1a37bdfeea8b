import { describe, expect, it } from "vitest";
import { can, hasPlatformRole, hasTenantRole, isTenantRole, platformRoleOf } from "@/lib/auth/roles";

describe("role helpers", () => {
  it("reads platform roles from better-auth's role field", () => {
    expect(platformRoleOf("admin")).toBe("admin");
    expect(platformRoleOf("support")).toBe("support");
    expect(platformRoleOf("user")).toBeNull();
    expect(platformRoleOf(null)).toBeNull();
    expect(platformRoleOf("user,support")).toBe("support");
    expect(platformRoleOf("support,admin")).toBe("admin");
  });

  it("checks platform roles", () => {
    expect(hasPlatformRole("admin", ["admin", "support"])).toBe(true);
    expect(hasPlatformRole("support", ["admin"])).toBe(false);
    expect(hasPlatformRole(null, ["admin", "support"])).toBe(false);
  });

  it("checks tenant roles", () => {
    expect(hasTenantRole("owner", ["owner"])).toBe(true);
    expect(hasTenantRole("staff", ["owner"])).toBe(false);
    expect(hasTenantRole(null, ["owner", "staff", "viewer"])).toBe(false);
    expect(isTenantRole("viewer")).toBe(true);
    expect(isTenantRole("admin")).toBe(false);
  });

  it("grants team and account management to owners only", () => {
    expect(can("owner", "manageTeam")).toBe(true);
    expect(can("staff", "manageTeam")).toBe(false);
    expect(can("viewer", "manageAccount")).toBe(false);
    expect(can("viewer", "viewDashboard")).toBe(true);
  });
});
