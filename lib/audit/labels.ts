import { auditActions } from ".";

/** A known action's label (messages admin.audit.actions), or the raw action name for one added later. */
export function actionLabel(action: string, t: (key: string) => string): string {
  return (auditActions as readonly string[]).includes(action)
    ? t(`audit.actions.${action.replace(/\./g, "_")}`)
    : action;
}
