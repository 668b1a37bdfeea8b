/** The test stack's Stripe sandbox: its request log and fault injection (control API under /_emulator/). */

export interface LoggedRequest {
  request_id: string;
  time: number;
  method: string;
  path: string;
  stripe_account: string | null;
  params: Record<string, unknown>;
  status: number;
  idempotency_key: string | null;
}

export function emulatorUrl(): string {
  const url = process.env.PORTICO_TEST_EMULATOR_URL;
  if (!url)
    throw new Error("PORTICO_TEST_EMULATOR_URL is not set: run the integration tests through `npm test`.");
  return url;
}

async function control(path: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(new URL(`/_emulator/${path}`, emulatorUrl()), {
    ...init,
    headers: { "content-type": "application/json", ...init.headers },
  });
  if (!response.ok) throw new Error(`emulator ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

export async function loggedRequests(
  filter: { path?: string; method?: string } = {},
): Promise<LoggedRequest[]> {
  const query = new URLSearchParams();
  if (filter.path) query.set("path", filter.path);
  if (filter.method) query.set("method", filter.method);
  const body = (await control(`requests?${query}`)) as { data: LoggedRequest[] };
  return body.data;
}

/** Account Session creations since `sinceRequestIds` (ids already seen). */
export async function accountSessionRequests(): Promise<LoggedRequest[]> {
  return loggedRequests({ path: "/v1/account_sessions", method: "POST" });
}

export async function setFaults(rules: Record<string, unknown>[]): Promise<void> {
  await control("faults", { method: "POST", body: JSON.stringify({ rules }) });
}

export async function clearFaults(): Promise<void> {
  await control("faults", { method: "POST", body: JSON.stringify({ clear: true }) });
}

/** Form-decoded params arrive as strings ("true"); turn them back into booleans for comparison with the policy. */
export function normalizeParams(value: unknown): unknown {
  if (value === "true") return true;
  if (value === "false") return false;
  if (Array.isArray(value)) return value.map(normalizeParams);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalizeParams(v)]));
  }
  return value;
}
