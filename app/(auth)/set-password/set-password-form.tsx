"use client";

import { useTranslations } from "next-intl";
import { ApiForm } from "@/components/auth/api-form";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations("auth");
  return (
    <ApiForm
      endpoint="/api/password/set"
      hidden={{ token }}
      submitLabel={t("setPasswordAction")}
      fields={[
        // Shown for password managers (and the person): the server takes the address from the link.
        {
          name: "email",
          label: t("email"),
          type: "email",
          defaultValue: email,
          readOnly: true,
          autoComplete: "username",
        },
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
