/**
 * Emulator speed: simple requests per second (target ≥ 2,000 on 2 cores) and the time to seed 100,000 accounts
 * (target < 30 s). Run: `npx tsx bench/emulator-bench.ts`.
 */
import http from "node:http";
import { startEmulator } from "../emulator/index";
import { SANDBOX_SECRET_KEY } from "../emulator/sandbox-keys";

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function get(port: number, path: string, headers: Record<string, string>, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const method = body === undefined ? "GET" : "POST";
    const h =
      body === undefined ? headers : { ...headers, "content-type": "application/x-www-form-urlencoded" };
    const req = http.request({ host: "127.0.0.1", port, path, method, headers: h, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function throughput(
  port: number,
  path: string,
  headers: Record<string, string>,
  seconds: number,
  concurrency: number,
  body?: string,
) {
  const deadline = Date.now() + seconds * 1000;
  let ok = 0;
  let other = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const status = await get(port, path, headers, body);
      if (status === 200) ok++;
      else other++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (Date.now() - started) / 1000;
  return { rps: Math.round((ok + other) / elapsed), ok, other };
}

async function main(): Promise<void> {
  const emu = await startEmulator({ port: 0, quiet: true, rateLimitPerSecond: 0 });
  const auth = { authorization: `Bearer ${SANDBOX_SECRET_KEY}` };
  try {
    // Warm up.
    await throughput(emu.port, "/v1/balance", auth, 1, 16);
    const balance = await throughput(emu.port, "/v1/balance", auth, 5, 32);
    console.log(
      `GET /v1/balance:            ${balance.rps} req/s (${balance.ok} ok, ${balance.other} other)`,
    );

    const create = await throughput(
      emu.port,
      "/v1/customers",
      auth,
      3,
      32,
      "email=bench%40example.com&metadata[k]=v",
    );
    console.log(`POST /v1/customers:         ${create.rps} req/s (${create.ok} ok, ${create.other} other)`);

    const t0 = Date.now();
    const res = await fetch(`${emu.url}/_emulator/seed`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seed: 1, accounts: 100_000, months: 3 }),
    });
    const seeded = (await res.json()) as {
      accounts: number;
      objects: Record<string, number>;
      duration_ms: number;
    };
    const seedMs = Date.now() - t0;
    console.log(
      `Seed 100,000 accounts:      ${(seedMs / 1000).toFixed(2)} s (server ${seeded.duration_ms} ms), objects ${JSON.stringify(seeded.objects)}`,
    );
    console.log(`RSS after seed:             ${Math.round(process.memoryUsage().rss / 1e6)} MB`);

    const list = await throughput(emu.port, "/v1/accounts?limit=10", auth, 5, 32);
    console.log(`GET /v1/accounts?limit=10:  ${list.rps} req/s with 100,000 accounts`);
    const first = (await (await fetch(`${emu.url}/v1/accounts?limit=1`, { headers: auth })).json()) as {
      data: { id: string }[];
    };
    const id = first.data[0]?.id ?? "";
    const one = await throughput(emu.port, `/v1/accounts/${id}`, auth, 5, 32);
    console.log(`GET /v1/accounts/:id:       ${one.rps} req/s`);
  } finally {
    await emu.stop();
    agent.destroy();
  }
}

void main();
