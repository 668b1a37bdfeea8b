/** Demo people of the sandbox identity provider. Sandbox only: the password is public on purpose. */

export type OidcIdentity = {
  /** Stable subject; what a relying party keys the link to its own user on. */
  sub: string;
  email: string;
  /** Whether the IdP vouches for the address (the relying party marks it verified only then). */
  email_verified: boolean;
  name: string;
  groups: string[];
  /** Authentication methods the IdP reports in the ID token (`amr`); "mfa" means the IdP did a second factor. */
  amr: string[];
  password: string;
};

export const OIDC_DEMO_PASSWORD = "portico-demo";
export const OIDC_CLIENT_ID = "portico";
export const OIDC_CLIENT_SECRET = "portico-sandbox-oidc-secret";

export const OIDC_IDENTITIES: readonly OidcIdentity[] = [
  {
    sub: "sandbox-idp-admin",
    email: "idp-admin@portico.test",
    email_verified: true,
    name: "Ida Admin",
    groups: ["portico-admins"],
    amr: ["pwd", "otp", "mfa"],
    password: OIDC_DEMO_PASSWORD,
  },
  {
    sub: "sandbox-idp-support",
    email: "idp-support@portico.test",
    email_verified: true,
    name: "Sam Support",
    groups: ["portico-support"],
    // Password only: the IdP did no second factor for this person.
    amr: ["pwd"],
    password: OIDC_DEMO_PASSWORD,
  },
  {
    sub: "sandbox-idp-owner",
    email: "idp-owner@acme.test",
    email_verified: true,
    name: "Olive Owner",
    groups: [],
    amr: ["pwd"],
    password: OIDC_DEMO_PASSWORD,
  },
];
