import { auditActions } from ".";

/** A known action's label (messages admin.audit.actions), or the raw action name for one added later. */
export function actionLabel(action: string, t: (key: string) => string): string {
  return (auditActions as readonly string[]).includes(action)
    ? t(`audit.actions.${action.replace(/\./g, "_")}`)
    : action;
}

/** Who acted, as the console shows it: their address, or a deleted user (with the id kept for the record). */
export function actorLabel(
  entry: { actorEmail: string | null; actorUserId: string | null; actorDeleted: boolean },
  t: (key: string, values?: Record<string, string>) => string,
): string {
  if (entry.actorDeleted) return t("audit.deletedUser", { id: entry.actorUserId ?? "" });
  return entry.actorEmail ?? "—";
}
