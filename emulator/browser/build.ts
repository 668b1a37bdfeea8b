import path from "node:path";
import { build } from "esbuild";

/** The browser stand-ins, bundled on demand into plain IIFE scripts (no dependency on the app). */
export interface StandinScripts {
  connectJs: string;
  stripeJs: string;
}

// CommonJS-style on purpose: tsx, vitest and Playwright all provide __dirname, not all provide import.meta.
const here = __dirname;

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(here, entry)],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2022",
    platform: "browser",
    minify: true,
    // Minified like the scripts Stripe serves (a third less to parse); names kept for readable stack traces.
    keepNames: true,
    legalComments: "none",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error(`esbuild produced no output for ${entry}`);
  return file.text;
}

let cached: Promise<StandinScripts> | undefined;

/** Builds both stand-ins once per process; later calls reuse the result. */
export function buildStandins(): Promise<StandinScripts> {
  cached ??= Promise.all([bundle("connect/index.ts"), bundle("stripe/index.ts")]).then(
    ([connectJs, stripeJs]) => ({ connectJs, stripeJs }),
  );
  return cached;
}
