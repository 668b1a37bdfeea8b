import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  experimental: {
    // ICU messages compiled at build time: the browser gets no message parser (about 12 KB gzipped less JS).
    messages: { path: "./messages", format: "json", locales: "infer", precompile: true },
  },
});

const isProduction = process.env.NODE_ENV === "production";

// Headers that do not depend on the request; pages get their nonce-based CSP per request in proxy.ts.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(self)" },
  // Stripe's sign-in popup needs its opener: never same-origin, never with COEP require-corp.
  { key: "Cross-Origin-Opener-Policy", value: "same-origin-allow-popups" },
  ...(isProduction
    ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" }]
    : []),
];

// API routes skip proxy.ts (no nonce): they answer JSON, which needs nothing from any source and no framing.
const apiHeaders = [
  {
    key: "Content-Security-Policy",
    value:
      "default-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  },
];

// The shell's font, loaded by the embedded components from Stripe's frames (another origin): a font needs CORS.
const connectFontHeaders = [{ key: "Access-Control-Allow-Origin", value: "*" }];

const nextConfig: NextConfig = {
  // A self-contained server (.next/standalone/server.js) for containers; scripts/prepare-standalone.ts copies the
  // static assets beside it, which Next leaves to the deploy step.
  output: "standalone",
  poweredByHeader: false,
  reactStrictMode: true,
  serverExternalPackages: ["pino", "@node-rs/argon2", "better-sqlite3", "pg", "ioredis", "stripe"],
  // The app's own sources; `npm run typecheck` covers everything (emulator, tests, scripts) with tsconfig.json.
  typescript: { tsconfigPath: "tsconfig.app.json" },
  experimental: {
    authInterrupts: true,
    // Server actions (and anything posted to a page) get the same 64 KB as the JSON routes (lib/http/body.ts); no
    // other origin may post them.
    serverActions: { bodySizeLimit: "64kb", allowedOrigins: [] },
    // Proxy buffers a page request's body before it runs: never more than the routes behind it accept.
    proxyClientMaxBodySize: "64kb",
  },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: apiHeaders },
      { source: "/_portico/fonts/:path*", headers: connectFontHeaders },
    ];
  },
};

export default withNextIntl(nextConfig);
