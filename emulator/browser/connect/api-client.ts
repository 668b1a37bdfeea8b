/**
 * The connector shared by every element of one `init()` call: owns the Account Session (claimed once from a client
 * secret, then a bearer token), refreshes it through `fetchClientSecret()` when the emulator reports it expired or
 * used, and fans appearance/locale updates and logout out to the elements.
 */
import { isRecord } from "./dom";
import type {
  ComponentGrant,
  ConnectedElement,
  EmbeddedErrorType,
  InitParams,
  Session,
  UpdateOptions,
} from "./types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** The client secret could not be obtained (fetchClientSecret rejected or returned nothing usable). */
export class SecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretError";
  }
}

const REFRESH_CODES = new Set(["session_expired", "session_used"]);

export function errorType(error: unknown): EmbeddedErrorType {
  if (error instanceof SecretError) return "account_session_create_error";
  if (error instanceof ApiError) {
    if (error.status === 0) return "api_connection_error";
    if (error.code === "component_not_enabled") return "invalid_request_error";
    if (error.status === 401) return "authentication_error";
    if (error.status === 429) return "rate_limit_error";
    if (error.status >= 500) return "api_error";
    return "invalid_request_error";
  }
  return "render_error";
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  return "Unknown error";
}

function toSession(body: unknown): Session {
  if (!isRecord(body) || typeof body.token !== "string") {
    throw new ApiError(500, "api_error", undefined, "The sandbox returned an invalid session");
  }
  const components: Record<string, ComponentGrant> = {};
  if (isRecord(body.components)) {
    for (const [key, value] of Object.entries(body.components)) {
      if (!isRecord(value)) continue;
      const features: Record<string, boolean> = {};
      if (isRecord(value.features)) {
        for (const [f, on] of Object.entries(value.features)) features[f] = on === true;
      }
      components[key] = { enabled: value.enabled === true, features };
    }
  }
  return {
    token: body.token,
    expiresAt: typeof body.expires_at === "number" ? body.expires_at : 0,
    account: isRecord(body.account) ? body.account : {},
    components,
  };
}

export type Query = Record<string, string | number | undefined>;

export class Connector {
  private current: Promise<Session> | null = null;
  private eager: Promise<string> | undefined;
  private readonly elements = new Set<ConnectedElement>();
  options: UpdateOptions;

  constructor(
    private readonly params: InitParams,
    readonly apiBase: string,
  ) {
    const eager = params.metaOptions?.eagerClientSecretPromise;
    if (eager && typeof eager.then === "function") {
      this.eager = eager;
      eager.catch(() => undefined);
    }
    this.options = {
      appearance: params.appearance,
      locale: params.locale,
      displayOptions: params.displayOptions,
    };
  }

  register(element: ConnectedElement): void {
    this.elements.add(element);
  }

