"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { useSend } from "./use-send";

/** Owners choose whether a new dispute or a failed payout is mailed to them (the dashboard's notice stays). */
export function PaymentMailsCard({ enabled, businesses }: { enabled: boolean; businesses: string[] }) {
  const t = useTranslations("profile");
  const { send, pending, error } = useSend();
  const [on, setOn] = useState(enabled);
  const [saved, setSaved] = useState(false);

  async function toggle(next: boolean) {
    setSaved(false);
    setOn(next);
    if (await send("/api/settings/notifications", "PUT", { paymentMails: next })) setSaved(true);
    else setOn(!next);
  }

  return (
    <Card
      title={t("notificationsTitle")}
      description={t("notificationsDescription", { businesses: businesses.join(", ") })}
    >
      <div className="space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <label className="flex items-start gap-3 text-sm">
          <input
            type="checkbox"
            className="mt-0.5 h-4 w-4 accent-[var(--brand)]"
            checked={on}
            disabled={pending}
            onChange={(event) => toggle(event.target.checked)}
            data-testid="payment-mails"
          />
          <span>
            {t("paymentMails")}
            <span className="block text-xs text-slate-500 dark:text-slate-400">{t("paymentMailsHint")}</span>
          </span>
        </label>
        {saved ? (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
            {on ? t("paymentMailsOn") : t("paymentMailsOff")}
          </p>
        ) : null}
      </div>
    </Card>
  );
}
