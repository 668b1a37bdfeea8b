"use client";

import { useEffect, useId, useState } from "react";
import { logoutConnect } from "@/components/connect/connect-logout";
import { parseApiError } from "@/lib/http/api-error";

export interface SwitcherBusiness {
  tenantId: string;
  name: string;
  roleLabel: string;
}

const CHANNEL = "portico-business";
// This tab's own switches are not news to it (not a secret: Math.random works on any origin, secure or not).
const tabId = Math.random().toString(36).slice(2);

/**
 * The business the dashboard acts for, and the person's other businesses to switch to. A switch logs the page's
 * Connect instance out, asks the server to act for the chosen business (it checks the choice among the person's own
 * memberships and keeps it in a cookie of this device), and loads the dashboard anew — the new page mints an Account
 * Session for the new account, so nothing of the old one survives. Other tabs of this browser follow.
 */
export function BusinessSwitcher({
  current,
  others,
  labels,
}: {
  current: SwitcherBusiness;
  others: SwitcherBusiness[];
  labels: { switchBusiness: string; current: string; failed: string };
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();

  useEffect(() => {
    // Another tab switched this browser to another business: this tab's components belong to the old one.
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      if (event.data === tabId) return;
      void logoutConnect().then(() => window.location.reload());
    };
    return () => channel.close();
  }, []);

  async function switchTo(tenantId: string) {
    setBusy(true);
    setError(null);
    const response = await fetch("/api/tenant/active", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenantId }),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    if (!response?.ok) {
      setError(parseApiError(data)?.message ?? labels.failed);
      setBusy(false);
      return;
    }
    await logoutConnect();
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage(tabId);
    channel.close();
    // Replace: Back must not bring a page of the old business back from the browser's cache.
    window.location.replace("/");
  }

  return (
    <div data-testid="business-switcher">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={listId}
        // The visible name first (what speech input users say), then what the button does.
        aria-label={`${current.name}, ${labels.switchBusiness}`}
        onClick={() => setOpen((value) => !value)}
        className="flex w-full items-center justify-between gap-2 rounded-lg px-2 py-1.5 text-left text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
      >
        <span className="min-w-0 truncate" data-testid="shell-context">
          {current.name}
        </span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="h-4 w-4 shrink-0"
          fill="none"
          stroke="currentColor"
        >
          <path
            d="M6 8l4-4 4 4M6 12l4 4 4-4"
            strokeWidth="1.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
      <div id={listId} hidden={!open} className="mt-1.5 space-y-1">
        <p className="px-2 text-xs font-medium text-slate-600 dark:text-slate-300">{labels.switchBusiness}</p>
        <ul className="space-y-0.5">
          <li>
            <span
              aria-current="true"
              className="flex items-center justify-between gap-2 rounded-lg bg-brand/10 px-2 py-1.5 text-sm dark:bg-brand/20"
            >
              <span className="truncate">{current.name}</span>
              <span className="shrink-0 text-xs text-slate-600 dark:text-slate-300">{labels.current}</span>
            </span>
          </li>
          {others.map((business) => (
            <li key={business.tenantId}>
              <button
                type="button"
                disabled={busy}
                onClick={() => switchTo(business.tenantId)}
                className="flex w-full items-center justify-between gap-2 rounded-lg px-2 py-1.5 text-left text-sm hover:bg-slate-100 disabled:opacity-60 dark:hover:bg-slate-800"
              >
                <span className="truncate">{business.name}</span>
                <span className="shrink-0 text-xs text-slate-600 dark:text-slate-300">
                  {business.roleLabel}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {error ? (
          <p role="alert" className="px-2 text-xs text-red-700 dark:text-red-300">
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
