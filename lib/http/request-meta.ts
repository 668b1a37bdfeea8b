import type { RequestMeta } from "../impersonation";

/** Who is asking, for the audit log: the first X-Forwarded-For address (set by the reverse proxy) and user agent. */
export function requestMeta(headers: Headers): RequestMeta {
  const ip = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || null;
  return { ip, userAgent: headers.get("user-agent") };
}
