"use client";

import { useTranslations } from "next-intl";
import { ApiForm } from "@/components/auth/api-form";

export function InvitationActions({
  mode,
  token,
  email,
}: {
  mode: "accept" | "register";
  token: string;
  email: string;
}) {
  const t = useTranslations("auth");
  if (mode === "accept") {
    return (
      <ApiForm
        endpoint="/api/invitations/accept"
        hidden={{ token }}
        fields={[]}
        submitLabel={t("inviteAccept")}
      />
    );
  }
  return (
    <ApiForm
      endpoint="/api/invitations/register"
      hidden={{ token }}
      submitLabel={t("inviteRegister")}
      fields={[
        {
          name: "email",
          label: t("email"),
          type: "email",
          defaultValue: email,
          readOnly: true,
          autoComplete: "username",
        },
        { name: "name", label: t("name"), autoComplete: "name" },
        {
          name: "password",
          label: t("password"),
          type: "password",
          autoComplete: "new-password",
          hint: t("passwordHint"),
        },
      ]}
    />
  );
}
