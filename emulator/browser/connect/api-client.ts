/**
 * The sandbox API client shared by both sides of the stand-in: the page claims the Account Session once per
 * `init()` (`claimSession`), and each component frame calls the API with the session's token through its
 * `Connector`, asking the page for a fresh session when the emulator reports it expired or used.
 */
import { isRecord } from "./dom";
import type { WireError } from "./protocol";
import type { ComponentGrant, ConnectedElement, EmbeddedErrorType, Session, UpdateOptions } from "./types";

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

export const REFRESH_CODES = new Set(["session_expired", "session_used"]);

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

export function toSession(body: unknown): Session {
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

/** An error as it crosses the frame boundary. */
export function toWire(error: unknown): WireError {
  if (error instanceof SecretError) return { kind: "secret", status: 0, type: "", message: error.message };
  if (error instanceof ApiError)
    return { kind: "api", status: error.status, type: error.type, code: error.code, message: error.message };
  return { kind: "other", status: 0, type: "", message: errorMessage(error) };
}

export function fromWire(wire: WireError): Error {
  if (wire.kind === "secret") return new SecretError(wire.message);
  if (wire.kind === "api") return new ApiError(wire.status, wire.type, wire.code, wire.message);
  return new Error(wire.message);
}

/** One call to the sandbox's browser API (`/_sandbox/connect/v1/<path>`). */
export async function send(
  apiBase: string,
  session: Session | undefined,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  query?: Query,
): Promise<unknown> {
  const url = new URL(`${apiBase}/_sandbox/connect/v1/${path}`);
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

/** Claims a session from the next client secret (a used or expired secret is replaced, twice at most). */
export async function claimSession(apiBase: string, nextSecret: () => Promise<unknown>): Promise<Session> {
  for (let attempt = 0; ; attempt++) {
    let secret: unknown;
    try {
      secret = await nextSecret();
    } catch (error) {
      throw new SecretError(`Failed to fetch the client secret: ${errorMessage(error)}`);
    }
    if (typeof secret !== "string" || secret === "") {
      throw new SecretError("fetchClientSecret did not resolve to a client secret");
    }
    try {
      return toSession(await send(apiBase, undefined, "POST", "claim", { client_secret: secret }));
    } catch (error) {
      if (error instanceof ApiError && error.code && REFRESH_CODES.has(error.code) && attempt < 2) continue;
      if (error instanceof ApiError && error.status === 401) {
        throw new SecretError(`The client secret was refused: ${error.message}`);
      }
      throw error;
    }
  }
}

/** Where a frame's connector gets its session: the page, which claims it once for every frame of an instance. */
export interface SessionSource {
  /**
   * The current session; with `stale`, a fresh one unless the page already replaced that token; with `retry`, a
   * new claim if the page's last one failed.
   */
  session(stale?: string, retry?: boolean): Promise<Session>;
  /** Tells the page that this frame changed data (its sibling frames refresh). */
  changed(): void;
}

/** The connector of one component frame: its session, its API calls, the options the page sent. */
export class Connector {
  private current: Promise<Session> | null = null;
  private lastFailed = false;
  private readonly elements = new Set<ConnectedElement>();

  constructor(
    private readonly source: SessionSource,
    readonly apiBase: string,
    public options: UpdateOptions,
  ) {}

  register(element: ConnectedElement): void {
    this.elements.add(element);
  }

  /** The shared session; asked of the page lazily, once. */
  session(stale?: string): Promise<Session> {
    if (!this.current || stale !== undefined) {
      const pending = this.source.session(stale, this.lastFailed);
      this.current = pending;
      this.lastFailed = false;
      pending.catch(() => {
        if (this.current !== pending) return;
        this.current = null;
        this.lastFailed = true;
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
      return (await send(this.apiBase, session, method, path, body, query)) as T;
    } catch (error) {
      if (!(error instanceof ApiError) || !error.code || !REFRESH_CODES.has(error.code)) throw error;
      const fresh = await (this.current === used ? this.session(session.token) : this.session());
      return (await send(this.apiBase, fresh, method, path, body, query)) as T;
    }
  }

  /** New options from the page's `update()`. */
  setOptions(options: UpdateOptions, localeChanged: boolean): void {
    this.options = options;
    for (const el of this.elements) el.optionsChanged(localeChanged);
  }

  /** The page logged out: every element stops, and the next session is a new one. */
  ended(): void {
    this.current = null;
    const elements = [...this.elements];
    this.elements.clear();
    for (const el of elements) el.sessionEnded();
  }

  /** Lets sibling elements (in this frame and, through the page, in the others) refresh after a change. */
  broadcastChange(source: ConnectedElement): void {
    for (const el of this.elements) if (el !== source) el.dataChanged(source);
    this.source.changed();
  }

  /** Another frame changed data. */
  dataChanged(): void {
    for (const el of this.elements) el.dataChanged(el);
  }
}
