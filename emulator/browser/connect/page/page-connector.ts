/**
 * The page side of one `init()` call (`instance.connect`, handed to every element by connect-js's
 * `setConnector`): claims the Account Session once from `fetchClientSecret()` and shares it with every component
 * frame, replaces it when a frame reports it expired or used, and fans `update()` and `logout()` out to the frames.
 */
import { claimSession, send } from "../api-client";
import type { InitParams, Session, UpdateOptions } from "../types";

/** What the connector needs of the elements it serves. */
export interface ConnectorClient {
  optionsChanged(options: UpdateOptions, localeChanged: boolean): void;
  sessionEnded(): void;
  dataChanged(): void;
}

export class PageConnector {
  private current: Promise<Session> | null = null;
  private currentToken: string | undefined;
  /** The current claim failed: every frame gets that failure until one retries. */
  private failed = false;
  private eager: Promise<string> | undefined;
  private readonly clients = new Set<ConnectorClient>();
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

  get fonts(): unknown {
    return this.params.fonts;
  }

  register(client: ConnectorClient): void {
    this.clients.add(client);
  }

  unregister(client: ConnectorClient): void {
    this.clients.delete(client);
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

  /**
   * The shared session; with `stale`, a new one unless that token was already replaced; with `retry` (the frame's
   * last attempt failed), a new claim if the current one failed.
   */
  session(stale?: string, retry = false): Promise<Session> {
    if (retry && this.failed) {
      this.current = null;
      this.failed = false;
    }
    if (stale !== undefined && stale === this.currentToken) {
      this.current = null;
      this.currentToken = undefined;
    }
    if (!this.current) {
      const pending = claimSession(this.apiBase, () => this.nextSecret());
      this.current = pending;
      this.failed = false;
      pending.then(
        (session) => {
          if (this.current === pending) this.currentToken = session.token;
        },
        () => {
          if (this.current === pending) this.failed = true;
        },
      );
    }
    return this.current;
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
    for (const client of this.clients)
      client.optionsChanged(this.options, localeChanged || options.displayOptions !== undefined);
  }

  /** Ends the session: tells the emulator, stops every element, and makes the next element fetch a new secret. */
  async logout(): Promise<void> {
    const pending = this.current;
    this.current = null;
    this.currentToken = undefined;
    this.failed = false;
    const clients = [...this.clients];
    this.clients.clear();
    for (const client of clients) client.sessionEnded();
    if (!pending) return;
    const revoke = pending
      .then((session) => send(this.apiBase, session, "POST", "logout", {}))
      .then(
        () => undefined,
        () => undefined, // The session is gone locally either way.
      );
    // Bounded: a hanging fetchClientSecret or network must not keep logout() pending.
    await Promise.race([revoke, new Promise<void>((resolve) => setTimeout(resolve, 3000))]);
  }

  /** A frame changed data (refund, payout, onboarding…): the other frames refresh. */
  broadcastChange(source: ConnectorClient): void {
    for (const client of this.clients) if (client !== source) client.dataChanged();
  }
}
