"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { parseApiError } from "@/lib/http/api-error";

/**
 * Leaving the business: a second click to confirm. The last owner is told to make someone else owner first (the
 * role list above does that; the server refuses either way).
 */
export function LeaveBusiness({ business, lastOwner }: { business: string; lastOwner: boolean }) {
  const t = useTranslations("profile");
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function leave() {
    setPending(true);
    setError(null);
    const response = await fetch("/api/team/leave", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ confirm: true }),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    if (response?.ok) {
      const target =
        typeof data === "object" &&
        data !== null &&
        "redirectTo" in data &&
        typeof data.redirectTo === "string"
          ? data.redirectTo
          : "/";
      // A full load: the dashboard starts again for whichever business (if any) is left.
      window.location.assign(target);
      return;
    }
    setError(parseApiError(data)?.message ?? t("failed"));
    setPending(false);
  }

  return (
    <Card title={t("leaveTitle", { business })} description={t("leaveDescription", { business })}>
      <div className="space-y-3" data-testid="leave-business">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {lastOwner ? (
          <p className="text-sm text-amber-800 dark:text-amber-300">{t("leaveOnlyOwner")}</p>
        ) : confirming ? (
          <div className="flex flex-wrap gap-2">
            <Button variant="danger" onClick={leave} disabled={pending}>
              {t("leaveConfirm", { business })}
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)} disabled={pending}>
              {t("cancel")}
            </Button>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming(true)}>
            {t("leaveStart", { business })}
          </Button>
        )}
      </div>
    </Card>
  );
}
