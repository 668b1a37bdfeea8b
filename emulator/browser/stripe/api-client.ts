/** Calls to the emulator's Stripe.js endpoints (`/_sandbox/js/v1/…`), authenticated by the publishable key. */

export interface StripeErrorShape {
  type: string;
  code?: string;
  decline_code?: string;
  message: string;
  param?: string;
  payment_intent?: Record<string, unknown>;
  doc_url?: string;
}

export type ApiResult = { ok: true; body: Record<string, unknown> } | { ok: false; error: StripeErrorShape };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export class JsApi {
  constructor(
    private readonly base: string,
    private readonly publishableKey: string,
    private readonly stripeAccount: string | undefined,
  ) {}

  async call(method: "GET" | "POST", path: string, body?: unknown): Promise<ApiResult> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.publishableKey}` };
    if (this.stripeAccount) headers["stripe-account"] = this.stripeAccount;
    if (method === "POST") headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(`${this.base}/_sandbox/js/v1/${path}`, {
        method,
        headers,
        body: method === "POST" ? JSON.stringify(body ?? {}) : undefined,
        credentials: "omit",
      });
    } catch (error) {
      return {
        ok: false,
        error: {
          type: "api_connection_error",
          message:
            `An error occurred with our connection to Stripe. ${error instanceof Error ? error.message : ""}`.trim(),
        },
      };
    }
    let json: unknown = null;
    try {
      json = await response.json();
    } catch {
      json = null;
    }
    if (response.ok && isRecord(json)) return { ok: true, body: json };
    const err = isRecord(json) && isRecord(json.error) ? json.error : {};
    const error: StripeErrorShape = {
      type: typeof err.type === "string" ? err.type : "api_error",
      message:
        typeof err.message === "string" ? err.message : `Request failed with status ${response.status}`,
    };
    if (typeof err.code === "string") error.code = err.code;
    if (typeof err.decline_code === "string") error.decline_code = err.decline_code;
    if (typeof err.param === "string") error.param = err.param;
    if (typeof err.doc_url === "string") error.doc_url = err.doc_url;
    if (isRecord(err.payment_intent)) error.payment_intent = err.payment_intent;
    return { ok: false, error };
  }
}
