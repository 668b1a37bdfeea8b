import { copyFileSync, cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * Completes the standalone output after `next build`: Next traces the server's own files into .next/standalone but
 * leaves the browser assets (.next/static) and public/ to the deploy step, and server.js serves them only from beside
 * itself. Portico's entrypoint (scripts/portico-server.mjs, which stamps each request's client address) goes beside
 * server.js too: every way of running the server starts there. Run by `npm run build` and by the test/sandbox build.
 */
export function prepareStandalone(root: string): void {
  const standalone = path.join(root, ".next/standalone");
  if (!existsSync(path.join(standalone, "server.js"))) {
    throw new Error('.next/standalone/server.js is missing: is output: "standalone" set in next.config.ts?');
  }
  const copies: [string, string][] = [
    [path.join(root, ".next/static"), path.join(standalone, ".next/static")],
    [path.join(root, "public"), path.join(standalone, "public")],
  ];
  for (const [from, to] of copies) {
    // Replace, not merge: stale hashed chunks of an earlier build must not linger in the image.
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
  copyFileSync(path.join(root, "scripts/portico-server.mjs"), path.join(standalone, ENTRYPOINT));
}

/** The file every deployment runs: `node portico-server.mjs` in .next/standalone. */
export const ENTRYPOINT = "portico-server.mjs";

if (require.main === module) {
  prepareStandalone(path.resolve(__dirname, ".."));
  console.log(`› Standalone output ready: node .next/standalone/${ENTRYPOINT}`);
}
