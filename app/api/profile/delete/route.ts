import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { actorOf } from "@/lib/audit/actor";
import { getAuth } from "@/lib/auth";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { json, readJson, userRoute } from "@/lib/http/route";
import { deleteAccount } from "@/lib/profile/delete-account";
import { stepUpFields } from "@/lib/profile/step-up";

const body = z.strictObject({
  ...stepUpFields,
  /** The person types their own email address: a deletion never happens by a stray click. */
  confirm: z.string({ error: "Type your email address to confirm." }).trim().max(254),
});

/**
 * Deletes the signed-in person's account, after a step-up and the typed confirmation. An only owner hands the
 * business over first. The session ends with it, and its cookies are cleared.
 */
export const POST = userRoute({ permission: "profile.delete" }, async ({ req, access, meta, log }) => {
  const { password, code, confirm } = await readJson(req, body);
  if (confirm.toLowerCase() !== access.user.email.toLowerCase()) {
    throw new AppError("invalid_request", "Type your email address exactly to confirm.", {
      reason: "confirmation_mismatch",
      fields: { confirm: "Type your email address exactly to confirm." },
    });
  }
  await requireFreshAuth(access, { password, code }, { log, meta, purpose: "delete_account" });
  await deleteAccount(
    { userId: access.user.id, email: access.user.email, isStaff: access.platformRole !== null },
    meta,
    actorOf(access),
  );
  log.info({ event: "profile.deleted" }, "account deleted");
  const response = json({ ok: true, redirectTo: "/login?deleted=1" });
  const { authCookies } = await getAuth().$context;
  const secure = getEnv().appUrl.protocol === "https:" ? "; Secure" : "";
  for (const cookie of [authCookies.sessionToken, authCookies.sessionData, authCookies.dontRememberToken]) {
    response.headers.append(
      "set-cookie",
      `${cookie.name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`,
    );
  }
  return response;
});
