"use client";

import { useTranslations } from "next-intl";
import { ApiForm } from "@/components/auth/api-form";
import { Alert } from "@/components/ui/alert";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  return (
    <ApiForm
      endpoint="/api/password/forgot"
      submitLabel={t("forgotAction")}
      fields={[{ name: "email", label: t("email"), type: "email", autoComplete: "email" }]}
      success={
        <Alert tone="success">
          <strong className="block">{t("checkInboxTitle")}</strong>
          {t("checkInboxReset")}
        </Alert>
      }
    />
  );
}
