import path from "node:path";
import { build } from "esbuild";

/** The browser stand-ins, bundled on demand into plain IIFE scripts (no dependency on the app). */
export interface StandinScripts {
  connectJs: string;
  /** The inside of the connect.js stand-in's component frames (inlined in `/_sandbox/connect/frame`). */
  connectFrameJs: string;
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

/** Builds the stand-ins once per process; later calls reuse the result. */
export function buildStandins(): Promise<StandinScripts> {
  cached ??= Promise.all([
    bundle("connect/index.ts"),
    bundle("connect/frame/index.ts"),
    bundle("stripe/index.ts"),
  ]).then(([connectJs, connectFrameJs, stripeJs]) => ({ connectJs, connectFrameJs, stripeJs }));
  return cached;
}
