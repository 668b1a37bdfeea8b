import "server-only";
import * as oidc from "openid-client";
import { log } from "../log";
import { SsoError } from "./errors";
import { issuerKey, type SsoSettings } from "./settings";

/**
 * The OpenID Connect relying party, on panva's openid-client: discovery (fetched on first use, cached for an hour,
 * dropped when the IdP stops answering so the next attempt asks again), the authorization URL with PKCE (S256),
 * state and nonce, and the code exchange whose ID token is checked in full — issuer, audience, signature against
 * the IdP's JWKS, nonce, expiry, and auth_time when a max_age was asked. Nothing about an IdP is needed to start
 * the app, and no code, token or verifier is ever logged.
 */

const DISCOVERY_TTL_MS = 60 * 60_000;
/** Seconds for each request to the IdP: a slow IdP fails the SSO path, not the app. */
const IDP_TIMEOUT_SECONDS = 5;

interface CachedDiscovery {
  key: string;
  configuration: oidc.Configuration;
  expiresAt: number;
}

declare global {
  var porticoIdpDiscovery: CachedDiscovery | undefined;
}

function cacheKey(settings: SsoSettings): string {
  return `${settings.issuer.href}|${settings.clientId}`;
}

/** Drops the cached discovery (the IdP failed us): the next flow discovers again. */
export function forgetIdpConfiguration(): void {
  globalThis.porticoIdpDiscovery = undefined;
}

export async function idpConfiguration(settings: SsoSettings): Promise<oidc.Configuration> {
  const cached = globalThis.porticoIdpDiscovery;
  const key = cacheKey(settings);
  if (cached && cached.key === key && cached.expiresAt > Date.now()) return cached.configuration;
  try {
    const configuration = await oidc.discovery(
      settings.issuer,
      settings.clientId,
      { client_secret: settings.clientSecret },
      oidc.ClientSecretBasic(settings.clientSecret),
      {
        timeout: IDP_TIMEOUT_SECONDS,
        // Plain http only for an issuer on this machine (the sandbox's); lib/env refuses it anywhere else.
        ...(settings.issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : {}),
      },
    );
    globalThis.porticoIdpDiscovery = { key, configuration, expiresAt: Date.now() + DISCOVERY_TTL_MS };
    return configuration;
  } catch (error) {
    forgetIdpConfiguration();
    log.warn(
      { event: "sso.discovery_failed", issuer: settings.issuer.origin, error: describe(error) },
      "the identity provider's discovery failed",
    );
    throw new SsoError("idp_unavailable");
  }
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
  /** Force a fresh login at the IdP (step-up, linking): max_age=0 and prompt=login. */
  fresh: boolean;
}

export async function authorizationUrl(settings: SsoSettings, request: AuthorizationRequest): Promise<URL> {
  const configuration = await idpConfiguration(settings);
  const supported = configuration.serverMetadata().scopes_supported ?? [];
  const scopes = ["openid", "email", "profile", ...(supported.includes("groups") ? ["groups"] : [])];
  return oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUri,
    scope: scopes.join(" "),
    state: request.state,
    nonce: request.nonce,
    code_challenge: request.codeChallenge,
    code_challenge_method: "S256",
    ...(request.fresh ? { max_age: "0", prompt: "login" } : {}),
  });
}

/** What Portico takes from a verified ID token (and userinfo, for claims the ID token left out). */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  groupsClaim: unknown;
  amr: unknown;
  /** Seconds, as the IdP gave it; absent when it did not. */
  authTime: number | undefined;
}

/**
 * Exchanges the callback's code (with the flow's verifier) and checks the answer in full; throws an SsoError that
 * says what went wrong, in words a person can act on. `callbackUrl` is the callback as the app's origin sees it.
 */
export async function exchangeCode(
  settings: SsoSettings,
  callbackUrl: URL,
  checks: { state: string; nonce: string; codeVerifier: string; maxAge?: number },
): Promise<VerifiedIdentity> {
  const configuration = await idpConfiguration(settings);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
      ...(checks.maxAge !== undefined ? { maxAge: checks.maxAge } : {}),
    });
  } catch (error) {
    throw classify(error, settings);
  }
  const claims = tokens.claims();
  if (!claims) throw new SsoError("invalid_response");
  let merged: Record<string, unknown> = { ...claims };
  // Some IdPs keep email and groups out of the ID token: ask userinfo, for the same subject only.
  if ((claims[settings.groupsClaim] === undefined || claims.email === undefined) && tokens.access_token) {
    if (configuration.serverMetadata().userinfo_endpoint) {
      try {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        merged = {
          ...info,
          ...claims,
          ...pick(info, [settings.groupsClaim, "email", "email_verified", "name"]),
        };
      } catch (error) {
        throw classify(error, settings);
      }
    }
  }
  return {
    issuer: issuerKey(claims.iss),
    subject: claims.sub,
    email: typeof merged.email === "string" && merged.email.length <= 320 ? merged.email.toLowerCase() : null,
    emailVerified: merged.email_verified === true,
    name: typeof merged.name === "string" ? merged.name.slice(0, 200) : null,
    groupsClaim: merged[settings.groupsClaim],
    amr: claims.amr,
    authTime: typeof claims.auth_time === "number" ? claims.auth_time : undefined,
  };
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === "TimeoutError" || error.name === "AbortError") return true;
  if (error instanceof TypeError && /fetch/i.test(error.message)) return true;
  const cause: unknown = error.cause;
  if (cause instanceof Response) return cause.status >= 500;
  return cause !== undefined && cause !== error && isNetworkFailure(cause);
}

/** An error's kind and the IdP's own error code, for the log (never a code, token or verifier). */
function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const code = "code" in error && typeof error.code === "string" ? error.code : undefined;
  const idpError = "error" in error && typeof error.error === "string" ? error.error : undefined;
  const status = "status" in error && typeof error.status === "number" ? error.status : undefined;
  return {
    kind: error.name,
    ...(code ? { code } : {}),
    ...(idpError ? { idpError } : {}),
    ...(status ? { status } : {}),
  };
}

function classify(error: unknown, settings: SsoSettings): SsoError {
  if (error instanceof oidc.AuthorizationResponseError) {
    log.warn(
      { event: "sso.idp_refused", ...describe(error) },
      "the identity provider answered with an error",
    );
    if (error.error === "access_denied") return new SsoError("cancelled");
    if (error.error === "temporarily_unavailable" || error.error === "server_error") {
      return new SsoError("idp_unavailable");
    }
    return new SsoError("idp_error");
  }
  const unavailable =
    (error instanceof oidc.ResponseBodyError && error.status >= 500) || isNetworkFailure(error);
  log.warn(
    { event: "sso.exchange_failed", issuer: settings.issuer.origin, ...describe(error) },
    "the identity provider's answer was refused",
  );
  if (unavailable) {
    forgetIdpConfiguration();
    return new SsoError("idp_unavailable");
  }
  return new SsoError("invalid_response");
}

export const randomPkceVerifier = oidc.randomPKCECodeVerifier;
export const pkceChallenge = oidc.calculatePKCECodeChallenge;
export const randomOidcValue = oidc.randomState;
