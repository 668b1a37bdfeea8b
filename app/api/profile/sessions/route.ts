import { actorOf } from "@/lib/audit/actor";
import { json, userRoute } from "@/lib/http/route";
import { listSessions, revokeOtherSessions } from "@/lib/profile/sessions";

/** The person's signed-in devices (browser, system, address, when; never a token). */
export const GET = userRoute({ permission: "profile.credentials" }, async ({ access }) =>
  json({ sessions: await listSessions(access.user.id, access.session.sessionId) }),
);

/** "Sign out everywhere else": every session but this one ends, and any "view as" open in them. */
export const DELETE = userRoute({ permission: "profile.credentials" }, async ({ access, meta, log }) => {
  const result = await revokeOtherSessions(
    { userId: access.user.id, currentSessionId: access.session.sessionId },
    meta,
    actorOf(access),
  );
  log.info({ event: "auth.sessions_revoked", ...result }, "other sessions signed out");
  return json(result);
});
