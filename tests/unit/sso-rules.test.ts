import { describe, expect, it } from "vitest";
import {
  decideSignIn,
  groupsOf,
  idpDidMfa,
  linkProblem,
  reauthenticatedSince,
  staffRoleFromGroups,
  type LinkedUser,
  type RoleMapping,
} from "@/lib/sso/rules";

const mapping: RoleMapping = {
  staff: true,
  tenants: false,
  adminGroups: ["portico-admins"],
  supportGroups: ["portico-support"],
  mfaAmrValues: ["mfa", "otp", "hwk", "swk"],
};

const staffUser = (role: "admin" | "support", extra: Partial<LinkedUser> = {}): LinkedUser => ({
  id: "usr_1",
  platformRole: role,
  disabled: false,
  hasMemberships: false,
  ...extra,
});
const tenantUser: LinkedUser = { id: "usr_2", platformRole: null, disabled: false, hasMemberships: true };

describe("roles from the IdP's groups", () => {
  it("admin wins over support; no mapped group, or staff SSO off, gives none", () => {
    expect(staffRoleFromGroups(["x", "portico-support", "portico-admins"], mapping)).toBe("admin");
    expect(staffRoleFromGroups(["portico-support"], mapping)).toBe("support");
    expect(staffRoleFromGroups(["Portico-Admins"], mapping)).toBeNull();
    expect(staffRoleFromGroups([], mapping)).toBeNull();
    expect(staffRoleFromGroups(["portico-admins"], { ...mapping, staff: false })).toBeNull();
  });

  it("reads a list or a single string, and nothing else", () => {
    expect(groupsOf(["a", 1, "b"])).toEqual(["a", "b"]);
    expect(groupsOf("a")).toEqual(["a"]);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf({ a: 1 })).toEqual([]);
  });

  it("counts the IdP's MFA only from a configured amr value", () => {
    expect(idpDidMfa(["pwd", "mfa"], mapping)).toBe(true);
    expect(idpDidMfa(["pwd"], mapping)).toBe(false);
    expect(idpDidMfa("mfa", mapping)).toBe(false);
    expect(idpDidMfa(["mfa"], { mfaAmrValues: [] })).toBe(false);
  });
});

describe("what a verified sign-in becomes", () => {
  const decide = (input: Partial<Parameters<typeof decideSignIn>[0]>) =>
    decideSignIn({
      mapping,
      derivedRole: null,
      linked: null,
      emailInUse: false,
      email: "a@b.test",
      ...input,
    });

  it("creates staff for a new identity in a mapped group, never for one without", () => {
    expect(decide({ derivedRole: "support" })).toEqual({ kind: "create", role: "support" });
    expect(decide({})).toEqual({ kind: "refuse", reason: "no_access" });
    expect(decide({ derivedRole: "admin", email: null })).toEqual({ kind: "refuse", reason: "no_email" });
  });

  it("never links by email", () => {
    expect(decide({ derivedRole: "admin", emailInUse: true })).toEqual({
      kind: "refuse",
      reason: "email_taken",
    });
  });

  it("re-derives a linked staff member's role, and takes it away without a mapped group", () => {
    expect(decide({ derivedRole: "admin", linked: staffUser("admin") })).toEqual({
      kind: "sign_in",
      userId: "usr_1",
      role: undefined,
    });
    expect(decide({ derivedRole: "support", linked: staffUser("admin") })).toEqual({
      kind: "sign_in",
      userId: "usr_1",
      role: "support",
    });
    expect(decide({ derivedRole: null, linked: staffUser("admin") })).toEqual({
      kind: "refuse",
      reason: "no_staff_group",
      revokeStaff: true,
    });
    expect(decide({ derivedRole: "admin", linked: staffUser("admin", { disabled: true }) })).toEqual({
      kind: "refuse",
      reason: "account_disabled",
    });
  });

  it("signs a linked tenant user in as themselves only when tenants may use SSO, and never makes them staff", () => {
    expect(decide({ linked: tenantUser })).toEqual({ kind: "refuse", reason: "tenants_disabled" });
    expect(decide({ linked: tenantUser, mapping: { ...mapping, tenants: true } })).toEqual({
      kind: "sign_in",
      userId: "usr_2",
      role: undefined,
    });
    expect(
      decide({ linked: tenantUser, derivedRole: "admin", mapping: { ...mapping, tenants: true } }),
    ).toEqual({
      kind: "refuse",
      reason: "business_member",
    });
  });

  it("refuses linked staff when staff may not use SSO", () => {
    expect(
      decide({ linked: staffUser("support"), derivedRole: null, mapping: { ...mapping, staff: false } }),
    ).toEqual({
      kind: "refuse",
      reason: "staff_disabled",
    });
  });
});

describe("linking and re-authentication", () => {
  it("links only an identity whose groups agree with the user's access", () => {
    expect(linkProblem({ mapping, userRole: "admin", derivedRole: "support" })).toBeNull();
    expect(linkProblem({ mapping, userRole: "admin", derivedRole: null })).toBe("link_role_mismatch");
    expect(linkProblem({ mapping, userRole: null, derivedRole: null })).toBe("tenants_disabled");
    expect(
      linkProblem({ mapping: { ...mapping, tenants: true }, userRole: null, derivedRole: null }),
    ).toBeNull();
    expect(
      linkProblem({ mapping: { ...mapping, tenants: true }, userRole: null, derivedRole: "admin" }),
    ).toBe("link_role_mismatch");
  });

  it("counts an auth_time from the second the step-up started, not before", () => {
    const started = 1_700_000_000_500;
    expect(reauthenticatedSince(1_700_000_000, started)).toBe(true);
    expect(reauthenticatedSince(1_700_000_005, started)).toBe(true);
    expect(reauthenticatedSince(1_699_999_999, started)).toBe(false);
    expect(reauthenticatedSince(undefined, started)).toBe(false);
  });
});
