"use client";

import type { LoadError, LoaderStart } from "@stripe/connect-js/pure";
import { ConnectComponentsProvider } from "@stripe/react-connect-js";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useConnect } from "./connect-provider";

export interface LoadHandlers {
  onLoaderStart: (event: LoaderStart) => void;
  onLoadError: (event: LoadError) => void;
}

function Skeleton({ label }: { label: string }) {
  return (
    <div
      role="status"
      aria-label={label}
      className="animate-pulse space-y-3 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="h-4 w-1/3 rounded bg-slate-200 dark:bg-slate-700" />
      <div className="h-3 w-full rounded bg-slate-100 dark:bg-slate-800" />
      <div className="h-3 w-5/6 rounded bg-slate-100 dark:bg-slate-800" />
      <div className="h-3 w-2/3 rounded bg-slate-100 dark:bg-slate-800" />
    </div>
  );
}

/**
 * Frames one embedded component: a skeleton until it starts loading, an error panel with retry when it (or the
 * Connect script, or the Account Session) fails, and an optional fallback (e.g. Stripe-hosted onboarding in live mode).
 */
export function EmbeddedFrame({
  title,
  fallback,
  children,
}: {
  title: string;
  fallback?: ReactNode;
  children: (handlers: LoadHandlers) => ReactNode;
}) {
  const t = useTranslations("connect");
  const { instance, status, retry } = useConnect();
  const [started, setStarted] = useState(false);
  const [error, setError] = useState<LoadError["error"] | null>(null);

  if (status === "error" || error) {
    return (
      <div
        role="alert"
        data-testid="connect-error"
        className="rounded-xl border border-red-200 bg-red-50 p-5 text-sm text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100"
      >
        <p className="font-medium">{t("errorTitle", { component: title })}</p>
        <p className="mt-1 text-red-800/80 dark:text-red-200/80">
          {error?.type === "rate_limit_error" ? t("errorBusy") : t("errorBody")}
        </p>
        <div className="mt-3 flex flex-wrap gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              setError(null);
              setStarted(false);
              retry();
            }}
          >
            {t("retry")}
          </Button>
          {fallback}
        </div>
      </div>
    );
  }
  return (
    <div className="relative" data-testid="connect-frame">
      {!started ? <Skeleton label={t("loading", { component: title })} /> : null}
      {instance ? (
        <div className={started ? undefined : "sr-only"}>
          <ConnectComponentsProvider connectInstance={instance}>
            {children({
              onLoaderStart: () => setStarted(true),
              onLoadError: (event) => setError(event.error),
            })}
          </ConnectComponentsProvider>
        </div>
      ) : null}
    </div>
  );
}
