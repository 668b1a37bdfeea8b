"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import type { TenantRole } from "@/lib/db/schema";
import { parseApiError } from "@/lib/http/api-error";
import type { PendingInvitation, TeamMember } from "@/lib/tenancy/team";

const roles: TenantRole[] = ["owner", "staff", "viewer"];

type Confirming =
  { kind: "role"; member: TeamMember; role: TenantRole } | { kind: "remove"; member: TeamMember };

/**
 * The team list; owners can invite, change roles and remove (the server enforces every rule). A role change and a
 * removal are confirmed first, then said in the status line; after a removal, one click invites the person again.
 */
export function TeamManager({
  members,
  invitations,
  canManage,
  currentUserId,
  renderedAt,
}: {
  members: TeamMember[];
  invitations: PendingInvitation[];
  canManage: boolean;
  currentUserId: string;
  /** When the server read the invitations, to tell which links have expired. */
  renderedAt: number;
}) {
  const t = useTranslations("team");
  const tr = useTranslations("roles");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  // The person just removed, for "invite again" with their address and role.
  const [removed, setRemoved] = useState<{ name: string; email: string; role: TenantRole } | null>(null);

  async function send(path: string, method: string, body?: unknown): Promise<boolean> {
    setPending(true);
    setError(null);
    setNotice(null);
    const response = await fetch(path, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => null);
    const data: unknown = await response?.json().catch(() => null);
    setPending(false);
    if (!response?.ok) {
      setError(parseApiError(data)?.message ?? t("failed"));
      return false;
    }
    // Re-render the server component with the new team (an RSC request: no new Account Session).
    router.refresh();
    return true;
  }

  async function invite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const ok = await send("/api/team/invitations", "POST", {
      email: data.get("email"),
      role: data.get("role"),
    });
    if (ok) {
      setRemoved(null);
      setNotice(t("invited"));
      form.reset();
    }
  }

  async function confirmChange() {
    if (!confirming) return;
    const { member } = confirming;
    const path = `/api/team/members/${member.membershipId}`;
    if (confirming.kind === "role") {
      const ok = await send(path, "PATCH", { role: confirming.role });
      setConfirming(null);
      if (ok) {
        setRemoved(null);
        setNotice(t("roleChanged", { name: member.name, role: tr(confirming.role) }));
      }
      return;
    }
    const ok = await send(path, "DELETE");
    setConfirming(null);
    if (ok) {
      setRemoved({ name: member.name, email: member.email, role: member.role });
      setNotice(t("removed", { name: member.name }));
    }
  }

  async function inviteAgain() {
    if (!removed) return;
    const ok = await send("/api/team/invitations", "POST", { email: removed.email, role: removed.role });
    if (ok) {
      setNotice(t("reinvited", { email: removed.email, role: tr(removed.role) }));
      setRemoved(null);
    }
  }

  return (
    <div className="space-y-6">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {/* Always in the page, so what a change did is announced when it is said. */}
      <div role="status" data-testid="team-status">
        {notice ? (
          <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-3.5 py-2.5 text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">
            <span>{notice}</span>
            {removed && canManage ? (
              <Button variant="secondary" disabled={pending} onClick={inviteAgain}>
                {t("inviteAgain", { email: removed.email, role: tr(removed.role) })}
              </Button>
            ) : null}
          </div>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={
          confirming?.kind === "remove"
            ? t("removeTitle", { name: confirming.member.name })
            : confirming
              ? t("roleTitle", { name: confirming.member.name })
              : ""
        }
        confirmLabel={
          confirming?.kind === "remove"
            ? t("removeConfirm")
            : confirming
              ? t("roleConfirm", { role: tr(confirming.role) })
              : ""
        }
        cancelLabel={t("cancel")}
        danger={confirming?.kind === "remove"}
        pending={pending}
        onConfirm={confirmChange}
        onCancel={() => setConfirming(null)}
      >
        {confirming?.kind === "remove" ? (
          <p>{t("removeBody", { name: confirming.member.name, email: confirming.member.email })}</p>
        ) : confirming ? (
          <>
            <p>
              {t("roleBody", {
                name: confirming.member.name,
                from: tr(confirming.member.role),
                to: tr(confirming.role),
              })}
            </p>
            <p>{t(`roleMeans.${confirming.role}`)}</p>
          </>
        ) : null}
      </ConfirmDialog>
      <Card title={t("members")}>
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="team-members">
          {members.map((member) => (
            <li key={member.membershipId} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="text-sm font-medium">
                  {member.name}
                  {member.userId === currentUserId ? (
                    <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{t("you")}</span>
                  ) : null}
                </p>
                <p className="text-xs text-slate-500 dark:text-slate-400">{member.email}</p>
              </div>
              {canManage ? (
                <div className="flex items-center gap-2">
                  <label className="sr-only" htmlFor={`role-${member.membershipId}`}>
                    {t("roleOf", { name: member.name })}
                  </label>
                  <select
                    id={`role-${member.membershipId}`}
                    className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
                    value={member.role}
                    disabled={pending}
                    onChange={(event) => {
                      const role = roles.find((r) => r === event.target.value);
                      // The select keeps showing the current role until the change is confirmed and saved.
                      if (role && role !== member.role) setConfirming({ kind: "role", member, role });
                    }}
                  >
                    {roles.map((role) => (
                      <option key={role} value={role}>
                        {tr(role)}
                      </option>
                    ))}
                  </select>
                  <Button
                    variant="ghost"
                    disabled={pending}
                    onClick={() => setConfirming({ kind: "remove", member })}
                    aria-label={t("removeMember", { name: member.name })}
                  >
                    {t("remove")}
                  </Button>
                </div>
              ) : (
                <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">
                  {tr(member.role)}
                </span>
              )}
            </li>
          ))}
        </ul>
      </Card>

      {invitations.length > 0 ? (
        <Card title={t("pendingInvitations")}>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex items-center justify-between gap-3 py-3 text-sm">
                <span>
                  {invitation.email} · {tr(invitation.role)}
                  <span className="block text-xs text-slate-500 dark:text-slate-400">
                    {invitation.expiresAt === null
                      ? t("invitationNotSent")
                      : invitation.expiresAt < renderedAt
                        ? t("invitationExpired")
                        : t("invitationExpires", { date: new Date(invitation.expiresAt) })}
                  </span>
                </span>
                {canManage ? (
                  <span className="flex gap-1">
                    <Button
                      variant="ghost"
                      disabled={pending}
                      onClick={() => send(`/api/team/invitations/${invitation.id}/resend`, "POST", {})}
                    >
                      {t("resend")}
                    </Button>
                    <Button
                      variant="ghost"
                      disabled={pending}
                      onClick={() => send(`/api/team/invitations/${invitation.id}`, "DELETE")}
                    >
                      {t("revoke")}
                    </Button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {canManage ? (
        <Card title={t("inviteTitle")} description={t("inviteDescription")}>
          <form onSubmit={invite} className="flex flex-wrap items-end gap-3">
            <div className="min-w-64 flex-1">
              <Field id="invite-email" name="email" type="email" label={t("email")} required />
            </div>
            <div className="space-y-1.5">
              <label
                htmlFor="invite-role"
                className="block text-sm font-medium text-slate-700 dark:text-slate-200"
              >
                {t("role")}
              </label>
              <select
                id="invite-role"
                name="role"
                defaultValue="staff"
                className="rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-900"
              >
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {tr(role)}
                  </option>
                ))}
              </select>
            </div>
            <Button type="submit" disabled={pending}>
              {t("invite")}
            </Button>
          </form>
        </Card>
      ) : (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("readOnly")}</p>
      )}
    </div>
  );
}
