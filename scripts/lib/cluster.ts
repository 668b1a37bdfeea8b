import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import type { EmulatorOptions, RunningEmulator } from "../../emulator/index";
import { startSandboxIdp, type SandboxIdp } from "./emulator";
import { bin, freePort, run, startApp, waitForHttp, type Child } from "./stack";

/**
 * A self-contained Portico deployment for the scale tests, the soak and the benchmarks: its own Stripe sandbox (in
 * this process), its own database (a fresh PostgreSQL database or a temp SQLite file), migrated and seeded once, and
 * N production servers (the standalone build) on 127.0.0.1 sharing one public origin, as behind a load balancer.
 */

export const POSTGRES_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface AppInstance {
  index: number;
  /** Where this instance listens (requests go here). */
  url: string;
  port: number;
  logFile: string;
  child: Child;
}

export interface Cluster {
  /** The public origin every instance is configured with (APP_URL): instance 0's address. */
  origin: string;
  emulator: RunningEmulator;
  /** The sandbox's OpenID provider every instance signs staff in through (OIDC_ISSUER). */
  idp: SandboxIdp;
  apps: AppInstance[];
  databaseUrl: string;
  dataDir: string;
  /** The environment the instances run with (for starting more, or a seed script). */
  env: Record<string, string>;
  /** Restarts a stopped (or killed) instance on its port. */
  restart(index: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  instances: number;
  database: "postgres" | "sqlite";
  /** Extra environment for every instance (e.g. ACCOUNT_SESSION_LIMIT_PER_MINUTE). */
  env?: Record<string, string>;
  emulator?: Omit<EmulatorOptions, "port" | "appOrigins">;
  /** Register the app's webhook endpoint with the sandbox (instance 0); off by default, tests deliver their own. */
  webhooks?: boolean;
  /** More origins the sandbox's browser endpoints must accept (e.g. a benchmark's baseline app). */
  extraOrigins?: string[];
  /** Keep the data directory (logs) after stop(). */
  keepData?: boolean;
  seed?: boolean;
}

async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `portico_scale_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        // FORCE: a killed instance may leave connections behind until PostgreSQL notices.
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "portico-cluster-"));
  const ports: number[] = [];
  for (let i = 0; i < options.instances; i++) ports.push(await freePort());
  const urls = ports.map((port) => `http://localhost:${port}`);
  const origin = urls[0] ?? "http://localhost:3000";
  const cleanups: (() => Promise<void>)[] = [];
  const apps: AppInstance[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    if (!options.keepData) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const { startEmulator, SANDBOX_WEBHOOK_SECRET } = await import("../../emulator/index");
    const emulator = await startEmulator({
      quiet: true,
      ...options.emulator,
      port: 0,
      // The browser reaches the sandbox from whichever instance served the page.
      appOrigins: [...urls, ...(options.extraOrigins ?? [])],
      ...(options.webhooks
        ? {
            webhookEndpoints: [
              { url: `${origin}/api/webhooks/stripe`, secret: SANDBOX_WEBHOOK_SECRET, connect: true },
            ],
          }
        : {}),
    });
    cleanups.push(() => emulator.stop());
    // Every instance's origin is a registered redirect URI: a callback may come back to any of them.
    const idp = await startSandboxIdp({ appOrigins: [...new Set([origin, ...urls])] });
    cleanups.push(() => idp.stop());

    let databaseUrl = `file:${path.join(dataDir, "portico.db")}`;
    if (options.database === "postgres") {
      const database = await createDatabase();
      databaseUrl = database.url;
      cleanups.unshift(() => database.drop());
    }

    const env: Record<string, string> = {
      NODE_ENV: "production",
      APP_URL: origin,
      DATABASE_URL: databaseUrl,
      PORTICO_DATA_DIR: dataDir,
      EMULATOR_URL: emulator.url,
      // The emulator's mail catcher: every instance's outbox delivers there.
      SMTP_URL: emulator.smtpUrl ?? "",
      MAIL_FROM: "Portico <no-reply@portico.test>",
      // Every instance must sign and verify the same cookies.
      BETTER_AUTH_SECRET: `portico-sandbox-${randomBytes(24).toString("base64url")}`,
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "info",
      // The load balancer in front: clients' addresses come in X-Forwarded-For, one hop away.
      TRUSTED_PROXY_HOPS: "1",
      STRIPE_SECRET_KEY: "",
      STRIPE_PUBLISHABLE_KEY: "",
      STRIPE_WEBHOOK_SECRET: "",
      REDIS_URL: "",
      ...idp.env,
      ...options.env,
    };

    if (options.seed !== false) {
      const code = await run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts"], {
        ...env,
        NODE_ENV: "development",
      });
      if (code !== 0) throw new Error("seeding the cluster's database failed");
    }

    const launch = async (index: number): Promise<AppInstance> => {
      const port = ports[index] ?? 0;
      const logFile = path.join(dataDir, `app-${index}.log`);
      const child = startApp({ port, env, logFile });
      const instance = { index, url: `http://localhost:${port}`, port, logFile, child };
      await waitForHttp(`${instance.url}/api/health`, 60_000, child);
      return instance;
    };
    // Migrations already ran (seed); start the instances together, as a rolling deploy would.
    apps.push(...(await Promise.all(ports.map((_, index) => launch(index)))));
    cleanups.push(async () => {
      await Promise.all(apps.map((app) => app.child.stop()));
    });

    return {
      origin,
      emulator,
      idp,
      apps,
      databaseUrl,
      dataDir,
      env,
      restart: async (index) => {
        const current = apps[index];
        if (!current) throw new Error(`no instance ${index}`);
        await current.child.stop();
        apps[index] = await launch(index);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
