"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import type { TenantRole } from "@/lib/db/schema";
import { parseApiError } from "@/lib/http/api-error";
import type { PendingInvitation, TeamMember } from "@/lib/tenancy/team";

const roles: TenantRole[] = ["owner", "staff", "viewer"];

/** The team list; owners can invite, change roles and remove (the server enforces every rule). */
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
      setNotice(t("invited"));
      form.reset();
    }
  }

  return (
    <div className="space-y-6">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Card title={t("members")}>
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="team-members">
          {members.map((member) => (
            <li key={member.membershipId} className="flex flex-wrap items-center justify-between gap-3 py-3">
              <div>
                <p className="text-sm font-medium">
                  {member.name}
                  {member.userId === currentUserId ? (
                    <span className="ml-2 text-xs text-slate-400">{t("you")}</span>
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
                    onChange={(event) =>
                      send(`/api/team/members/${member.membershipId}`, "PATCH", { role: event.target.value })
                    }
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
                    onClick={() => send(`/api/team/members/${member.membershipId}`, "DELETE")}
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
