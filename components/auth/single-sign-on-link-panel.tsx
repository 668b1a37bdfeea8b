"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseApiError } from "@/lib/http/api-error";
import { ssoErrorText } from "./sso-messages";

/**
 * Link or unlink the company account. Either needs a fresh step-up first: a current authenticator code (staff, and
 * anyone with one) or the password. Linking then signs in at the IdP afresh; its callback links that identity.
 */
export function SingleSignOnLinkPanel({
  linked,
  stepUp,
  returnTo,
  outcome,
}: {
  linked: { email: string | null; since: string } | null;
  stepUp: "code" | "password";
  returnTo: string;
  /** What the link flow's callback (or an unlink) said on its way back here, from the page's address. */
  outcome: { done: "linked" | "unlinked" | null; error: string | null };
}) {
  const t = useTranslations("sso");
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(() => {
    if (outcome.done)
      return { tone: "success", text: t(outcome.done === "linked" ? "linkedDone" : "unlinkedDone") };
    if (outcome.error) return { tone: "error", text: ssoErrorText(t, outcome.error) ?? t("genericError") };
    return null;
  });
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [value, setValue] = useState("");
  const [pending, setPending] = useState(false);

  useEffect(() => {
    // Shown once: a reload or a bookmark does not say it again.
    const params = new URLSearchParams(window.location.search);
    if (!params.has("sso") && !params.has("sso_error")) return;
    params.delete("sso");
    params.delete("sso_error");
    const search = params.toString();
    window.history.replaceState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNotice(null);
    setFieldError(null);
    if (value.trim() === "") {
      setFieldError(stepUp === "code" ? t("codeLabel") : t("passwordLabel"));
      return;
    }
    setPending(true);
    const proof = stepUp === "code" ? { code: value } : { password: value };
    const endpoint = linked ? "/api/sso/unlink" : "/api/sso/link";
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(linked ? proof : { ...proof, returnTo }),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    // Never kept after an attempt, right or wrong.
    setValue("");
    if (response?.ok) {
      const target =
        typeof data === "object" && data !== null && "redirectTo" in data ? data.redirectTo : null;
      if (typeof target === "string" && /^https?:\/\//.test(target)) {
        window.location.assign(target);
        return;
      }
      const back = new URL(returnTo, window.location.origin);
      back.searchParams.set("sso", "unlinked");
      window.location.assign(back.href);
      return;
    }
    setPending(false);
    const apiError = parseApiError(data);
    const field = apiError?.fields?.code ?? apiError?.fields?.password;
    if (field || apiError?.code === "wrong_code" || apiError?.code === "reauthentication_failed") {
      setFieldError(field ?? apiError?.message ?? t("genericError"));
      return;
    }
    setNotice({
      tone: "error",
      text: ssoErrorText(t, apiError?.code) ?? apiError?.message ?? t("genericError"),
    });
  }

  return (
    <div className="space-y-4" data-testid="sso-section">
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <p className="text-sm" data-testid="sso-status">
        {linked ? (
          <>
            <span className="font-medium">
              {linked.email ? t("linkedAs", { email: linked.email }) : t("linkedAsUnknown")}
            </span>
            <span className="block text-xs text-slate-500 dark:text-slate-400">
              {t("linkedSince", { date: linked.since })}
            </span>
          </>
        ) : (
          <span className="text-slate-600 dark:text-slate-300">{t("notLinked")}</span>
        )}
      </p>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <Field
          id="sso-step-up"
          name={stepUp}
          type={stepUp === "code" ? "text" : "password"}
          inputMode={stepUp === "code" ? "numeric" : undefined}
          autoComplete={stepUp === "code" ? "one-time-code" : "current-password"}
          label={stepUp === "code" ? t("codeLabel") : t("passwordLabel")}
          hint={t("stepUpHint")}
          error={fieldError ?? undefined}
          value={value}
          onChange={(event) => setValue(event.target.value)}
          required
        />
        <Button type="submit" variant={linked ? "danger" : "primary"} disabled={pending}>
          {linked ? t("unlinkAction") : t("linkAction")}
        </Button>
      </form>
    </div>
  );
}
