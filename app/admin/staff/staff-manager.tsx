"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { ActionForm, reasonErrorKey } from "@/components/admin/action-form";
import {
  StepUpField,
  StepUpPasskeyButton,
  useStepUp,
  type StepUpProof,
} from "@/components/admin/step-up-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { PlatformRole } from "@/lib/access/permissions";
import { REASON_MAX_LENGTH, REASON_MIN_CHARACTERS } from "@/lib/audit/reason";
import { parseApiError } from "@/lib/http/api-error";

export interface StaffRow {
  userId: string;
  name: string;
  email: string;
  role: PlatformRole;
  /** The role's name, from the server (the console's client messages are its own namespace only). */
  roleLabel: string;
  status: "invited" | "active" | "disabled";
  secondFactor: boolean;
  /** Formatted on the server, in the viewer's language. */
  lastSignIn: string | null;
  /** For an invited member: until when their link works (null: expired). */
  invite: { expires: string | null } | null;
  self: boolean;
}

const pillTones = {
  invited: "bg-sky-50 text-sky-700 ring-sky-600/20 dark:bg-sky-950 dark:text-sky-300 dark:ring-sky-400/30",
  active:
    "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-950 dark:text-emerald-300 dark:ring-emerald-400/30",
  disabled: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-950 dark:text-red-300 dark:ring-red-400/30",
  neutral:
    "bg-slate-100 text-slate-700 ring-slate-500/20 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-400/30",
} as const;

function Pill({ tone, children }: { tone: keyof typeof pillTones; children: string }) {
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${pillTones[tone]}`}
    >
      {children}
    </span>
  );
}

const inputClasses =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none transition focus:border-brand focus:ring-2 focus:ring-brand/30 dark:border-slate-700 dark:bg-slate-900";

/**
 * Admins invite a staff member: email, name, role, a reason and a fresh step-up (it makes someone staff); the
 * set-password link is mailed.
 */
export function InviteStaffForm() {
  const t = useTranslations("admin.staff");
  const ta = useTranslations("admin.actionForm");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const stepUp = useStepUp("staff-invite-code");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  /** The invitation without its proof, or null when the reason is not one (and said so). */
  function prepare(): Record<string, string> | null {
    const form = formRef.current ? new FormData(formRef.current) : new FormData();
    const body = {
      email: String(form.get("email") ?? ""),
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? "support"),
      reason: String(form.get("reason") ?? ""),
    };
    setError(null);
    setDone(null);
    const problem = reasonErrorKey(body.reason);
    if (problem) {
      setFields({ reason: ta(problem, { min: REASON_MIN_CHARACTERS }) });
      return null;
    }
    setFields({});
    return body;
  }

  async function send(body: Record<string, string>, proof: StepUpProof) {
    setPending(true);
    const response = await fetch("/api/admin/staff", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, ...proof }),
    }).catch(() => null);
    setPending(false);
    const data: unknown = await response?.json().catch(() => null);
    const apiError = response?.ok ? null : parseApiError(data);
    const shownUnderCode = stepUp.settle(apiError);
    if (!response?.ok) {
      // The code's own error is under its field already.
      const others = Object.fromEntries(
        Object.entries(apiError?.fields ?? {}).filter(([field]) => field !== "code"),
      );
      if (Object.keys(others).length > 0) setFields(others);
      else if (!shownUnderCode) setError(apiError?.message ?? ta("failed"));
      return;
    }
    formRef.current?.reset();
    setDone(t("invited", { email: body.email?.trim().toLowerCase() ?? "" }));
    router.refresh();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = prepare();
    if (!body) return;
    const proof = stepUp.codeProof();
    if (proof) await send(body, proof);
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-4" noValidate data-testid="staff-invite">
      {done ? <Alert tone="success">{done}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field
        id="staff-email"
        name="email"
        type="email"
        label={t("email")}
        required
        error={fields.email}
        autoComplete="off"
      />
      <Field id="staff-name" name="name" label={t("name")} required error={fields.name} autoComplete="off" />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-200">{t("role")}</legend>
        {(["support", "admin"] as const).map((role) => (
          <label key={role} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="role"
              value={role}
              defaultChecked={role === "support"}
              className="mt-0.5 h-4 w-4"
            />
            <span>{t(`roles.${role}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="space-y-1.5">
        <label
          htmlFor="staff-reason"
          className="block text-sm font-medium text-slate-700 dark:text-slate-200"
        >
          {ta("reason")}
        </label>
        <textarea
          id="staff-reason"
          name="reason"
          rows={2}
          required
          maxLength={REASON_MAX_LENGTH}
          aria-invalid={fields.reason ? true : undefined}
          aria-describedby={fields.reason ? "staff-reason-hint staff-reason-error" : "staff-reason-hint"}
          className={inputClasses}
        />
        <p id="staff-reason-hint" className="text-xs text-slate-500 dark:text-slate-400">
          {ta("reasonHint", { min: REASON_MIN_CHARACTERS })}
        </p>
        {fields.reason ? (
          <p id="staff-reason-error" className="text-xs text-red-600">
            {fields.reason}
          </p>
        ) : null}
      </div>
      <StepUpField stepUp={stepUp} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? ta("working") : t("inviteSubmit")}
      </Button>
      <StepUpPasskeyButton
        stepUp={stepUp}
        ready={() => prepare() !== null}
        onProof={async (proof) => {
          const body = prepare();
          if (body) await send(body, proof);
        }}
        disabled={pending}
        className="w-full"
      />
    </form>
  );
}

