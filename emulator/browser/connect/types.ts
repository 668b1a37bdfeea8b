/** Shapes shared by the connect.js stand-in modules. */

export type AppearanceVariables = Record<string, string | number | undefined>;

export interface Appearance {
  overlays?: "dialog" | "drawer";
  variables?: AppearanceVariables;
}

export interface DisplayOptions {
  showObjectIds?: boolean;
}

export interface UpdateOptions {
  appearance?: Appearance;
  locale?: string;
  displayOptions?: DisplayOptions;
}

export interface InitParams extends UpdateOptions {
  publishableKey?: string;
  fetchClientSecret?: () => Promise<string>;
  fonts?: unknown[];
  metaOptions?: { eagerClientSecretPromise?: Promise<string>; [key: string]: unknown };
  [key: string]: unknown;
}

export type EmbeddedErrorType =
  | "api_connection_error"
  | "authentication_error"
  | "account_session_create_error"
  | "invalid_request_error"
  | "rate_limit_error"
  | "render_error"
  | "api_error";

export interface ComponentGrant {
  enabled: boolean;
  features: Record<string, boolean>;
}

export interface Session {
  token: string;
  expiresAt: number;
  account: Record<string, unknown>;
  components: Record<string, ComponentGrant>;
}

/** The element side of the connector: what a connector can ask its elements to do. */
export interface ConnectedElement {
  optionsChanged(localeChanged: boolean): void;
  sessionEnded(): void;
  dataChanged(source: ConnectedElement): void;
}
