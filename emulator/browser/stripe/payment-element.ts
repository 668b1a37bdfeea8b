/** The Payment Element stand-in: card number, expiry, CVC and postal code in a shadow root. */
import {
  brandOf,
  cardLength,
  digits,
  expiryInPast,
  formatExpiry,
  formatNumber,
  luhn,
  parseExpiry,
} from "./cards";
import { label, type PeKey } from "./i18n";

export interface ElementsAppearance {
  theme?: string;
  variables?: Record<string, string | number | undefined>;
}

type Handler = (event: Record<string, unknown>) => void;

export interface CardData {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
  postal_code: string;
}

export interface ValidationError {
  type: "validation_error";
  code: string;
  message: string;
  param?: string;
}

type FieldName = "number" | "expiry" | "cvc" | "postal";

function cssValue(v: unknown, fallback: string): string {
  if (typeof v === "number") return String(v);
  return typeof v === "string" && v && !/[;{}<>]/.test(v) ? v : fallback;
}

function css(appearance: ElementsAppearance | undefined): string {
  const v = appearance?.variables ?? {};
  const night = appearance?.theme === "night";
  return `
:host { display: block; }
* { box-sizing: border-box; }
.pe { font-family: ${cssValue(v.fontFamily, '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif')};
  font-size: ${cssValue(v.fontSizeBase, "15px")}; color: ${cssValue(v.colorText, night ? "#e6e6e6" : "#30313d")};
  display: grid; gap: ${cssValue(v.spacingUnit, "12px")}; position: relative; }
.tab { display: inline-flex; align-items: center; gap: 8px; padding: 8px 12px; border-radius: ${cssValue(v.borderRadius, "6px")};
  border: 2px solid ${cssValue(v.colorPrimary, "#635bff")}; color: ${cssValue(v.colorPrimary, "#635bff")}; font-weight: 600;
  width: max-content; background: ${cssValue(v.colorBackground, night ? "#30313d" : "#ffffff")}; }
.marker { position: absolute; top: 0; right: 0; font-size: 10px; font-weight: 600; text-transform: uppercase;
  letter-spacing: .04em; color: #6b3f00; background: #fff1cc; border: 1px solid #f5d48a; border-radius: 999px; padding: 1px 7px; }
.row { display: grid; grid-template-columns: 1fr 1fr; gap: ${cssValue(v.spacingUnit, "12px")}; }
.field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
label { font-size: .9em; font-weight: 500; color: ${cssValue(v.colorText, night ? "#e6e6e6" : "#30313d")}; }
.wrap { position: relative; }
input { width: 100%; font: inherit; padding: 10px 12px; color: inherit;
  background: ${cssValue(v.colorBackground, night ? "#30313d" : "#ffffff")};
  border: 1px solid ${cssValue(v.colorBorder, "#e0e0e6")}; border-radius: ${cssValue(v.borderRadius, "6px")};
  box-shadow: 0 1px 1px rgba(0,0,0,.03), 0 3px 6px rgba(0,0,0,.02); transition: border-color .12s, box-shadow .12s; }
input:focus { outline: none; border-color: ${cssValue(v.colorPrimary, "#635bff")};
  box-shadow: 0 0 0 3px color-mix(in srgb, ${cssValue(v.colorPrimary, "#635bff")} 25%, transparent); }
input[aria-invalid="true"] { border-color: ${cssValue(v.colorDanger, "#df1b41")}; color: ${cssValue(v.colorDanger, "#df1b41")}; }
.brand { position: absolute; right: 10px; top: 50%; transform: translateY(-50%); font-size: 10px; font-weight: 700;
  text-transform: uppercase; border: 1px solid #d8dee4; border-radius: 4px; padding: 1px 4px; color: #414552; background: #fff; }
.err { color: ${cssValue(v.colorDanger, "#df1b41")}; font-size: .86em; min-height: 0; }
.hint { color: ${cssValue(v.colorTextSecondary, night ? "#a3a3ad" : "#596171")}; font-size: .82em; }
`;
}

export class PaymentElement {
  private host: HTMLDivElement | undefined;
  private root: ShadowRoot | undefined;
  private readonly inputs = new Map<FieldName, HTMLInputElement>();
  private readonly errors = new Map<FieldName, HTMLElement>();
  private readonly touched = new Set<FieldName>();
  private readonly handlers = new Map<string, Set<Handler>>();
  private styleEl: HTMLStyleElement | undefined;
  private destroyed = false;

  constructor(
    private appearance: ElementsAppearance | undefined,
    private readonly locale: string | undefined,
  ) {}

