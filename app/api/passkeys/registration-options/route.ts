import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { AppError } from "@/lib/errors";
import { beginPasskeyRegistration } from "@/lib/auth/passkeys";
import { json, readJson, userRoute } from "@/lib/http/route";

// A fresh proof before a new factor is added: a stolen session alone must not plant its own passkey.
const body = z.strictObject(stepUpProofShape).superRefine(requireStepUpProof);

/** Starts adding a passkey (after a current code): the options for the browser's `navigator.credentials.create`. */
export const POST = userRoute({ permission: "profile.credentials" }, async ({ req, access, meta, log }) => {
  if (!access.session.assurance.enrolled) {
    throw new AppError("conflict", "Set up an authenticator app first: a passkey is added beside it.", {
      reason: "second_factor_enrolment_required",
    });
  }
  const proof = await readJson(req, body);
  await requireFreshAuth(access, proof, { log, meta, purpose: "passkey.add" });
  const options = await beginPasskeyRegistration(access.user, access.session.sessionId);
  return json({ options });
});
