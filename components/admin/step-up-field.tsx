"use client";

import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { createContext, useContext, useState, type ReactNode } from "react";
import { PasskeyStepUpButton } from "@/components/auth/passkey-step-up-button";
import type { ApiError } from "@/lib/http/api-error";
import { STEP_UP_ERROR_CODES } from "@/lib/access/step-up-errors";

/**
 * The step-up of the console's actions that grant or take away access (lib/access/fresh-auth.ts): a current code
 * from the staff member's authenticator app, or their passkey. The server page says which they have
 * (`StepUpMethodsProvider`); each form keeps the code only until its attempt, right or wrong.
 */

export type StepUpProof = { code: string } | { passkey: AuthenticationResponseJSON };

export interface StepUpMethods {
  /** The staff member has a passkey: "Confirm with a passkey" beside the code. */
  passkey: boolean;
  /** The staff member has an authenticator app (staff signed in through the IdP may have none). */
  authenticator: boolean;
}

const StepUpMethodsContext = createContext<StepUpMethods>({ passkey: false, authenticator: true });

/** Set by the server page (what the signed-in staff member can confirm with) for every step-up form inside. */
export function StepUpMethodsProvider({ children, ...methods }: StepUpMethods & { children: ReactNode }) {
  return <StepUpMethodsContext.Provider value={methods}>{children}</StepUpMethodsContext.Provider>;
}

/**
 * The form's step-up state: the code typed, the field's error, and what to do with the server's answer. `id` is the
 * code field's (focused again when the step-up is what went wrong).
 */
export function useStepUp(id: string) {
  const t = useTranslations("admin.stepUp");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const focus = () => requestAnimationFrame(() => document.getElementById(id)?.focus());

  return {
    id,
    code,
    setCode,
    error,
    setError,
    /** The code typed as the proof, or null (and the field says so) when there is none. */
    codeProof(): StepUpProof | null {
      const typed = code.trim();
      if (typed === "") {
        setError(t("required"));
        focus();
        return null;
      }
      setError(null);
      return { code: typed };
    },
    /**
     * After an attempt, whatever its outcome: the code is never kept (each works once anyway). Shows the step-up's
     * own refusal under the field (which gets the focus back) and answers whether it did.
     */
    settle(apiError: ApiError | null): boolean {
      setCode("");
      const missing = apiError?.code === "invalid_request" && apiError.fields?.code !== undefined;
      if (!apiError || (!missing && !STEP_UP_ERROR_CODES.has(apiError.code))) {
        setError(null);
        return false;
      }
      setError(missing ? t("required") : t(`errors.${apiError.code}`));
      focus();
      return true;
    },
  };
}

export type StepUpState = ReturnType<typeof useStepUp>;

/** "Code from your authenticator app", with its hint and error; `compact` for the small inline action forms. */
export function StepUpField({
  stepUp,
  compact = false,
  autoFocus = false,
}: {
  stepUp: StepUpState;
  compact?: boolean;
  autoFocus?: boolean;
}) {
  const t = useTranslations("admin.stepUp");
  const methods = useContext(StepUpMethodsContext);
  const id = stepUp.id;
  const describedBy = [`${id}-hint`, stepUp.error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={compact ? "space-y-1" : "space-y-1.5"}>
      <label
        htmlFor={id}
        className={`block font-medium ${compact ? "text-xs" : "text-sm text-slate-700 dark:text-slate-200"}`}
      >
        {t("label")}
      </label>
      <input
        id={id}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={20}
        required
        autoFocus={autoFocus}
        value={stepUp.code}
        onChange={(event) => stepUp.setCode(event.target.value)}
        aria-invalid={stepUp.error ? true : undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-lg border border-slate-300 bg-white px-3 text-sm shadow-sm outline-none transition focus:border-brand focus:ring-2 focus:ring-brand/30 dark:border-slate-700 dark:bg-slate-900 ${compact ? "max-w-48 py-1.5" : "py-2"}`}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-500 dark:text-slate-400">
        {methods.authenticator ? (
          methods.passkey ? (
            t("hintWithPasskey")
          ) : (
            t("hint")
          )
        ) : (
          <>
            {t("noAuthenticator")}{" "}
            <Link href="/admin/settings" className="text-brand-ink underline-offset-2 hover:underline">
              {t("settingsLink")}
            </Link>
          </>
        )}
      </p>
      {stepUp.error ? (
        <p id={`${id}-error`} className="text-xs text-red-600 dark:text-red-400">
          {stepUp.error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * "Confirm with a passkey", for staff who have one: `ready` checks the rest of the form before the browser's dialog
 * opens; the answer is sent instead of a code.
 */
export function StepUpPasskeyButton({
  stepUp,
  ready,
  onProof,
  disabled = false,
  className = "",
}: {
  stepUp: StepUpState;
  ready: () => boolean;
  onProof: (proof: StepUpProof) => void | Promise<void>;
  disabled?: boolean;
  className?: string;
}) {
  const methods = useContext(StepUpMethodsContext);
  if (!methods.passkey) return null;
  return (
    <PasskeyStepUpButton
      className={className}
      disabled={disabled}
      beforeAsk={() => {
        stepUp.setError(null);
        return ready();
      }}
      onAnswer={(passkey) => onProof({ passkey })}
      onProblem={stepUp.setError}
    />
  );
}