  on(event: string, handler: Handler): this {
    if (typeof handler !== "function") return this;
    const set = this.handlers.get(event) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(event, set);
    return this;
  }

  off(event: string, handler?: Handler): this {
    if (handler) this.handlers.get(event)?.delete(handler);
    else this.handlers.delete(event);
    return this;
  }

  once(event: string, handler: Handler): this {
    const wrapped: Handler = (e) => {
      this.off(event, wrapped);
      handler(e);
    };
    return this.on(event, wrapped);
  }

  private fire(event: string, payload: Record<string, unknown>): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) {
      try {
        h({ elementType: "payment", ...payload });
      } catch (error) {
        console.error(error);
      }
    }
  }

  mount(target: string | HTMLElement): void {
    if (this.destroyed) throw new Error("This Element has already been destroyed. Please create a new one.");
    const container = typeof target === "string" ? document.querySelector(target) : target;
    if (!(container instanceof HTMLElement)) {
      throw new Error(
        `The selector you specified (${String(target)}) applies to no DOM elements that are currently on the page.`,
      );
    }
    if (this.host) this.unmount();
    const host = document.createElement("div");
    host.className = "__PorticoSandboxPaymentElement";
    const root = host.attachShadow({ mode: "open" });
    this.host = host;
    this.root = root;
    this.render(root);
    container.appendChild(host);
    setTimeout(() => this.fire("ready", {}), 0);
  }

  unmount(): void {
    this.host?.remove();
    this.host = undefined;
    this.root = undefined;
    this.inputs.clear();
    this.errors.clear();
  }

  destroy(): void {
    this.unmount();
    this.destroyed = true;
  }

  update(options: { appearance?: ElementsAppearance } = {}): void {
    if (options.appearance) this.setAppearance(options.appearance);
  }

  setAppearance(appearance: ElementsAppearance | undefined): void {
    this.appearance = appearance;
    if (this.styleEl) this.styleEl.textContent = css(appearance);
  }

  focus(): void {
    this.inputs.get("number")?.focus();
  }

  blur(): void {
    for (const input of this.inputs.values()) input.blur();
  }

  clear(): void {
    for (const input of this.inputs.values()) input.value = "";
    this.touched.clear();
    this.refreshErrors();
    this.emitChange();
  }

  private t(key: PeKey): string {
    return label(this.locale, key);
  }

  private render(root: ShadowRoot): void {
    const style = document.createElement("style");
    style.textContent = css(this.appearance);
    this.styleEl = style;
    const wrap = document.createElement("div");
    wrap.className = "pe";
    wrap.setAttribute("lang", this.locale && this.locale !== "auto" ? this.locale : navigator.language);
    const marker = document.createElement("span");
    marker.className = "marker";
    marker.textContent = this.t("sandbox");
    const tab = document.createElement("div");
    tab.className = "tab";
    tab.textContent = `▭ ${this.t("card")}`;
    tab.setAttribute("aria-hidden", "true");
    wrap.append(marker, tab);
    wrap.append(this.field("number", this.t("number"), "cc-number", "1234 1234 1234 1234"));
    const row = document.createElement("div");
    row.className = "row";
    row.append(
      this.field("expiry", this.t("expiry"), "cc-exp", "MM / YY"),
      this.field("cvc", this.t("cvc"), "cc-csc", "CVC"),
    );
    wrap.append(row, this.field("postal", this.t("postal"), "postal-code", "12345"));
    const hint = document.createElement("p");
    hint.className = "hint";
    hint.style.margin = "0";
    hint.textContent = this.t("testHint");
    wrap.append(hint);
    root.append(style, wrap);
  }

  private field(name: FieldName, text: string, autocomplete: string, placeholder: string): HTMLElement {
    const id = `pe-${name}`;
    const box = document.createElement("div");
    box.className = "field";
    const lab = document.createElement("label");
    lab.htmlFor = id;
    lab.textContent = text;
    const wrap = document.createElement("div");
    wrap.className = "wrap";
    const input = document.createElement("input");
    input.id = id;
    input.name = name;
    input.type = "text";
    input.setAttribute("autocomplete", autocomplete);
    input.placeholder = placeholder;
    input.inputMode = name === "postal" ? "text" : "numeric";
    input.spellcheck = false;
    const err = document.createElement("div");
    err.className = "err";
    err.id = `${id}-err`;
    err.setAttribute("role", "alert");
    input.setAttribute("aria-describedby", err.id);
    wrap.append(input);
    if (name === "number") {
      const brand = document.createElement("span");
      brand.className = "brand";
      brand.setAttribute("aria-hidden", "true");
      brand.hidden = true;
      wrap.append(brand);
    }
    input.addEventListener("input", () => this.onInput(name, input));
    input.addEventListener("blur", () => {
      if (input.value) this.touched.add(name);
      this.refreshErrors();
      this.fire("blur", {});
    });
    input.addEventListener("focus", () => this.fire("focus", {}));
    this.inputs.set(name, input);
    this.errors.set(name, err);
    box.append(lab, wrap, err);
    return box;
  }

  private onInput(name: FieldName, input: HTMLInputElement): void {
    if (name === "number") {
      input.value = formatNumber(input.value);
      const brand = brandOf(input.value);
      const badge = input.parentElement?.querySelector<HTMLElement>(".brand");
      if (badge) {
        badge.hidden = brand === "unknown";
        badge.textContent = brand === "mastercard" ? "MC" : brand;
      }
      if (digits(input.value).length >= cardLength(brand)) this.inputs.get("expiry")?.focus();
    } else if (name === "expiry") {
      const deleting = input.value.length < (input.dataset.prev ?? "").length;
      input.value = deleting ? input.value : formatExpiry(input.value);
      input.dataset.prev = input.value;
      if (digits(input.value).length === 4) this.inputs.get("cvc")?.focus();
    } else if (name === "cvc") {
      input.value = digits(input.value).slice(0, 4);
    } else {
      input.value = input.value.slice(0, 10);
    }
    if (this.touched.has(name)) this.refreshErrors();
    this.emitChange();
  }

  private value(name: FieldName): string {
    return this.inputs.get(name)?.value ?? "";
  }

  /** First problem per field (only fields that have content, unless `all`). */
  private problems(all: boolean): Map<FieldName, PeKey> {
    const out = new Map<FieldName, PeKey>();
    const number = digits(this.value("number"));
    const brand = brandOf(number);
    if (number || all) {
      if (number.length < cardLength(brand)) out.set("number", "incomplete_number");
      else if (!luhn(number)) out.set("number", "invalid_number");
    }
    const expRaw = digits(this.value("expiry"));
    if (expRaw || all) {
      const exp = parseExpiry(expRaw);
      if (expRaw.length < 4) out.set("expiry", "incomplete_expiry");
      else if (!exp) out.set("expiry", "invalid_expiry_month");
      else if (expiryInPast(exp)) out.set("expiry", "invalid_expiry_year_past");
    }
    const cvc = this.value("cvc");
    if ((cvc || all) && cvc.length < (brand === "amex" ? 4 : 3)) out.set("cvc", "incomplete_cvc");
    const postal = this.value("postal").trim();
    if ((postal || all) && postal.length < 3) out.set("postal", "incomplete_zip");
    return out;
  }

  private refreshErrors(all = false): void {
    const problems = this.problems(all);
    for (const [name, input] of this.inputs) {
      const key = problems.get(name);
      const show = key && (all || this.touched.has(name));
      input.setAttribute("aria-invalid", show ? "true" : "false");
      const err = this.errors.get(name);
      if (err) err.textContent = show && key ? this.t(key) : "";
    }
  }

  private emitChange(): void {
    const empty = [...this.inputs.values()].every((i) => i.value === "");
    const complete = this.problems(true).size === 0;
    const problem = [...this.problems(false).entries()].find(([n]) => this.touched.has(n));
    this.fire("change", {
      empty,
      complete,
      collapsed: false,
      value: { type: "card" },
      ...(problem
        ? { error: { type: "validation_error", code: problem[1], message: this.t(problem[1]) } }
        : {}),
    });
  }

  /** Validates everything, shows inline errors, returns the first one in Stripe.js's shape. */
  validate(): ValidationError | undefined {
    for (const name of this.inputs.keys()) this.touched.add(name);
    this.refreshErrors(true);
    const first = [...this.problems(true).entries()][0];
    if (!first) return undefined;
    const [name, key] = first;
    this.inputs.get(name)?.focus();
    return { type: "validation_error", code: key, message: this.t(key), param: name };
  }

  get mounted(): boolean {
    return this.host !== undefined;
  }

  cardData(): CardData | undefined {
    const exp = parseExpiry(this.value("expiry"));
    if (!exp) return undefined;
    return {
      number: digits(this.value("number")),
      exp_month: exp.month,
      exp_year: exp.year,
      cvc: this.value("cvc"),
      postal_code: this.value("postal").trim(),
    };
  }
}
