import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { ENTRYPOINT, prepareStandalone } from "../prepare-standalone";
import { buildConnectBoot } from "../build-connect-boot";

/** Helpers shared by scripts/sandbox.ts and scripts/test-all.ts: ports, child processes, builds. */

export const root = path.resolve(__dirname, "../..");
export const bin = (name: string) => path.join(root, "node_modules/.bin", name);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Child {
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Starts a long-running child; its output goes to `logFile` (or is inherited). Stopped by its own PID. */
export function startChild(
  command: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; logFile?: string; cwd?: string },
): Child {
  const child = spawn(command, args, {
    cwd: options.cwd ?? root,
    env: { ...process.env, ...options.env },
    stdio: options.logFile ? ["ignore", "pipe", "pipe"] : "inherit",
  });
  if (options.logFile) {
    const out = createWriteStream(options.logFile, { flags: "a" });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  }
  return {
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** Runs a command to completion and returns its exit code. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function waitForHttp(url: string, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.process.exitCode !== null)
      throw new Error(`${url}: the process exited with ${child.process.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

const SOURCE_ENTRIES = [
  "app",
  "components",
  "lib",
  "i18n",
  "messages",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "portico.config.ts",
  "package-lock.json",
  "postcss.config.mjs",
  "tsconfig.app.json",
  "scripts/portico-server.mjs",
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/**
 * The production server: Next's standalone output (`next start` does not support `output: "standalone"`), run
 * through Portico's entrypoint beside it, which stamps each request's client address.
 */
export const standaloneServer = path.join(root, ".next/standalone", ENTRYPOINT);

/** True when there is no production build or a source file changed after it. */
export function buildIsStale(): boolean {
  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId) || !existsSync(standaloneServer)) return true;
  if (!existsSync(path.join(root, ".next/standalone/.next/static"))) return true;
  const built = statSync(buildId).mtimeMs;
  return SOURCE_ENTRIES.some((entry) => newestMtime(path.join(root, entry)) > built);
}

export async function buildIfNeeded(): Promise<void> {
  if (!buildIsStale()) {
    console.log("› The production build is up to date.");
    return;
  }
  console.log("› Building the app (next build)…");
  await buildConnectBoot(root);
  const code = await run(bin("next"), ["build"], { NEXT_TELEMETRY_DISABLED: "1" });
  if (code !== 0) throw new Error("next build failed");
  prepareStandalone(root);
}

/**
 * Starts the built app (the standalone server, through its entrypoint) on 127.0.0.1:`port`. The server changes its
 * working directory to .next/standalone, so every path handed to it (data directory, SQLite file) must be absolute.
 * Clients' addresses come from the socket unless `env` says TRUSTED_PROXY_HOPS (the test stacks trust one hop: their
 * clients speak for their own address in X-Forwarded-For, as a reverse proxy would).
 */
export function startApp(options: {
  port: number;
  env: Record<string, string | undefined>;
  logFile?: string;
}): Child {
  return startChild(process.execPath, [standaloneServer], {
    env: { TRUSTED_PROXY_HOPS: "0", ...options.env, PORT: String(options.port), HOSTNAME: "127.0.0.1" },
    ...(options.logFile ? { logFile: options.logFile } : {}),
  });
}
