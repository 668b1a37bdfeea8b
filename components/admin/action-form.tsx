"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, type FormEvent } from "react";
import {
  StepUpField,
  StepUpPasskeyButton,
  useStepUp,
  type StepUpProof,
} from "@/components/admin/step-up-field";
import { Button } from "@/components/ui/button";
import {
  REASON_MAX_LENGTH,
  REASON_MIN_CHARACTERS,
  reasonMessageKeys,
  reasonProblem,
} from "@/lib/audit/reason";
import { parseApiError } from "@/lib/http/api-error";

const textareaClasses =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none transition focus:border-brand focus:ring-2 focus:ring-brand/30 dark:border-slate-700 dark:bg-slate-900";

/** A reason checked as the server checks it (lib/audit/reason.ts); the message key of its problem, or null. */
export function reasonErrorKey(reason: string): string | null {
  const problem = reasonProblem(reason);
  return problem ? reasonMessageKeys[problem] : null;
}

/**
 * One console action on someone else: a button that opens a small form — what it does, a reason (stored in the
 * audit log), for destructive actions an explicit confirmation, and a fresh step-up (a current code from the
 * authenticator app, or a passkey: these actions grant or take away access) — then posts it and refreshes the
 * page. The server checks the same rules; its answer's message is shown when it refuses, the step-up's own under
 * the code field.
 */
export function ActionForm({
  label,
  title,
  hint,
  submitLabel,
  url,
  method = "POST",
  body = {},
  reason = true,
  confirm = false,
  stepUp: withStepUp = true,
  danger = false,
  doneMessage,
  onDone,
  testId,
}: {
  label: string;
  title: string;
  hint: string;
  submitLabel: string;
  url: string;
  method?: "POST" | "PATCH";
  body?: Record<string, unknown>;
  reason?: boolean;
  confirm?: boolean;
  /** Ask for a fresh step-up (the route reads `code` or `passkey`). */
  stepUp?: boolean;
  danger?: boolean;
  doneMessage: string;
  onDone?: (message: string) => void;
  testId?: string;
}) {
  const t = useTranslations("admin.actionForm");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const stepUp = useStepUp(`${id}-code`);

  function close() {
    setOpen(false);
    setError(null);
    setReasonError(null);
    stepUp.setCode("");
    stepUp.setError(null);
    // Back to the button that opened it, for keyboard users.
    requestAnimationFrame(() => document.getElementById(`${id}-open`)?.focus());
  }

  /** The body to send without its proof, or null when the reason or the confirmation is missing (and said so). */
  function prepare(): Record<string, unknown> | null {
    setError(null);
    setReasonError(null);
    const form = formRef.current ? new FormData(formRef.current) : new FormData();
    const payload: Record<string, unknown> = { ...body };
    if (reason) {
      const text = String(form.get("reason") ?? "");
      const problem = reasonErrorKey(text);
      if (problem) {
        setReasonError(t(problem, { min: REASON_MIN_CHARACTERS }));
        return null;
      }
      payload.reason = text;
    }
    if (confirm) {
      if (form.get("confirm") !== "on") {
        setError(t("confirmRequired"));
        return null;
      }
      payload.confirm = true;
    }
    return payload;
  }

  async function send(payload: Record<string, unknown>, proof: StepUpProof | null) {
    setPending(true);
    const response = await fetch(url, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...payload, ...proof }),
    }).catch(() => null);
    setPending(false);
    const data: unknown = response?.ok ? null : await response?.json().catch(() => null);
    const apiError = parseApiError(data);
    const shownUnderCode = withStepUp && stepUp.settle(apiError);
    if (!response?.ok) {
      if (apiError?.fields?.reason) setReasonError(apiError.fields.reason);
      else if (!shownUnderCode) setError(apiError?.message ?? t("failed"));
      return;
    }
    setOpen(false);
    onDone?.(doneMessage);
    router.refresh();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const payload = prepare();
    if (!payload) return;
    const proof = withStepUp ? stepUp.codeProof() : null;
    if (withStepUp && !proof) return;
    await send(payload, proof);
  }

  if (!open) {
    return (
      <Button
        id={`${id}-open`}
        variant={danger ? "ghost" : "secondary"}
        className={`px-2.5 py-1 text-xs ${danger ? "text-red-700 dark:text-red-400" : ""}`}
        onClick={() => setOpen(true)}
        data-testid={testId}
      >
        {label}
      </Button>
    );
  }
  return (
    <form
      ref={formRef}
      onSubmit={submit}
      className="mt-2 w-full basis-full space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-800/60"
      aria-labelledby={`${id}-title`}
      noValidate
      data-testid={testId ? `${testId}-form` : undefined}
      onKeyDown={(event) => {
        if (event.key === "Escape") close();
      }}
    >
      <p id={`${id}-title`} className="font-medium">
        {title}
      </p>
      <p className="text-xs text-slate-600 dark:text-slate-300">{hint}</p>
      {reason ? (
        <div className="space-y-1">
          <label htmlFor={`${id}-reason`} className="block text-xs font-medium">
            {t("reason")}
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            rows={2}
            required
            autoFocus
            maxLength={REASON_MAX_LENGTH}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={`${id}-reason-hint${reasonError ? ` ${id}-reason-error` : ""}`}
            className={textareaClasses}
          />
          <p id={`${id}-reason-hint`} className="text-xs text-slate-500 dark:text-slate-400">
            {t("reasonHint", { min: REASON_MIN_CHARACTERS })}
          </p>
          {reasonError ? (
            <p id={`${id}-reason-error`} className="text-xs text-red-600 dark:text-red-400">
              {reasonError}
            </p>
          ) : null}
        </div>
      ) : null}
      {confirm ? (
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" name="confirm" className="h-4 w-4" /> {t("confirm")}
        </label>
      ) : null}
      {withStepUp ? <StepUpField stepUp={stepUp} compact autoFocus={!reason} /> : null}
      {error ? (
        <p role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          type="submit"
          variant={danger ? "danger" : "primary"}
          disabled={pending}
          className="px-2.5 py-1 text-xs"
          autoFocus={!reason && !withStepUp}
        >
          {pending ? t("working") : submitLabel}
        </Button>
        {withStepUp ? (
          <StepUpPasskeyButton
            stepUp={stepUp}
            ready={() => prepare() !== null}
            onProof={async (proof) => {
              const payload = prepare();
              if (payload) await send(payload, proof);
            }}
            disabled={pending}
            className="px-2.5 py-1 text-xs"
          />
        ) : null}
        <Button variant="ghost" className="px-2.5 py-1 text-xs" onClick={close}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
