import { z } from "zod";
import { authenticationResponseSchema } from "../auth/passkeys";

const CODE_REQUIRED = "Enter the current code from your authenticator app.";

/**
 * The step-up fields a sensitive request carries (read by `requireFreshAuth`): a current code from the authenticator
 * app, or a passkey's answer to this session's step-up challenge.
 */
export const stepUpProofShape = {
  code: z.string({ error: CODE_REQUIRED }).trim().min(1, CODE_REQUIRED).max(20).optional(),
  passkey: authenticationResponseSchema.optional(),
};

/** For `.superRefine`: one proof or the other must be there. */
export function requireStepUpProof(
  value: { code?: string | undefined; passkey?: unknown },
  ctx: z.RefinementCtx,
) {
  if (value.code === undefined && value.passkey === undefined) {
    ctx.addIssue({ code: "custom", path: ["code"], message: CODE_REQUIRED });
  }
}
