import "server-only";
import { getPlatformConfig } from "../config";
import { getEnv } from "../env";
import type { RoleMapping } from "./rules";

/** Where the IdP sends the browser back: fixed by the app, registered with the IdP as the redirect URI. */
export const SSO_CALLBACK_PATH = "/api/sso/callback";

/** An issuer as identities are keyed on it: `https://idp.example/` and `https://idp.example` are one issuer. */
export function issuerKey(issuer: string): string {
  return issuer.replace(/\/+$/, "");
}

export interface SsoSettings extends RoleMapping {
  issuer: URL;
  /** The issuer as stored with linked identities (issuerKey). */
  issuerKey: string;
  clientId: string;
  clientSecret: string;
  groupsClaim: string;
  buttonLabel: string;
  providerName: string;
  redirectUri: string;
}

/** Single sign-on as configured (OIDC_* and portico.config.ts), or null when it is off. */
export function getSsoSettings(): SsoSettings | null {
  const env = getEnv();
  const config = getPlatformConfig().singleSignOn;
  if (!env.oidc || (!config.staff && !config.tenants)) return null;
  return {
    issuer: env.oidc.issuer,
    issuerKey: issuerKey(env.oidc.issuer.href),
    clientId: env.oidc.clientId,
    clientSecret: env.oidc.clientSecret,
    redirectUri: new URL(SSO_CALLBACK_PATH, env.appUrl.origin).toString(),
    ...config,
  };
}

/** What pages may show of it (nothing secret). */
export function ssoPublicInfo(): { buttonLabel: string; providerName: string } | null {
  const settings = getSsoSettings();
  return settings ? { buttonLabel: settings.buttonLabel, providerName: settings.providerName } : null;
}
