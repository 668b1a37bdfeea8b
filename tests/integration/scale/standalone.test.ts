import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "@/emulator/index";
import { freePort, startChild, waitForHttp, type Child } from "@/scripts/lib/stack";
import { AppClient, uniqueEmail } from "../../support/app-client";

/**
 * What the Docker image's runtime stage holds — only .next/standalone (with static assets, public/ and Portico's
 * entrypoint beside server.js) — copied away from the repository and its node_modules, started as the image starts
 * it (`node portico-server.mjs`) on a fresh SQLite database: it must migrate itself at start-up, serve pages and
 * assets, and sign users up and in.
 */

const root = path.resolve(__dirname, "../../..");
let dir: string;
let emulator: RunningEmulator;
let server: Child;
let url: string;

beforeAll(async () => {
  const standalone = path.join(root, ".next/standalone");
  if (!existsSync(path.join(standalone, "portico-server.mjs")))
    throw new Error("no standalone build: run npm run build");
  dir = mkdtempSync(path.join(tmpdir(), "portico-standalone-"));
  const app = path.join(dir, "app");
  // Turbopack links its hashed externals (.next/node_modules/pg-<hash>) relatively: keep the links as they are.
  cpSync(standalone, app, { recursive: true, verbatimSymlinks: true });
  const port = await freePort();
  url = `http://localhost:${port}`;
  emulator = await startEmulator({ port: 0, quiet: true, appOrigins: [url] });
  server = startChild(process.execPath, ["portico-server.mjs"], {
    cwd: app,
    logFile: path.join(dir, "app.log"),
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      APP_URL: url,
      DATABASE_URL: `file:${path.join(dir, "data/portico.db")}`,
      PORTICO_DATA_DIR: path.join(dir, "data"),
      EMULATOR_URL: emulator.url,
      SMTP_URL: emulator.smtpUrl ?? "",
      NEXT_TELEMETRY_DISABLED: "1",
      STRIPE_SECRET_KEY: "",
      STRIPE_PUBLISHABLE_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      REDIS_URL: "",
      // Nothing from the repository may be reachable: no NODE_PATH into its node_modules.
      NODE_PATH: "",
    },
  });
  await waitForHttp(`${url}/api/health`, 60_000, server);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await emulator?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the standalone server (the container's runtime)", () => {
  it("serves the sign-in page and its static assets", async () => {
    const page = await fetch(`${url}/login`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts.slice(0, 3)) expect((await fetch(new URL(src, url))).status).toBe(200);
    expect((await fetch(`${url}/logo.svg`)).status).toBe(200);
  });

  it("migrates a fresh database at start-up, signs a business up, and signs it in again", async () => {
    const email = uniqueEmail("standalone");
    const password = "standalone-password-1";
    const client = new AppClient(url);
    client.mailbox = emulator?.url;
    const signUp = await client.signUp({
      name: "Stan Alone",
      email,
      password,
      businessName: "Standalone Co",
    });
    expect(signUp.status).toBe(201);
    expect((await client.signOut()).status).toBe(200);

    const again = new AppClient(url);
    expect((await again.signIn(email, password)).status).toBe(200);
    const me = await again.request("/api/me");
    expect(me.status).toBe(200);
    expect((await me.json()).user.email).toBe(email);
  });
});
