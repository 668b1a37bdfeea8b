import "server-only";
import {
  STREAMED_SESSION_EVENT,
  STREAMED_SESSION_GLOBAL,
  scriptSafeJson,
  type StreamedSession,
} from "./boot/protocol";

/**
 * Streams the page's first Account Session to the Connect boot script as soon as it is minted: rendered inside a
 * Suspense boundary, so the rest of the page never waits for Stripe, and run by the browser as it parses the chunk
 * (before React hydrates). The boot takes it off `window` at once.
 */
export async function StreamedSessionScript({
  session,
  nonce,
}: {
  session: Promise<StreamedSession>;
  nonce: string | undefined;
}) {
  const result = await session;
  const code = `self[${JSON.stringify(STREAMED_SESSION_GLOBAL)}]=${scriptSafeJson(result)};dispatchEvent(new Event(${JSON.stringify(STREAMED_SESSION_EVENT)}));`;
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: code }} />;
}
