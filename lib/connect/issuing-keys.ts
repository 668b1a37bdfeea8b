import "server-only";
import Stripe from "stripe";
import { z } from "zod";
import { callStripe } from "../stripe/call";
import { getStripe } from "../stripe/client";
import { actingFor } from "./accounts-api";

/** What the issuing components' `fetchEphemeralKey` sends: the card, and the nonce Stripe.js made for it. */
export const ephemeralKeyRequestSchema = z
  .object({
    issuingCard: z.string().regex(/^ic_[A-Za-z0-9]{1,64}$/, "must be an Issuing card id"),
    nonce: z.string().min(1).max(512),
  })
  .strict();

export type EphemeralKeyRequest = z.infer<typeof ephemeralKeyRequestSchema>;

/**
 * An ephemeral key for one Issuing card of the connected account, as the issuing components need to show its number.
 * Made acting for the account the server resolved, so Stripe refuses a card of any other account.
 */
export async function createIssuingCardKey(
  accountId: string,
  request: EphemeralKeyRequest,
): Promise<{ secret: string }> {
  const key = await callStripe(
    (options) =>
      getStripe().ephemeralKeys.create(
        { issuing_card: request.issuingCard, nonce: request.nonce },
        // Stripe requires the API version to be named for ephemeral keys.
        { ...options, apiVersion: Stripe.API_VERSION },
      ),
    { ...actingFor(accountId) },
  );
  if (!key.secret) throw new Error("Stripe returned an ephemeral key without a secret");
  return { secret: key.secret };
}
