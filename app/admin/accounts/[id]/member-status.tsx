"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/admin/action-form";

/**
 * An admin disables a member (signed out everywhere at once) or re-enables one: reason, confirmation and a fresh
 * step-up, audited.
 */
export function MemberStatus({
  userId,
  email,
  disabled,
}: {
  userId: string;
  email: string;
  disabled: boolean;
}) {
  const t = useTranslations("admin.members");
  return (
    <ActionForm
      label={disabled ? t("enable") : t("disable")}
      title={disabled ? t("enableTitle", { email }) : t("disableTitle", { email })}
      hint={disabled ? t("enableHint") : t("disableHint")}
      submitLabel={disabled ? t("submitEnable") : t("submitDisable")}
      url={`/api/admin/users/${encodeURIComponent(userId)}/status`}
      body={{ disabled: !disabled }}
      confirm
      danger={!disabled}
      doneMessage=""
      testId="member-status-toggle"
    />
  );
}
