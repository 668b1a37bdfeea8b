"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiForm } from "@/components/auth/api-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { parseApiError } from "@/lib/http/api-error";

/** The code for this session; then on to `next` when given (a page the person was opening), else the route's home. */
export function VerifySecondFactor({ next = null }: { next?: string | null }) {
  const t = useTranslations("auth");
  return (
    <ApiForm
      endpoint="/api/second-factor/verify"
      onSuccess={(data) => {
        const home =
          typeof data === "object" &&
          data !== null &&
          "redirectTo" in data &&
          typeof data.redirectTo === "string"
            ? data.redirectTo
            : "/";
        window.location.assign(next ?? home);
      }}
      submitLabel={t("twoFactorAction")}
      fields={[
        {
          name: "code",
          label: t("code"),
          autoComplete: "one-time-code",
          inputMode: "text",
          hint: t("codeHint"),
        },
      ]}
    />
  );
}

interface Enrolment {
  secret: string;
  otpauthUri: string;
  qrSvg: string;
}

/** Setting up TOTP: scan (or type) the secret, confirm one code, keep the recovery codes. */
export function EnrolSecondFactor({ onDone }: { onDone?: () => void }) {
  const t = useTranslations("auth");
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [recovery, setRecovery] = useState<{ codes: string[]; next: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function start() {
    setPending(true);
    setError(null);
    const response = await fetch("/api/second-factor/enrol", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    if (response?.ok && typeof data === "object" && data !== null && "secret" in data) {
      setEnrolment(data as Enrolment);
    } else {
      setError(parseApiError(data)?.message ?? t("genericError"));
    }
    setPending(false);
  }

  if (recovery) {
    return (
      <div className="space-y-4">
        <Alert tone="success">{t("enrolDone")}</Alert>
        <p className="text-sm">{t("recoveryIntro")}</p>
        <ul
          className="grid grid-cols-2 gap-2 rounded-lg bg-slate-50 p-3 font-mono text-sm dark:bg-slate-800"
          data-testid="recovery-codes"
        >
          {recovery.codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ul>
        <Button
          className="w-full"
          onClick={() => (onDone ? onDone() : window.location.assign(recovery.next))}
        >
          {t("recoveryContinue")}
        </Button>
      </div>
    );
  }
  if (!enrolment) {
    return (
      <div className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Button className="w-full" onClick={start} disabled={pending}>
          {t("enrolStart")}
        </Button>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm">
        <li>{t("enrolStepScan")}</li>
        <li>{t("enrolStepCode")}</li>
      </ol>
      <div
        className="mx-auto w-48 rounded-lg bg-white p-2"
        role="img"
        aria-label={t("enrolQrLabel")}
        // The SVG is drawn on the server by the qrcode library from our own otpauth URI: no user content.
        dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }}
      />
      <p className="text-center text-xs text-slate-500 dark:text-slate-400">
        {t("enrolSecretLabel")}{" "}
        <code
          className="select-all break-all font-mono text-slate-800 dark:text-slate-100"
          data-testid="totp-secret"
        >
          {enrolment.secret}
        </code>
      </p>
      <ApiForm
        endpoint="/api/second-factor/confirm"
        submitLabel={t("enrolConfirm")}
        fields={[{ name: "code", label: t("code"), autoComplete: "one-time-code", inputMode: "numeric" }]}
        onSuccess={(data) => {
          const body = (data ?? {}) as { recoveryCodes?: unknown; redirectTo?: unknown };
          const codes = Array.isArray(body.recoveryCodes)
            ? body.recoveryCodes.filter((c): c is string => typeof c === "string")
            : [];
          setRecovery({ codes, next: typeof body.redirectTo === "string" ? body.redirectTo : "/" });
        }}
      />
    </div>
  );
}
