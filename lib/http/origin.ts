/**
 * Cross-site request check for state-changing route handlers: the Origin must be the app's own.
 * A missing Origin is refused too (browsers always send it on POST/PUT/PATCH/DELETE), as is a
 * `Sec-Fetch-Site: cross-site` request.
 */
export function isSameOriginRequest(headers: Headers, allowedOrigins: readonly string[]): boolean {
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite === "cross-site") return false;
  const origin = headers.get("origin");
  if (!origin || origin === "null") return false;
  return allowedOrigins.includes(origin);
}

export function isMutatingMethod(method: string): boolean {
  return !["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase());
}
