import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { CONNECT_FONT_PATH } from "../lib/connect/appearance";

/**
 * Bundles components/connect/boot/connect-boot.ts into public/_portico/connect-boot.js: the small script the dashboard
 * loads from its first HTML flush to start Connect before React hydrates. Run by `npm run build`, `npm run dev` and
 * the test/sandbox stack's build (it is generated, not committed). The shell's font goes beside it, at a stable URL
 * the embedded components' `fonts` init option can name (lib/connect/appearance.ts).
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
  const font = path.join(root, "public", CONNECT_FONT_PATH);
  mkdirSync(path.dirname(font), { recursive: true });
  copyFileSync(
    path.join(root, "node_modules/@fontsource-variable/inter/files", path.basename(CONNECT_FONT_PATH)),
    font,
  );
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
