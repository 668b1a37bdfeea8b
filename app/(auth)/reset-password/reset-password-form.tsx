"use client";

import { useTranslations } from "next-intl";
import { ApiForm } from "@/components/auth/api-form";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  return (
    <ApiForm
      endpoint="/api/password/reset"
      hidden={{ token }}
      submitLabel={t("resetAction")}
      fields={[
        {
          name: "password",
          label: t("newPassword"),
          type: "password",
          autoComplete: "new-password",
          hint: t("passwordHint"),
        },
      ]}
    />
  );
}
