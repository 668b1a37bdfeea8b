"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { passkeyAnswer, usePasskeysSupported, postJson } from "./passkey-client";
import { parseApiError } from "@/lib/http/api-error";

/**
 * "Use a passkey" on the second step of signing in, for someone who has one and a browser that can; then on to
 * `next` (a page the person was opening) or the route's home.
 */
export function PasskeySignIn({ next = null }: { next?: string | null }) {
  const t = useTranslations("passkeys");
  const supported = usePasskeysSupported();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!supported) return null;

  async function use() {
    setPending(true);
    setError(null);
    const answer = await passkeyAnswer("sign_in");
    if (!answer.ok) {
      setError(answer.cancelled ? t("cancelled") : (answer.error?.message ?? t("failed")));
      setPending(false);
      return;
    }
    const verified = await postJson("/api/second-factor/passkey", { response: answer.value });
    const data = verified.data;
    if (verified.ok && typeof data === "object" && data !== null && "redirectTo" in data) {
      window.location.assign(next ?? String(data.redirectTo));
      return;
    }
    setError(parseApiError(data)?.message ?? t("failed"));
    setPending(false);
  }

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button className="w-full" variant="secondary" onClick={use} disabled={pending}>
        {pending ? t("waiting") : t("useForSignIn")}
      </Button>
      <p className="text-center text-xs text-slate-500 dark:text-slate-400">{t("orCode")}</p>
    </div>
  );
}
