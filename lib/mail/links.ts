import "server-only";
import { getEnv } from "../env";

/** An absolute link into the app for a mail (mails are read outside the app, so links carry APP_URL's origin). */
export function appLink(path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, getEnv().appUrl.origin);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}
