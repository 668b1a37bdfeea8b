import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

/**
 * Bundles components/connect/boot/connect-boot.ts into public/_portico/connect-boot.js: the small script the dashboard
 * loads from its first HTML flush to start Connect before React hydrates. Run by `npm run build`, `npm run dev` and
 * the test/sandbox stack's build (it is generated, not committed).
 */
export async function buildConnectBoot(root: string): Promise<{ file: string; bytes: number }> {
  const result = await build({
    entryPoints: [path.join(root, "components/connect/boot/connect-boot.ts")],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2022",
    platform: "browser",
    minify: true,
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output for the Connect boot script");
  const file = path.join(root, "public/_portico/connect-boot.js");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, output.contents);
  return { file, bytes: output.contents.length };
}

if (require.main === module) {
  buildConnectBoot(path.resolve(__dirname, "..")).then(
    ({ file, bytes }) =>
      console.log(`› Connect boot script: ${path.relative(process.cwd(), file)} (${bytes} bytes)`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
