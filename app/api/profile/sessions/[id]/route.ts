import { z } from "zod";
import { actorOf } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { json, userRoute } from "@/lib/http/route";
import { revokeSession } from "@/lib/profile/sessions";

const sessionId = z.string().min(1).max(128);

/** Signs one of the person's other devices out (and ends any "view as" open in it). */
export const DELETE = userRoute(
  { permission: "profile.credentials" },
  async ({ access, params, meta, log }) => {
    const id = sessionId.safeParse(params.id);
    if (!id.success)
      throw new AppError("not_found", "This device is already signed out.", { reason: "no_session" });
    const { viewsEnded } = await revokeSession(
      { userId: access.user.id, currentSessionId: access.session.sessionId, sessionId: id.data },
      meta,
      actorOf(access),
    );
    log.info({ event: "auth.session_revoked", viewsEnded }, "session signed out");
    return json({ ok: true, viewsEnded });
  },
);
