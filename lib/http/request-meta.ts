import type { RequestMeta } from "../impersonation";
import { clientIp } from "./client-ip";

/** Who is asking, for the audit log: the stamped client address (never a client-chosen header) and user agent. */
export function requestMeta(headers: Headers): RequestMeta {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent") };
}
