"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function DismissNoticeButton({ noticeId }: { noticeId: string }) {
  const t = useTranslations("notices");
  const router = useRouter();
  const [state, setState] = useState<"idle" | "pending" | "failed">("idle");

  async function dismiss() {
    setState("pending");
    const response = await fetch(`/api/notices/${encodeURIComponent(noticeId)}/dismiss`, {
      method: "POST",
    }).catch(() => null);
    if (response?.ok) {
      router.refresh();
    } else {
      setState("failed");
    }
  }

  return (
    <div className="flex shrink-0 flex-col items-end gap-1">
      <Button
        variant="ghost"
        className="px-2 py-1 text-xs"
        disabled={state === "pending"}
        aria-label={t("dismissLabel")}
        onClick={dismiss}
        data-testid="dismiss-notice"
      >
        {t("dismiss")}
      </Button>
      {state === "failed" ? (
        <span role="alert" className="text-xs text-red-700 dark:text-red-300">
          {t("dismissFailed")}
        </span>
      ) : null}
    </div>
  );
}
