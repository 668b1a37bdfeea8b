// npm start: Next's standalone server (`next start` does not support `output: "standalone"`). server.js changes its
// working directory to .next/standalone, so relative data paths are resolved here first, against the directory
// `npm start` runs in, as they were before.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const cwd = process.cwd();
const server = path.resolve(cwd, ".next/standalone/server.js");
if (!existsSync(server)) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
process.env.PORTICO_DATA_DIR = path.resolve(cwd, process.env.PORTICO_DATA_DIR || "./data");
const database = process.env.DATABASE_URL;
if (database?.startsWith("file:") && !path.isAbsolute(database.slice("file:".length))) {
  process.env.DATABASE_URL = `file:${path.resolve(cwd, database.slice("file:".length))}`;
}
createRequire(import.meta.url)(server);
