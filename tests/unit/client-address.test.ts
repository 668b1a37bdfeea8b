import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER as appHeader } from "@/lib/http/client-ip";
import { CLIENT_IP_HEADER, clientAddress, parseTrustedProxyHops } from "@/scripts/portico-server.mjs";

describe("the entrypoint's client address", () => {
  it("stamps the header the app reads", () => {
    expect(CLIENT_IP_HEADER).toBe(appHeader);
  });

  it("uses the socket when no proxy is trusted, whatever X-Forwarded-For says", () => {
    for (const spoofed of ["1.2.3.4", "1.2.3.4, 5.6.7.8", undefined, "garbage"]) {
      expect(clientAddress("::ffff:203.0.113.9", spoofed, 0)).toBe("203.0.113.9");
    }
  });

  it("takes the address the outermost trusted proxy saw", () => {
    // One proxy that appends: the client's own X-Forwarded-For entries come first and are ignored.
    expect(clientAddress("10.0.0.2", "198.51.100.7", 1)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", 1)).toBe("198.51.100.7");
    // Two proxies: the client is the entry before the second one's.
    expect(clientAddress("10.0.0.3", "6.6.6.6, 198.51.100.7, 10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientAddress("10.0.0.2", ["198.51.100.7"], 1)).toBe("198.51.100.7");
  });

  it("falls back to the socket when the chain is short or holds no address", () => {
    expect(clientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "not-an-ip", 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "198.51.100.7", 3)).toBe("198.51.100.7");
  });

  it("validates TRUSTED_PROXY_HOPS", () => {
    expect(parseTrustedProxyHops(undefined)).toBe(0);
    expect(parseTrustedProxyHops("2")).toBe(2);
    for (const bad of ["-1", "1.5", "eleven", "11"]) {
      expect(() => parseTrustedProxyHops(bad)).toThrow(/TRUSTED_PROXY_HOPS/);
    }
  });
});
