import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { json, readJson, userRoute } from "@/lib/http/route";
import { ensureUnlinkable, unlinkIdentity } from "@/lib/sso/service";

const body = z.strictObject({
  code: z.string().trim().min(1).max(20).optional(),
  password: z.string().min(1).max(128).optional(),
});

/** Unlinks the signed-in user's company account, after a fresh step-up; audited. */
export const POST = userRoute({ permission: "profile.credentials" }, async ({ req, access, log, meta }) => {
  const { code, password } = await readJson(req, body);
  await ensureUnlinkable(access.user);
  await requireFreshAuth(access, { code, password }, { log, meta, purpose: "sso.unlink" });
  await unlinkIdentity(access.user, meta);
  log.info({ event: "sso.identity_unlinked" }, "company account unlinked");
  return json({ unlinked: true });
});
