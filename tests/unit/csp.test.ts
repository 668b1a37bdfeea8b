import { describe, expect, it } from "vitest";
import { buildCsp } from "@/lib/http/csp";
import { isSameOriginRequest } from "@/lib/http/origin";
import { safeNextPath } from "@/lib/http/safe-redirect";

describe("content security policy", () => {
  const base = {
    nonce: "abc",
    dev: false,
    emulatorOrigin: "http://127.0.0.1:12111",
    upgradeInsecureRequests: false,
  };

  it("is nonce-based with the hardening directives", () => {
    const csp = buildCsp({ ...base, stripeMode: "sandbox" });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-eval");
  });

  it("allows the emulator in sandbox mode and no Stripe host", () => {
    const csp = buildCsp({ ...base, stripeMode: "sandbox" });
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:12111");
    // The stand-in's components draw in frames served by the emulator, as Stripe's are served by Stripe's hosts.
    expect(csp).toContain("frame-src http://127.0.0.1:12111;");
    expect(csp).not.toContain("stripe.com");
  });

  it("allows no frame at all in sandbox mode without an emulator", () => {
    const csp = buildCsp({ ...base, stripeMode: "sandbox", emulatorOrigin: null });
    expect(csp).toContain("frame-src 'none'");
  });

  it("allows Stripe's documented hosts in live mode and no emulator", () => {
    const csp = buildCsp({ ...base, stripeMode: "live", upgradeInsecureRequests: true });
    expect(csp).toContain("frame-src https://connect-js.stripe.com https://js.stripe.com");
    expect(csp).toContain("https://connect-js.stripe.com");
    expect(csp).toContain("img-src 'self' data: blob: https://*.stripe.com");
    expect(csp).not.toContain("12111");
    expect(csp).toContain("upgrade-insecure-requests");
  });

  it("carries Stripe's guide host by host in test and live mode", () => {
    const directives = new Map(
      buildCsp({ ...base, stripeMode: "test" })
        .split("; ")
        .map((part) => {
          const [name = "", ...values] = part.split(" ");
          return [name, values] as const;
        }),
    );
    expect(directives.get("script-src")).toEqual(
      expect.arrayContaining(["https://connect-js.stripe.com", "https://js.stripe.com"]),
    );
    expect(directives.get("frame-src")).toEqual(
      expect.arrayContaining(["https://connect-js.stripe.com", "https://js.stripe.com"]),
    );
    expect(directives.get("connect-src")).toEqual([
      "'self'",
      "https://api.stripe.com",
      "https://connect-js.stripe.com",
      "https://merchant-ui-api.stripe.com",
      "https://r.stripe.com",
    ]);
    expect(directives.get("img-src")).toContain("https://*.stripe.com");
  });
});

describe("origin checks", () => {
  const allowed = ["http://localhost:3000"];
  it("accepts the app's own origin only", () => {
    expect(isSameOriginRequest(new Headers({ origin: "http://localhost:3000" }), allowed)).toBe(true);
    expect(isSameOriginRequest(new Headers({ origin: "http://evil.test" }), allowed)).toBe(false);
    expect(isSameOriginRequest(new Headers({}), allowed)).toBe(false);
    expect(isSameOriginRequest(new Headers({ origin: "null" }), allowed)).toBe(false);
    expect(
      isSameOriginRequest(
        new Headers({ origin: "http://localhost:3000", "sec-fetch-site": "cross-site" }),
        allowed,
      ),
    ).toBe(false);
  });

  it("keeps ?next= redirects on this site", () => {
    expect(safeNextPath("/payments?x=1")).toBe("/payments?x=1");
    expect(safeNextPath("//evil.test")).toBe("/");
    expect(safeNextPath("https://evil.test")).toBe("/");
    expect(safeNextPath("/\\evil.test")).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
  });
});