  /** The first secret is the loader's eager promise; every later one is a fresh fetchClientSecret() call. */
  private nextSecret(): Promise<string> {
    const eager = this.eager;
    if (eager) {
      this.eager = undefined;
      return eager;
    }
    const fetchSecret = this.params.fetchClientSecret;
    if (typeof fetchSecret !== "function")
      return Promise.reject(new Error("fetchClientSecret is not a function"));
    try {
      return Promise.resolve(fetchSecret());
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private async claimNew(): Promise<Session> {
    for (let attempt = 0; ; attempt++) {
      let secret: unknown;
      try {
        secret = await this.nextSecret();
      } catch (error) {
        throw new SecretError(`Failed to fetch the client secret: ${errorMessage(error)}`);
      }
      if (typeof secret !== "string" || secret === "") {
        throw new SecretError("fetchClientSecret did not resolve to a client secret");
      }
      try {
        return toSession(await this.send(undefined, "POST", "claim", { client_secret: secret }));
      } catch (error) {
        if (error instanceof ApiError && error.code && REFRESH_CODES.has(error.code) && attempt < 2) continue;
        if (error instanceof ApiError && error.status === 401) {
          throw new SecretError(`The client secret was refused: ${error.message}`);
        }
        throw error;
      }
    }
  }

  /** The shared session; claimed lazily, once for all elements. */
  session(): Promise<Session> {
    if (!this.current) {
      const pending = this.claimNew();
      this.current = pending;
      pending.catch(() => {
        if (this.current === pending) this.current = null;
      });
    }
    return this.current;
  }

  /** An authenticated call; a `session_expired`/`session_used` answer triggers exactly one shared refresh. */
  async request<T = unknown>(
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    query?: Query,
  ): Promise<T> {
    const used = this.session();
    const session = await used;
    try {
      return (await this.send(session, method, path, body, query)) as T;
    } catch (error) {
      if (!(error instanceof ApiError) || !error.code || !REFRESH_CODES.has(error.code)) throw error;
      if (this.current === used) this.current = null;
      const fresh = await this.session();
      return (await this.send(fresh, method, path, body, query)) as T;
    }
  }

  private async send(
    session: Session | undefined,
    method: "GET" | "POST",
    path: string,
    body?: unknown,
    query?: Query,
  ): Promise<unknown> {
    const url = new URL(`${this.apiBase}/_sandbox/connect/v1/${path}`);
    if (query) {
      for (const [k, v] of Object.entries(query))
        if (v !== undefined && v !== "") url.searchParams.set(k, String(v));
    }
    const headers: Record<string, string> = {};
    if (session) headers.authorization = `Bearer ${session.token}`;
    if (method === "POST") headers["content-type"] = "application/json";
    let response: Response | undefined;
    // Rate-limited GETs are retried with a short backoff (POSTs are not: they may have side effects).
    for (let attempt = 0; ; attempt++) {
      try {
        response = await fetch(url, {
          method,
          headers,
          body: method === "POST" ? JSON.stringify(body ?? {}) : undefined,
          credentials: "omit",
        });
      } catch (error) {
        throw new ApiError(
          0,
          "api_connection_error",
          undefined,
          `Could not reach the sandbox: ${errorMessage(error)}`,
        );
      }
      if (response.status !== 429 || method !== "GET" || attempt >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
    }
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (!response.ok) {
      const err = isRecord(json) && isRecord(json.error) ? json.error : {};
      throw new ApiError(
        response.status,
        typeof err.type === "string" ? err.type : "api_error",
        typeof err.code === "string" ? err.code : undefined,
        typeof err.message === "string" ? err.message : `Request failed with status ${response.status}`,
      );
    }
    return json;
  }

  update(options: UpdateOptions): void {
    if (!options || typeof options !== "object") return;
    const prev = this.options;
    const appearance =
      options.appearance !== undefined
        ? {
            ...prev.appearance,
            ...options.appearance,
            variables: { ...prev.appearance?.variables, ...options.appearance.variables },
          }
        : prev.appearance;
    const localeChanged = options.locale !== undefined && options.locale !== prev.locale;
    this.options = {
      appearance,
      locale: options.locale ?? prev.locale,
      displayOptions: options.displayOptions ?? prev.displayOptions,
    };
    for (const el of this.elements) el.optionsChanged(localeChanged || options.displayOptions !== undefined);
  }

  /** Ends the session: tells the emulator, stops every element, and makes the next element fetch a new secret. */
  async logout(): Promise<void> {
    const pending = this.current;
    this.current = null;
    const elements = [...this.elements];
    this.elements.clear();
    for (const el of elements) el.sessionEnded();
    if (!pending) return;
    const revoke = pending
      .then((session) => this.send(session, "POST", "logout", {}))
      .then(
        () => undefined,
        () => undefined, // The session is gone locally either way.
      );
    // Bounded: a hanging fetchClientSecret or network must not keep logout() pending.
    await Promise.race([revoke, new Promise<void>((resolve) => setTimeout(resolve, 3000))]);
  }

  /** Lets sibling elements refresh after a change (refund, payout, onboarding…). */
  broadcastChange(source: ConnectedElement): void {
    for (const el of this.elements) if (el !== source) el.dataChanged(source);
  }
}
