import { describe, expect, it } from "vitest";
import {
  can,
  PROFILE_PERMISSIONS,
  permissionSpec,
  permissions,
  platformRoleOf,
  profiles,
  viewingProfile,
  type Permission,
} from "@/lib/access/permissions";

const viewing = ["support_viewing", "admin_viewing", "admin_escalated"] as const;

describe("the permission table", () => {
  it("grants only permissions it defines, each once", () => {
    for (const profile of profiles) {
      const granted = PROFILE_PERMISSIONS[profile];
      expect(new Set(granted).size, profile).toBe(granted.length);
      for (const permission of granted) expect(permissions).toContain(permission);
    }
  });

  it("never lets a view of an account write anything, and keeps it inside what the owner may see", () => {
    for (const profile of viewing) {
      for (const permission of PROFILE_PERMISSIONS[profile]) {
        expect(permissionSpec(permission).kind, `${profile}: ${permission}`).toBe("read");
        const spec = permissionSpec(permission);
        if (spec.area !== "view") expect(can("owner", permission), `${profile}: ${permission}`).toBe(true);
      }
      // Nothing of the console, nothing of the staff member's own settings or credentials while viewing.
      expect(PROFILE_PERMISSIONS[profile].some((p) => permissionSpec(p).area === "console")).toBe(false);
      expect(can(profile, "profile.settings")).toBe(false);
      expect(can(profile, "profile.credentials")).toBe(false);
      expect(can(profile, "view_as.stop")).toBe(true);
    }
  });

  it("leaves sensitive reads out of support's view; the owner's view (an admin's escalation) shows them", () => {
    const sensitive = permissions.filter((p) => permissionSpec(p).sensitive);
    expect(sensitive).toEqual([
      "documents.view",
      "reports.view",
      "issuing.view",
      "treasury.view",
      "team.view",
    ]);
    for (const permission of sensitive) {
      expect(can("support_viewing", permission)).toBe(false);
      expect(can("admin_viewing", permission)).toBe(false);
      expect(can("admin_escalated", permission)).toBe(true);
    }
    expect(can("admin_viewing", "view_as.escalate")).toBe(true);
    expect(can("support_viewing", "view_as.escalate")).toBe(false);
    expect(can("admin_escalated", "view_as.escalate")).toBe(false);
  });

  it("keeps platform staff out of tenant data except through a view, and tenants out of the console", () => {
    for (const profile of ["admin", "support"] as const) {
      expect(
        PROFILE_PERMISSIONS[profile].some((p) => permissionSpec(p).area === "tenant"),
        profile,
      ).toBe(false);
    }
    for (const profile of ["user", "owner", "staff", "viewer"] as const) {
      expect(
        PROFILE_PERMISSIONS[profile].some((p) => permissionSpec(p).area === "console"),
        profile,
      ).toBe(false);
    }
    expect(PROFILE_PERMISSIONS.user).toEqual([
      "profile.settings",
      "profile.credentials",
      "profile.export",
      "second_factor.manage",
      "profile.delete",
      "invitations.accept",
      "membership.leave",
      "membership.switch",
    ]);
    // A session still owing its second factor may only give it.
    expect(PROFILE_PERMISSIONS.second_factor_pending).toEqual(["second_factor.manage"]);
  });

  it("gives each tenant role what the README promises", () => {
    const writes = (profile: "owner" | "staff" | "viewer") =>
      PROFILE_PERMISSIONS[profile].filter(
        (p) => permissionSpec(p).kind === "write" && permissionSpec(p).area === "tenant",
      );
    expect(writes("viewer")).toEqual([]);
    expect(writes("staff")).toEqual<Permission[]>([
      "payments.refund",
      "payments.capture",
      "disputes.respond",
      "notices.dismiss",
    ]);
    expect(writes("owner")).toEqual(
      permissions.filter((p) => permissionSpec(p).kind === "write" && permissionSpec(p).area === "tenant"),
    );
  });

  it("reserves audit export, other staff's details and disabling users for admins", () => {
    for (const permission of ["audit.export", "audit.view_sensitive", "users.disable"] as const) {
      expect(can("admin", permission)).toBe(true);
      expect(can("support", permission)).toBe(false);
    }
    expect(can("support", "view_as.start")).toBe(true);
    expect(can(null, "dashboard.view")).toBe(false);
  });

  it("maps a staff member's view to its profile", () => {
    expect(viewingProfile("support", "support")).toBe("support_viewing");
    expect(viewingProfile("admin", "support")).toBe("admin_viewing");
    expect(viewingProfile("admin", "owner")).toBe("admin_escalated");
    // A support view can never be an owner's one, whatever the row says.
    expect(viewingProfile("support", "owner")).toBe("support_viewing");
  });

  it("reads platform roles from better-auth's role field", () => {
    expect(platformRoleOf("admin")).toBe("admin");
    expect(platformRoleOf("support")).toBe("support");
    expect(platformRoleOf("user")).toBeNull();
    expect(platformRoleOf(null)).toBeNull();
    expect(platformRoleOf("user,support")).toBe("support");
    expect(platformRoleOf("support,admin")).toBe("admin");
  });
});
