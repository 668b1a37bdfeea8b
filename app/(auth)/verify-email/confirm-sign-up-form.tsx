"use client";

import { useTranslations } from "next-intl";
import { ApiForm } from "@/components/auth/api-form";

export function ConfirmSignUpForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("auth");
  return (
    <ApiForm
      endpoint="/api/signup/verify"
      hidden={{ token }}
      submitLabel={t("verifyAction")}
      fields={[
        {
          name: "email",
          label: t("email"),
          type: "email",
          defaultValue: email,
          readOnly: true,
          autoComplete: "username",
        },
        { name: "password", label: t("password"), type: "password", autoComplete: "current-password" },
      ]}
    />
  );
}
