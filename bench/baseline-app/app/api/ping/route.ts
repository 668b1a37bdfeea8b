// Next's bare route handler: the framework's ceiling for a POST that answers JSON.
export const dynamic = "force-dynamic";

export async function POST(): Promise<Response> {
  return Response.json({ ok: true }, { headers: { "cache-control": "no-store" } });
}
