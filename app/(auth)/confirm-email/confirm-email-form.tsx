"use client";

import { useTranslations } from "next-intl";
import { ApiForm } from "@/components/auth/api-form";

export function ConfirmEmailForm({ token }: { token: string }) {
  const t = useTranslations("profile");
  return (
    <ApiForm
      endpoint="/api/profile/email/confirm"
      hidden={{ token }}
      fields={[]}
      submitLabel={t("confirmAction")}
    />
  );
}
