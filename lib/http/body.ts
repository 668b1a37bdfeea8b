import { HttpError } from "./errors";

/** JSON bodies Portico reads are small forms; a route that needs more declares its own limit. */
export const JSON_BODY_LIMIT = 64 * 1024;
/** Stripe's events are far smaller; anything bigger is not one of them. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

function tooLarge(limit: number): HttpError {
  const size = limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${Math.round(limit / 1024)} KB`;
  return new HttpError(413, "payload_too_large", `The request body is larger than the ${size} allowed here.`);
}

/**
 * The request body, read at most `limit` bytes far: a declared Content-Length over the limit is refused before
 * anything is read, and a chunked body is cancelled as soon as it passes the limit — nothing larger is ever held in
 * memory or parsed.
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

export async function readBodyText(req: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBody(req, limit));
}