/** The staff, each with what an admin may do to them (nothing to oneself). */
export function StaffList({ rows }: { rows: StaffRow[] }) {
  const t = useTranslations("admin.staff");
  const [notice, setNotice] = useState<string | null>(null);
  if (rows.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{t("empty")}</p>;
  return (
    <div className="space-y-3">
      {notice ? (
        <Alert tone="success">
          <span data-testid="staff-notice">{notice}</span>
        </Alert>
      ) : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="staff-list">
        {rows.map((row) => {
          const action = (
            key:
              "resend" | "makeAdmin" | "makeSupport" | "disable" | "enable" | "resetSecondFactor" | "remove",
          ) => ({
            label: t(`actions.${key}`),
            title: t(`titles.${key}`, { email: row.email }),
            hint: t(`hints.${key}`),
            submitLabel: t(`submit.${key}`),
            doneMessage: t(`done.${key}`, { email: row.email }),
            onDone: setNotice,
            testId: `staff-${key}`,
          });
          const base = `/api/admin/staff/${encodeURIComponent(row.userId)}`;
          return (
            <li key={row.userId} className="py-3" data-testid="staff-row" data-email={row.email}>
              <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
                <div className="min-w-0">
                  <p className="truncate text-sm font-medium">
                    {row.name}
                    {row.self ? (
                      <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">
                        ({t("you")})
                      </span>
                    ) : null}
                  </p>
                  <p className="truncate text-xs text-slate-500 dark:text-slate-400">{row.email}</p>
                </div>
                <div className="flex flex-wrap items-center gap-1.5">
                  <Pill tone="neutral">{row.roleLabel}</Pill>
                  <Pill tone={row.status}>{t(`status.${row.status}`)}</Pill>
                </div>
              </div>
              <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-xs text-slate-600 sm:grid-cols-3 dark:text-slate-300">
                <div>
                  <dt className="inline text-slate-500 dark:text-slate-400">{t("secondFactor")}: </dt>
                  <dd className="inline">{row.secondFactor ? t("secondFactorOn") : t("secondFactorOff")}</dd>
                </div>
                <div>
                  <dt className="inline text-slate-500 dark:text-slate-400">{t("lastSignIn")}: </dt>
                  <dd className="inline">{row.lastSignIn ?? t("never")}</dd>
                </div>
                {row.invite ? (
                  <div>
                    <dd className={row.invite.expires ? "" : "text-amber-700 dark:text-amber-400"}>
                      {row.invite.expires ? t("linkExpires", { time: row.invite.expires }) : t("linkExpired")}
                    </dd>
                  </div>
                ) : null}
              </dl>
              {row.self ? (
                <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">{t("selfHint")}</p>
              ) : (
                <div
                  className="mt-2 flex flex-wrap items-start gap-2"
                  role="group"
                  aria-label={t("actionsLabel", { email: row.email })}
                >
                  {row.status === "invited" ? (
                    <ActionForm {...action("resend")} url={`${base}/resend`} reason={false} />
                  ) : null}
                  {row.role === "support" ? (
                    <ActionForm {...action("makeAdmin")} url={base} method="PATCH" body={{ role: "admin" }} />
                  ) : (
                    <ActionForm
                      {...action("makeSupport")}
                      url={base}
                      method="PATCH"
                      body={{ role: "support" }}
                    />
                  )}
                  {row.status === "disabled" ? (
                    <ActionForm
                      {...action("enable")}
                      url={`/api/admin/users/${encodeURIComponent(row.userId)}/status`}
                      body={{ disabled: false }}
                      confirm
                    />
                  ) : (
                    <ActionForm
                      {...action("disable")}
                      url={`/api/admin/users/${encodeURIComponent(row.userId)}/status`}
                      body={{ disabled: true }}
                      confirm
                      danger
                    />
                  )}
                  {row.secondFactor ? (
                    <ActionForm
                      {...action("resetSecondFactor")}
                      url={`${base}/second-factor/reset`}
                      confirm
                      danger
                    />
                  ) : null}
                  <ActionForm {...action("remove")} url={`${base}/remove`} confirm danger />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
