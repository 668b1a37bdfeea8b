/**
 * Who tests act as (the demo data's people), shared by the HTTP helpers (tests/support/actors.ts) and the browser
 * fixtures (tests/e2e/app/fixtures.ts). Plain data: no test runner is imported here.
 */
import { demoStaff } from "../../lib/seed/demo-data";

export const DEMO_PASSWORD = "portico-demo";

export const tenantActors = {
  owner: "owner@acme.test",
  staff: "staff@acme.test",
  viewer: "viewer@acme.test",
  /** The owner of another business (Globex Coffee). */
  otherOwner: "owner@globex.test",
} as const;

export const staffActors = { support: "support@portico.test", admin: "admin@portico.test" } as const;

/**
 * The demo staff's TOTP secrets (lib/seed/demo-data.ts seeds them; public on purpose, sandbox only): every test that
 * signs in as staff computes its second factor from these.
 */
export const staffTotpSecrets: Readonly<Record<string, string>> = Object.fromEntries(
  demoStaff.map((staff) => [staff.email, staff.totpSecret]),
);

export const viewingActors = {
  supportViewing: { email: staffActors.support, escalate: false },
  adminViewing: { email: staffActors.admin, escalate: false },
  adminEscalated: { email: staffActors.admin, escalate: true },
} as const;

export type Actor =
  | "anonymous"
  | keyof typeof tenantActors
  | keyof typeof staffActors
  | keyof typeof viewingActors
  | { email: string; password?: string; totpSecret?: string };

export const actors = [
  "anonymous",
  ...(Object.keys(tenantActors) as (keyof typeof tenantActors)[]),
  ...(Object.keys(staffActors) as (keyof typeof staffActors)[]),
  ...(Object.keys(viewingActors) as (keyof typeof viewingActors)[]),
] as const;
export type NamedActor = (typeof actors)[number];
