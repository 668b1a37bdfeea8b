"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiForm } from "@/components/auth/api-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "./local-time";
import { stepUpField } from "./step-up";
import { useSend } from "./use-send";

/** Name and email: the email changes only once a link mailed to the new address is used. */
export function AccountCard({
  name,
  email,
  pending,
  stepUp,
}: {
  name: string;
  email: string;
  pending: { email: string; expiresAt: number } | null;
  stepUp: "code" | "password";
}) {
  const t = useTranslations("profile");
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const cancel = useSend();

  async function cancelChange() {
    setNotice(null);
    if (await cancel.send("/api/profile/email", "DELETE")) {
      setNotice(t("emailChangeCancelled"));
      router.refresh();
    }
  }

  return (
    <Card title={t("accountTitle")} description={t("accountDescription")}>
      <div className="space-y-4">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {cancel.error ? <Alert tone="error">{cancel.error}</Alert> : null}
        <div className="grid gap-8 md:grid-cols-2">
          <div className="max-w-sm">
            <ApiForm
              key={name}
              endpoint="/api/profile"
              method="PATCH"
              submitLabel={t("saveName")}
              fields={[
                {
                  name: "name",
                  id: "profile-name",
                  label: t("name"),
                  autoComplete: "name",
                  defaultValue: name,
                },
              ]}
              onSuccess={() => {
                setNotice(t("nameSaved"));
                router.refresh();
              }}
            />
          </div>
          <div className="max-w-sm space-y-3">
            <div>
              <p className="text-sm font-medium text-slate-700 dark:text-slate-200">{t("email")}</p>
              <p className="mt-1 break-all text-sm" data-testid="current-email">
                {email}
              </p>
            </div>
            {pending ? (
              <div className="space-y-2" data-testid="pending-email">
                <Alert tone="info">
                  {t.rich("emailPending", {
                    email: pending.email,
                    strong: (chunks) => <strong className="break-all">{chunks}</strong>,
                    time: () => <LocalTime ms={pending.expiresAt} />,
                  })}
                </Alert>
                <p className="text-xs text-slate-500 dark:text-slate-400">{t("emailPendingHint")}</p>
                <Button variant="secondary" onClick={cancelChange} disabled={cancel.pending}>
                  {t("cancelChange")}
                </Button>
              </div>
            ) : null}
            {changing ? (
              <div className="rounded-lg border border-slate-200 p-4 dark:border-slate-800">
                <ApiForm
                  endpoint="/api/profile/email"
                  submitLabel={t("sendLink")}
                  fields={[
                    {
                      name: "newEmail",
                      id: "new-email",
                      label: t("newEmail"),
                      type: "email",
                      autoComplete: "email",
                    },
                    stepUpField(stepUp, t, "email-step-up"),
                  ]}
                  onSuccess={(data) => {
                    const sentTo =
                      typeof data === "object" && data !== null && "pending" in data
                        ? (data.pending as { email?: unknown }).email
                        : null;
                    setChanging(false);
                    setNotice(t("emailLinkSent", { email: typeof sentTo === "string" ? sentTo : "" }));
                    router.refresh();
                  }}
                />
                <Button variant="ghost" className="mt-2 w-full" onClick={() => setChanging(false)}>
                  {t("cancel")}
                </Button>
              </div>
            ) : (
              <Button
                variant="secondary"
                onClick={() => {
                  setNotice(null);
                  setChanging(true);
                }}
              >
                {pending ? t("changeEmailAgain") : t("changeEmail")}
              </Button>
            )}
          </div>
        </div>
      </div>
    </Card>
  );
}
