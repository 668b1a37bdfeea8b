import "server-only";
import type { Logger } from "pino";
import { recordAudit } from "../audit";
import { reservePasswordAttempt } from "../auth/lockout";
import { verifyPassword } from "../auth/password";
import { getDb } from "../db";
import { AppError } from "../errors";
import type { RequestMeta } from "../impersonation";
import { actorOf } from "../audit/actor";
import type { AccessContext } from "./context";

/** What a person offers to prove it is still them. The identity layer adds a second factor here. */
export interface FreshAuthProof {
  password: string;
}

/**
 * Step-up: the signed-in person proves again who they are before a sensitive act (opening a view of an account,
 * escalating it), so a stolen session cookie alone is not enough. Each act needs its own proof. Attempts count
 * against the same per-account lockout as sign-in (reserved before the check), and a failed one is audited.
 */
export async function requireFreshAuth(
  access: AccessContext,
  proof: FreshAuthProof,
  context: { log: Logger; meta: RequestMeta; purpose: string },
): Promise<void> {
  const attempt = await reservePasswordAttempt(access.user.email);
  const credential = await getDb()
    .selectFrom("account")
    .select("password")
    .where("userId", "=", access.user.id)
    .where("providerId", "=", "credential")
    .executeTakeFirst();
  const ok = credential?.password
    ? await verifyPassword({ hash: credential.password, password: proof.password })
    : false;
  if (!ok) {
    context.log.warn({ event: "auth.step_up.failed", purpose: context.purpose }, "step-up failed");
    await recordAudit({
      action: "auth.step_up_failed",
      actor: actorOf(access),
      accountId: access.impersonation?.accountId ?? null,
      tenantId: access.tenant?.id ?? null,
      impersonationId: access.impersonation?.id ?? null,
      ip: context.meta.ip,
      userAgent: context.meta.userAgent,
      details: { purpose: context.purpose },
    });
    throw new AppError("reauthentication_failed", "That password is not right.", {
      fields: { password: "That password is not right." },
    });
  }
  await attempt.succeeded();
}
