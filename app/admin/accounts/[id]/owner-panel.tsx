"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, type FormEvent } from "react";
import { ActionForm } from "@/components/admin/action-form";
import {
  StepUpField,
  StepUpPasskeyButton,
  useStepUp,
  type StepUpProof,
} from "@/components/admin/step-up-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { parseApiError } from "@/lib/http/api-error";

export interface OwnerInvitationRow {
  id: string;
  email: string;
  /** Who asked (null: the command line's import). */
  askedBy: string | null;
  askedByMe: boolean;
  askedAt: string;
  awaitingApproval: boolean;
  approvedBy: string | null;
  sentAt: string | null;
  /** Formatted expiry, and whether it has passed. */
  expires: { at: string; passed: boolean } | null;
}

/**
 * An admin invites the owner of an account that has no business yet (prefilled from the mirror), after a fresh
 * step-up: it hands the Stripe account to whoever holds the mailed link.
 */
export function OwnerInviteForm({
  accountId,
  email,
  businessName,
}: {
  accountId: string;
  email: string;
  businessName: string;
}) {
  const t = useTranslations("admin.ownerInvite");
  const ta = useTranslations("admin.actionForm");
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const stepUp = useStepUp("owner-invite-code");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function send(proof: StepUpProof) {
    const form = formRef.current ? new FormData(formRef.current) : new FormData();
    setError(null);
    setFields({});
    setPending(true);
    const response = await fetch(`/api/admin/accounts/${encodeURIComponent(accountId)}/owner-invitation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: String(form.get("email") ?? ""),
        businessName: String(form.get("businessName") ?? ""),
        ...proof,
      }),
    }).catch(() => null);
    setPending(false);
    const apiError = response?.ok ? null : parseApiError(await response?.json().catch(() => null));
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
    router.refresh();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const proof = stepUp.codeProof();
    if (proof) await send(proof);
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate data-testid="owner-invite-form">
      <p className="text-xs text-slate-600 dark:text-slate-300">{t("formHint")}</p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field
        id="owner-email"
        name="email"
        type="email"
        label={t("email")}
        defaultValue={email}
        required
        autoComplete="off"
        error={fields.email}
      />
      <Field
        id="owner-business"
        name="businessName"
        label={t("businessName")}
        defaultValue={businessName}
        required
        autoComplete="off"
        error={fields.businessName}
      />
      <StepUpField stepUp={stepUp} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? ta("working") : t("inviteSubmit")}
      </Button>
      <StepUpPasskeyButton
        stepUp={stepUp}
        ready={() => true}
        onProof={send}
        disabled={pending}
        className="w-full"
      />
    </form>
  );
}

/** The account's pending owner invitation(s): what they are, and what an admin may do with them. */
export function OwnerInvitations({
  accountId,
  invitations,
  canManage,
}: {
  accountId: string;
  invitations: OwnerInvitationRow[];
  canManage: boolean;
}) {
  const t = useTranslations("admin.ownerInvite");
  const [notice, setNotice] = useState<string | null>(null);
  const base = `/api/admin/accounts/${encodeURIComponent(accountId)}/owner-invitation`;
  return (
    <div className="space-y-3" data-testid="owner-invitations">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {invitations.map((invitation) => {
        const action = (key: "approve" | "reject" | "revoke") => ({
          label: t(`actions.${key}`),
          title: t(`titles.${key}`, { email: invitation.email }),
          hint: t(`hints.${key}`),
          submitLabel: t(`submit.${key}`),
          doneMessage: "",
          testId: `owner-${key}`,
        });
        return (
          <div key={invitation.id} className="space-y-2" data-testid="owner-invitation">
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
              <dt className="text-slate-500 dark:text-slate-400">{t("invitee")}</dt>
              <dd className="min-w-0 break-all font-medium">{invitation.email}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("askedBy")}</dt>
              <dd className="min-w-0 break-all">{invitation.askedBy ?? t("operator")}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("askedAt")}</dt>
              <dd>{invitation.askedAt}</dd>
              <dt className="text-slate-500 dark:text-slate-400">{t("status")}</dt>
              <dd data-testid="owner-invitation-status">
                {invitation.awaitingApproval ? (
                  <span className="text-amber-700 dark:text-amber-400">{t("awaiting")}</span>
                ) : (
                  <span className="space-y-0.5">
                    {invitation.sentAt ? (
                      <span className="block">{t("sent", { time: invitation.sentAt })}</span>
                    ) : null}
                    {invitation.expires ? (
                      <span
                        className={`block text-xs ${invitation.expires.passed ? "text-amber-700 dark:text-amber-400" : "text-slate-500 dark:text-slate-400"}`}
                      >
                        {invitation.expires.passed
                          ? t("expired", { time: invitation.expires.at })
                          : t("expires", { time: invitation.expires.at })}
                      </span>
                    ) : null}
                    {invitation.approvedBy ? (
                      <span className="block text-xs text-slate-500 dark:text-slate-400">
                        {t("approvedBy", { email: invitation.approvedBy })}
                      </span>
                    ) : null}
                  </span>
                )}
              </dd>
            </dl>
            {!canManage ? (
              <p className="text-xs text-slate-500 dark:text-slate-400">{t("readOnly")}</p>
            ) : (
              <>
                {invitation.awaitingApproval && invitation.askedByMe ? (
                  <p className="text-xs text-slate-500 dark:text-slate-400">{t("ownRequest")}</p>
                ) : null}
                <div className="flex flex-wrap items-start gap-2">
                  {invitation.awaitingApproval && !invitation.askedByMe ? (
                    <>
                      <ActionForm
                        {...action("approve")}
                        url={`${base}/approve`}
                        body={{ invitationId: invitation.id }}
                      />
                      <ActionForm
                        {...action("reject")}
                        url={`${base}/reject`}
                        body={{ invitationId: invitation.id }}
                        danger
                      />
                    </>
                  ) : null}
                  {!invitation.awaitingApproval ? (
                    <ActionForm
                      label={t("actions.resend")}
                      title={t("titles.resend", { email: invitation.email })}
                      hint={t("hints.resend")}
                      submitLabel={t("submit.resend")}
                      url={`${base}/resend`}
                      body={{ invitationId: invitation.id }}
                      reason={false}
                      doneMessage={t("resent", { email: invitation.email })}
                      onDone={setNotice}
                      testId="owner-resend"
                    />
                  ) : null}
                  <ActionForm
                    {...action("revoke")}
                    url={`${base}/revoke`}
                    body={{ invitationId: invitation.id }}
                    confirm
                    danger
                  />
                </div>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
