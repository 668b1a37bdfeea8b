"use client";

import { useTranslations } from "next-intl";
import { MAIN_ID } from "@/components/shell/main-id";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return (
    <main id={MAIN_ID} className="flex flex-1 flex-col items-center justify-center px-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-ink">500</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t("errors.errorTitle")}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500 dark:text-slate-400">{t("errors.errorBody")}</p>
      <Button variant="secondary" className="mt-6" onClick={reset}>
        {t("common.tryAgain")}
      </Button>
    </main>
  );
}
