import { z } from "zod";
import { authenticationResponseSchema } from "../auth/passkeys";

const CODE_REQUIRED = "Enter the current code from your authenticator app.";

/**
 * The step-up fields a sensitive request carries (read by `requireFreshAuth`): a current code from the authenticator
 * app, a passkey's answer to this session's step-up challenge, or — for staff linked to the identity provider — the
 * grant a fresh re-authentication there earned for this act.
 */
export const stepUpProofShape = {
  code: z.string({ error: CODE_REQUIRED }).trim().min(1, CODE_REQUIRED).max(20).optional(),
  passkey: authenticationResponseSchema.optional(),
  grant: z.string().min(1).max(100).optional(),
};

/** For `.superRefine`: one of the proofs must be there. */
export function requireStepUpProof(
  value: { code?: string | undefined; passkey?: unknown; grant?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.code === undefined && value.passkey === undefined && value.grant === undefined) {
    ctx.addIssue({ code: "custom", path: ["code"], message: CODE_REQUIRED });
  }
}
