// npm start: Next's standalone server through Portico's entrypoint (.next/standalone/portico-server.mjs, which
// stamps each request's client address; `next start` does not support `output: "standalone"`). server.js changes its
// working directory to .next/standalone, so relative data paths are resolved here first, against the directory
// `npm start` runs in, as they were before.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const cwd = process.cwd();
const entry = path.resolve(cwd, ".next/standalone/portico-server.mjs");
if (!existsSync(entry)) {
  console.error("No production build: run `npm run build` first.");
  process.exit(1);
}
process.env.PORTICO_DATA_DIR = path.resolve(cwd, process.env.PORTICO_DATA_DIR || "./data");
const database = process.env.DATABASE_URL;
if (database?.startsWith("file:") && !path.isAbsolute(database.slice("file:".length))) {
  process.env.DATABASE_URL = `file:${path.resolve(cwd, database.slice("file:".length))}`;
}
const { start } = await import(pathToFileURL(entry).href);
start();
