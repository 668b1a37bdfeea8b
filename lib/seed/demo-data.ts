import type { TenantRole } from "../db/schema";

/** The sandbox's demo logins. Never created in production; their presence refuses a production start. */
export const DEMO_PASSWORD = "portico-demo";
export const DEMO_EMAIL_DOMAINS = ["portico.test", "acme.test", "globex.test"] as const;

/**
 * Demo staff come enrolled with a TOTP second factor, stored like anyone's (encrypted). The secrets are public on
 * purpose: `npm run sandbox` prints them, the sandbox's inbox page shows their current codes, and the tests compute
 * codes from them. They exist only in the sandbox (demo users refuse a production start).
 */
export const demoStaff = [
  {
    name: "Ada Admin",
    email: "admin@portico.test",
    role: "admin",
    totpSecret: "44MFTJSBYFBEM6BZMER65V3JPUXBOZBC",
  },
  {
    name: "Sam Support",
    email: "support@portico.test",
    role: "support",
    totpSecret: "I4AMEANFN3KUJUOI6LK6GPEBRSKUZ7TW",
  },
] as const;

export const demoTenants: {
  name: string;
  slug: string;
  members: { name: string; email: string; role: TenantRole }[];
}[] = [
  {
    name: "Acme Bikes",
    slug: "acme-bikes",
    members: [
      { name: "Olivia Owner", email: "owner@acme.test", role: "owner" },
      { name: "Stan Staff", email: "staff@acme.test", role: "staff" },
      { name: "Vera Viewer", email: "viewer@acme.test", role: "viewer" },
    ],
  },
  {
    name: "Globex Coffee",
    slug: "globex-coffee",
    members: [{ name: "Gina Owner", email: "owner@globex.test", role: "owner" }],
  },
];
