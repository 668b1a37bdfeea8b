import { json, platformRoute } from "@/lib/http/route";
import { stopImpersonation } from "@/lib/impersonation";

/** Stops viewing the account; the browser then logs its Connect instance out and returns to the console. */
export const POST = platformRoute({ permission: "view_as.stop" }, async ({ session, log, meta }) => {
  const ended = await stopImpersonation(session, meta);
  if (ended) log.info({ event: "impersonation.stopped", impersonationId: ended.id }, "impersonation stopped");
  return json({
    stopped: ended !== null,
    redirectTo: ended ? `/admin/accounts/${ended.accountId}` : "/admin",
  });
});
