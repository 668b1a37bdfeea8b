"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { REASON_MIN_CHARACTERS, reasonProblem, reasonMessageKeys } from "@/lib/audit/reason";
import { parseApiError } from "@/lib/http/api-error";

/** An admin disables a member (signed out everywhere at once) or re-enables one: reason, confirmation, audit. */
export function MemberStatus({
  userId,
  email,
  disabled,
}: {
  userId: string;
  email: string;
  disabled: boolean;
}) {
  const t = useTranslations("admin.members");
  const tr = useTranslations("admin.impersonate");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const reason = String(form.get("reason") ?? "");
    const problem = reasonProblem(reason);
    if (problem) {
      setError(tr(reasonMessageKeys[problem], { min: REASON_MIN_CHARACTERS }));
      return;
    }
    if (form.get("confirm") !== "on") {
      setError(t("confirmRequired"));
      return;
    }
    setPending(true);
    setError(null);
    const response = await fetch(`/api/admin/users/${encodeURIComponent(userId)}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ disabled: !disabled, reason, confirm: true }),
    }).catch(() => null);
    setPending(false);
    if (!response?.ok) {
      const data: unknown = await response?.json().catch(() => null);
      setError(parseApiError(data)?.message ?? t("failed"));
      return;
    }
    setOpen(false);
    router.refresh();
  }

  if (!open) {
    return (
      <Button
        variant={disabled ? "secondary" : "ghost"}
        className="px-2 py-1 text-xs"
        onClick={() => setOpen(true)}
        data-testid="member-status-toggle"
      >
        {disabled ? t("enable") : t("disable")}
      </Button>
    );
  }
  return (
    <form
      onSubmit={submit}
      className="mt-2 basis-full space-y-2 rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700"
      aria-labelledby={`${id}-title`}
      noValidate
    >
      <p id={`${id}-title`} className="font-medium">
        {disabled ? t("enableTitle", { email }) : t("disableTitle", { email })}
      </p>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        {disabled ? t("enableHint") : t("disableHint")}
      </p>
      <label htmlFor={`${id}-reason`} className="block text-xs font-medium">
        {t("reason")}
      </label>
      <input
        id={`${id}-reason`}
        name="reason"
        required
        className="block w-full rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <label className="flex items-center gap-2 text-xs">
        <input type="checkbox" name="confirm" /> {t("confirm")}
      </label>
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button
          type="submit"
          variant={disabled ? "primary" : "danger"}
          disabled={pending}
          className="px-2 py-1 text-xs"
        >
          {disabled ? t("submitEnable") : t("submitDisable")}
        </Button>
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
