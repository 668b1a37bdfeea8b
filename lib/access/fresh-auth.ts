import "server-only";
import type { Logger } from "pino";
import { recordAudit } from "../audit";
import { reservePasswordAttempt } from "../auth/lockout";
import { verifyPassword } from "../auth/password";
import { verifyPasskey, type AuthenticationResponseJSON } from "../auth/passkeys";
import { checkSecondFactor } from "../auth/second-factor";
import { getDb } from "../db";
import { consumeStepUpGrant } from "../sso/step-up";
import { AppError } from "../errors";
import type { RequestMeta } from "../impersonation";
import { actorOf } from "../audit/actor";
import type { AccessContext } from "./context";

/**
 * What a person offers to prove it is still them: a current second-factor code, a passkey's answer to this
 * session's step-up challenge, the grant an IdP re-authentication earned for this very act (lib/sso/step-up.ts),
 * or (tenants without a second factor only) the password.
 */
export interface FreshAuthProof {
  code?: string | undefined;
  passkey?: AuthenticationResponseJSON | undefined;
  password?: string | undefined;
  grant?: string | undefined;
}

/**
 * Step-up: the signed-in person proves again who they are before a sensitive act (opening a view of an account,
 * escalating it, changing their email), so a stolen session cookie alone is not enough. Each act needs its own
 * proof. Platform staff prove it with their second factor — never a password alone; others with their second
 * factor when they have one, else their password. Staff linked to the IdP may instead re-authenticate there (a
 * fresh login with a second factor): the grant it earned is bound to this session and this purpose, used once.
 * Attempts count against the lockouts sign-in uses, and a failed one is audited.
 */
export async function requireFreshAuth(
  access: AccessContext,
  proof: FreshAuthProof,
  context: { log: Logger; meta: RequestMeta; purpose: string },
): Promise<void> {
  const byFactor = access.platformRole !== null || access.session.assurance.enrolled;
  const method = proof.grant ? "idp" : !byFactor ? "password" : proof.passkey ? "passkey" : "second_factor";
  try {
    if (proof.grant) {
      await consumeStepUpGrant({
        token: proof.grant,
        sessionId: access.session.sessionId,
        userId: access.user.id,
        purpose: context.purpose,
      });
    } else if (byFactor && proof.passkey) {
      await verifyPasskey(access.user.id, access.session.sessionId, "step_up", proof.passkey);
    } else if (byFactor) await proveByCode(access, proof);
    else await proveByPassword(access, proof);
  } catch (error) {
    if (error instanceof AppError && error.code === "reauthentication_failed") {
      context.log.warn({ event: "auth.step_up.failed", purpose: context.purpose }, "step-up failed");
      await recordAudit({
        action: "auth.step_up_failed",
        actor: actorOf(access),
        accountId: access.impersonation?.accountId ?? null,
        tenantId: access.tenant?.id ?? null,
        impersonationId: access.impersonation?.id ?? null,
        ip: context.meta.ip,
        userAgent: context.meta.userAgent,
        details: { purpose: context.purpose, method },
      });
    }
    throw error;
  }
}

async function proveByCode(access: AccessContext, proof: FreshAuthProof): Promise<void> {
  if (!proof.code) {
    throw new AppError("reauthentication_failed", "Enter the current code from your authenticator app.", {
      reason: "code_required",
      fields: { code: "Enter the current code from your authenticator app." },
    });
  }
  await checkSecondFactor(access.user.id, proof.code, { allowRecovery: false });
}

async function proveByPassword(access: AccessContext, proof: FreshAuthProof): Promise<void> {
  const attempt = await reservePasswordAttempt(access.user.email);
  const credential = await getDb()
    .selectFrom("account")
    .select("password")
    .where("userId", "=", access.user.id)
    .where("providerId", "=", "credential")
    .executeTakeFirst();
  const ok =
    credential?.password && proof.password
      ? await verifyPassword({ hash: credential.password, password: proof.password })
      : false;
  if (!ok) {
    throw new AppError("reauthentication_failed", "That password is not right.", {
      fields: { password: "That password is not right." },
    });
  }
  await attempt.succeeded();
}
