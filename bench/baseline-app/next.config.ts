import type { NextConfig } from "next";

// The benchmarks' baseline: a bare Next.js app with the same framework versions as Portico, built and served by
// `npm run bench` only. Type-checked by the repository's `npm run typecheck`, so the build skips its own check.
const nextConfig: NextConfig = {
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ["stripe"],
};

export default nextConfig;
