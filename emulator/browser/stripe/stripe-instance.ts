/** `Stripe(publishableKey, { stripeAccount })`: elements(), confirmPayment(), retrievePaymentIntent(). */
import { installFonts } from "../connect/fonts";
import { JsApi, type StripeErrorShape } from "./api-client";
import { PaymentElement, type ElementsAppearance } from "./payment-element";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function intentId(clientSecret: string): string | undefined {
  const match = /^(pi_[A-Za-z0-9]+)_secret_[A-Za-z0-9]+$/.exec(clientSecret);
  return match?.[1];
}

class IntegrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IntegrationError";
  }
}

export class ElementsGroup {
  private readonly elements = new Map<string, PaymentElement>();

  constructor(
    readonly clientSecret: string | undefined,
    private appearance: ElementsAppearance | undefined,
    private readonly locale: string | undefined,
  ) {}

  create(type: string, _options?: unknown): PaymentElement {
    if (type !== "payment") {
      throw new IntegrationError(`The sandbox Stripe.js supports only the "payment" Element, not "${type}".`);
    }
    if (this.elements.has(type)) {
      throw new IntegrationError(`Can only create one Element of type ${type}.`);
    }
    const el = new PaymentElement(this.appearance, this.locale);
    this.elements.set(type, el);
    return el;
  }

  getElement(type: string): PaymentElement | null {
    return this.elements.get(type) ?? null;
  }

  update(options: { appearance?: ElementsAppearance } = {}): void {
    if (options.appearance) {
      this.appearance = options.appearance;
      for (const el of this.elements.values()) el.setAppearance(options.appearance);
    }
  }

  async submit(): Promise<{ error?: StripeErrorShape }> {
    const el = this.elements.get("payment");
    const problem = el?.validate();
    return problem ? { error: problem } : {};
  }

  fetchUpdates(): Promise<Record<string, never>> {
    return Promise.resolve({});
  }
}

export interface ConfirmPaymentOptions {
  elements?: ElementsGroup;
  clientSecret?: string;
  confirmParams?: { return_url?: string; [key: string]: unknown };
  redirect?: "always" | "if_required";
}

export class StripeStandin {
  private readonly api: JsApi;
  private readonly locale: string | undefined;

  constructor(
    readonly publishableKey: string,
    options: { stripeAccount?: string; locale?: string } | undefined,
    base: string,
  ) {
    if (typeof publishableKey !== "string" || !publishableKey.startsWith("pk_")) {
      throw new IntegrationError("Invalid value for Stripe(): apiKey should be a publishable key (pk_…).");
    }
    this.locale = options?.locale;
    this.api = new JsApi(base, publishableKey, options?.stripeAccount);
  }

  elements(
    options: {
      clientSecret?: string;
      appearance?: ElementsAppearance;
      locale?: string;
      fonts?: unknown;
    } = {},
  ): ElementsGroup {
    // Stripe draws Elements in its own frame, where the page's fonts are not: `fonts` is how a page brings its own
    // (a `cssSrc` stylesheet or a `family`/`src` face), for `appearance.variables.fontFamily` to name.
    installFonts(options.fonts);
    return new ElementsGroup(options.clientSecret, options.appearance, options.locale ?? this.locale);
  }

  async retrievePaymentIntent(
    clientSecret: string,
  ): Promise<{ paymentIntent: Record<string, unknown> } | { error: StripeErrorShape }> {
    const id = typeof clientSecret === "string" ? intentId(clientSecret) : undefined;
    if (!id)
      throw new IntegrationError(
        "Invalid value for retrievePaymentIntent: clientSecret should be a client secret of the form ${id}_secret_${secret}.",
      );
    const res = await this.api.call(
      "GET",
      `payment_intents/${id}?client_secret=${encodeURIComponent(clientSecret)}`,
    );
    return res.ok ? { paymentIntent: res.body } : { error: res.error };
  }

  async confirmPayment(
    options: ConfirmPaymentOptions,
  ): Promise<{ paymentIntent: Record<string, unknown> } | { error: StripeErrorShape }> {
    const group = options?.elements;
    const clientSecret = options?.clientSecret ?? group?.clientSecret;
    if (!group && !clientSecret)
      throw new IntegrationError("stripe.confirmPayment(): expected either `elements` or `clientSecret`.");
    if (!clientSecret) throw new IntegrationError("stripe.confirmPayment(): the `clientSecret` is missing.");
    const id = intentId(clientSecret);
    if (!id) throw new IntegrationError("stripe.confirmPayment(): invalid client secret.");
    const redirect = options.redirect ?? "always";
    const returnUrl = options.confirmParams?.return_url;
    if (redirect !== "if_required" && !returnUrl) {
      throw new IntegrationError(
        "stripe.confirmPayment(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`",
      );
    }
    const element = group?.getElement("payment");
    if (!element || !element.mounted) {
      return {
        error: {
          type: "validation_error",
          code: "payment_element_not_mounted",
          message: "The Payment Element is not mounted.",
        },
      };
    }
    const problem = element.validate();
    if (problem) return { error: problem };
    const card = element.cardData();
    if (!card)
      return {
        error: {
          type: "validation_error",
          code: "incomplete_expiry",
          message: "Your card's expiration date is incomplete.",
        },
      };
    const res = await this.api.call("POST", `payment_intents/${id}/confirm`, {
      client_secret: clientSecret,
      payment_method_data: {
        type: "card",
        card: { number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc },
        billing_details: { address: { postal_code: card.postal_code } },
      },
      ...(returnUrl ? { return_url: returnUrl } : {}),
    });
    if (!res.ok) return { error: res.error };
    const intent = res.body;
    const status = typeof intent.status === "string" ? intent.status : "";
    if (redirect === "if_required" || !returnUrl) return { paymentIntent: intent };
    const url = new URL(returnUrl, location.href);
    url.searchParams.set("payment_intent", String(intent.id ?? id));
    url.searchParams.set("payment_intent_client_secret", clientSecret);
    url.searchParams.set(
      "redirect_status",
      status === "succeeded" || status === "requires_capture" ? "succeeded" : status,
    );
    location.assign(url.toString());
    return new Promise(() => undefined);
  }

  /** Called by @stripe/stripe-js to register itself; nothing to do offline. */
  _registerWrapper(_wrapper: unknown): void {}

  registerAppInfo(_info: unknown): void {}
}

export { isRecord };
