"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiForm } from "@/components/auth/api-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";

/** A new password, given the current one; every other device is signed out once it is saved. */
export function PasswordCard() {
  const t = useTranslations("profile");
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Card title={t("passwordTitle")} description={t("passwordDescription")}>
      <div className="max-w-sm space-y-4">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        <ApiForm
          endpoint="/api/profile/password"
          submitLabel={t("changePassword")}
          fields={[
            {
              name: "currentPassword",
              id: "password-current",
              label: t("currentPassword"),
              type: "password",
              autoComplete: "current-password",
            },
            {
              name: "newPassword",
              id: "password-new",
              label: t("newPassword"),
              type: "password",
              autoComplete: "new-password",
              hint: t("passwordHint"),
            },
          ]}
          onSuccess={(data) => {
            const count =
              typeof data === "object" && data !== null && "signedOut" in data ? Number(data.signedOut) : 0;
            setNotice(t("passwordChanged", { count: Number.isFinite(count) ? count : 0 }));
            router.refresh();
          }}
        />
      </div>
    </Card>
  );
}
