"use client";

import type { LoadError } from "@stripe/connect-js/pure";
import { useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ConnectElement, type ConnectProps, type ConnectTag } from "./connect-element";
import { useConnect } from "./connect-provider";

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
 * The skeleton gives way through CSS when the element is marked started, so it also does before hydration.
 */
export function EmbeddedFrame({
  title,
  fallback,
  tag,
  props,
  refreshes = true,
}: {
  title: string;
  fallback?: ReactNode;
  tag: ConnectTag;
  props?: ConnectProps;
  /** Loads again when the page changes the account's data (not for forms, which would lose what was typed). */
  refreshes?: boolean;
}) {
  const t = useTranslations("connect");
  const { status, retry, dataVersion } = useConnect();
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
    <div className="group/connect relative" data-testid="connect-frame">
      <div className="group-has-[[data-connect-started]]/connect:hidden">
        <Skeleton label={t("loading", { component: title })} />
      </div>
      <div className="sr-only group-has-[[data-connect-started]]/connect:not-sr-only">
        <ConnectElement
          key={refreshes ? dataVersion : 0}
          tag={tag}
          props={props}
          onLoadError={(event) => setError(event.error)}
        />
      </div>
    </div>
  );
}
