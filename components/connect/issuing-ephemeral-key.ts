import type { FetchEphemeralKeyFunction } from "@stripe/connect-js/pure";
import { parseApiError } from "@/lib/http/api-error";

function isKeyAnswer(value: unknown): value is Awaited<ReturnType<FetchEphemeralKeyFunction>> {
  return (
    typeof value === "object" &&
    value !== null &&
    "issuingCard" in value &&
    typeof value.issuingCard === "string" &&
    "nonce" in value &&
    typeof value.nonce === "string" &&
    "ephemeralKeySecret" in value &&
    typeof value.ephemeralKeySecret === "string"
  );
}

/**
 * The issuing components' `fetchEphemeralKey`: asks Portico for a key to show one card's number. The server decides
 * the account from the signed-in session; only the card and Stripe.js's nonce are sent.
 */
export const fetchIssuingEphemeralKey: FetchEphemeralKeyFunction = async ({ issuingCard, nonce }) => {
  const response = await fetch("/api/issuing/ephemeral-key", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ issuingCard, nonce }),
    cache: "no-store",
  });
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok || !isKeyAnswer(data)) {
    throw new Error(parseApiError(data)?.code ?? `http_${response.status}`);
  }
  return data;
};
