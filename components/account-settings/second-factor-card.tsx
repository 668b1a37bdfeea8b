"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { EnrolSecondFactor } from "@/app/(auth)/two-factor/second-factor-forms";
import { ApiForm } from "@/components/auth/api-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { LocalTime } from "./local-time";

export interface SecondFactorState {
  enabled: boolean;
  confirmedAt: number | null;
  lastUsedAt: number | null;
  recoveryCodesLeft: number | null;
  required: boolean;
}

const LOW = 3;

/**
 * Two-step verification: set it up (the same flow as staff's first sign-in), see how many recovery codes are left,
 * make new ones, and — when nothing requires it — turn it off. Each change asks for a current code.
 */
export function SecondFactorCard({
  state,
  isStaff,
  platformName,
}: {
  state: SecondFactorState;
  isStaff: boolean;
  platformName: string;
}) {
  const t = useTranslations("profile");
  const tAuth = useTranslations("auth");
  const router = useRouter();
  const [mode, setMode] = useState<"idle" | "regenerate" | "remove">("idle");
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const codeField = (id: string) => ({
    name: "code",
    id,
    label: t("stepUpCode"),
    autoComplete: "one-time-code",
    inputMode: "numeric" as const,
    hint: t("stepUpCodeHint"),
  });

  if (!state.enabled) {
    return (
      <Card title={t("twoFactorTitle")} description={t("twoFactorDescription")}>
        <div className="max-w-sm space-y-4" data-testid="second-factor">
          {notice ? <Alert tone="success">{notice}</Alert> : null}
          <p className="text-sm">{t("twoFactorOff")}</p>
          <EnrolSecondFactor
            onDone={() => {
              setNotice(null);
              router.refresh();
            }}
          />
        </div>
      </Card>
    );
  }

  const left = state.recoveryCodesLeft ?? 0;
  return (
    <Card title={t("twoFactorTitle")} description={t("twoFactorDescription")}>
      <div className="space-y-4" data-testid="second-factor">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        <ul className="space-y-1 text-sm">
          <li>
            <span className="mr-2 inline-flex rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200">
              {t("on")}
            </span>
            {state.confirmedAt !== null
              ? t.rich("twoFactorOn", { time: () => <LocalTime ms={state.confirmedAt ?? 0} style="date" /> })
              : null}
          </li>
          {state.lastUsedAt !== null ? (
            <li className="text-slate-600 dark:text-slate-300">
              {t.rich("twoFactorLastUsed", {
                time: () => <LocalTime ms={state.lastUsedAt ?? 0} style="relative" />,
              })}
            </li>
          ) : null}
          <li
            data-testid="recovery-codes-left"
            className={left <= LOW ? "text-amber-700 dark:text-amber-300" : ""}
          >
            {t("recoveryLeft", { count: left })}
          </li>
          {state.required ? (
            <li className="text-slate-500 dark:text-slate-400">
              {isStaff
                ? t("twoFactorRequiredStaff")
                : t("twoFactorRequiredPlatform", { platform: platformName })}
            </li>
          ) : null}
        </ul>

        {codes ? (
          <div className="max-w-md space-y-3">
            <Alert tone="warning">{t("recoveryShown")}</Alert>
            <ul
              className="grid grid-cols-2 gap-2 rounded-lg bg-slate-50 p-3 font-mono text-sm dark:bg-slate-800"
              data-testid="new-recovery-codes"
            >
              {codes.map((code) => (
                <li key={code}>{code}</li>
              ))}
            </ul>
            <Button
              onClick={() => {
                setCodes(null);
                router.refresh();
              }}
            >
              {tAuth("recoveryContinue")}
            </Button>
          </div>
        ) : mode === "regenerate" ? (
          <div className="max-w-sm space-y-2 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
            <p className="text-sm">{t("newRecoveryCodesHint")}</p>
            <ApiForm
              endpoint="/api/second-factor/recovery-codes"
              submitLabel={t("newRecoveryCodes")}
              fields={[codeField("recovery-step-up")]}
              onSuccess={(data) => {
                const list =
                  typeof data === "object" &&
                  data !== null &&
                  "recoveryCodes" in data &&
                  Array.isArray(data.recoveryCodes)
                    ? data.recoveryCodes.filter((c): c is string => typeof c === "string")
                    : [];
                setMode("idle");
                setCodes(list);
              }}
            />
            <Button variant="ghost" className="w-full" onClick={() => setMode("idle")}>
              {t("cancel")}
            </Button>
          </div>
        ) : mode === "remove" ? (
          <div className="max-w-sm space-y-2 rounded-lg border border-red-200 p-4 dark:border-red-900">
            <p className="text-sm">{t("removeFactorWarning")}</p>
            <ApiForm
              endpoint="/api/second-factor/remove"
              submitLabel={t("removeFactorConfirm")}
              submitVariant="danger"
              fields={[codeField("remove-step-up")]}
              onSuccess={() => {
                setMode("idle");
                setNotice(t("factorRemoved"));
                router.refresh();
              }}
            />
            <Button variant="ghost" className="w-full" onClick={() => setMode("idle")}>
              {t("cancel")}
            </Button>
          </div>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              onClick={() => {
                setNotice(null);
                setMode("regenerate");
              }}
            >
              {t("newRecoveryCodes")}
            </Button>
            {state.required ? null : (
              <Button
                variant="ghost"
                onClick={() => {
                  setNotice(null);
                  setMode("remove");
                }}
              >
                {t("removeFactor")}
              </Button>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
