"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A link shown in a read-only field, with a button that copies it and says whether it did. */
export function CopyLink({
  url,
  fieldLabel,
  copyLabel,
  copiedText,
  failedText,
}: {
  url: string;
  fieldLabel: string;
  copyLabel: string;
  copiedText: string;
  failedText: string;
}) {
  const [outcome, setOutcome] = useState<"copied" | "failed" | null>(null);

  async function copy(field: HTMLInputElement | null) {
    try {
      await navigator.clipboard.writeText(url);
      setOutcome("copied");
    } catch {
      // No clipboard (an insecure origin, a refused permission): the link is selected, to copy by hand.
      field?.focus();
      field?.select();
      setOutcome("failed");
    }
  }

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap gap-2">
        <input
          id="checkout-link"
          readOnly
          value={url}
          aria-label={fieldLabel}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-slate-50 px-3 py-2 font-mono text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-950 dark:text-slate-100"
        />
        <Button
          variant="secondary"
          onClick={(event) =>
            copy(event.currentTarget.parentElement?.querySelector<HTMLInputElement>("#checkout-link") ?? null)
          }
        >
          {copyLabel}
        </Button>
      </div>
      <p role="status" className="min-h-4 text-xs text-slate-600 dark:text-slate-300">
        {outcome === "copied" ? copiedText : outcome === "failed" ? failedText : ""}
      </p>
    </div>
  );
}
