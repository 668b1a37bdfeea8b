"use client";

import { useTranslations } from "next-intl";
import { ApiForm } from "@/components/auth/api-form";
import { Alert } from "@/components/ui/alert";

/** Sign-up mails a confirmation link; nothing exists until it is used. */
export function SignupForm() {
  const t = useTranslations("auth");
  return (
    <ApiForm
      endpoint="/api/signup"
      submitLabel={t("createAccount")}
      fields={[
        { name: "name", label: t("name"), autoComplete: "name" },
        { name: "email", label: t("email"), type: "email", autoComplete: "email" },
        {
          name: "password",
          label: t("password"),
          type: "password",
          autoComplete: "new-password",
          hint: t("passwordHint"),
        },
        { name: "businessName", label: t("businessName"), autoComplete: "organization" },
      ]}
      success={
        <Alert tone="success">
          <strong className="block">{t("checkInboxTitle")}</strong>
          {t("checkInboxSignup")}
        </Alert>
      }
    />
  );
}
