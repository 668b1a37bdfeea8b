import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { RequirementsList } from "@/components/accounts/requirements-list";
import { Pill, StatusBadge, YesNo } from "@/components/admin/badges";
import { StepUpMethodsProvider } from "@/components/admin/step-up-field";
import { Alert } from "@/components/ui/alert";
import { Card, PageHeader } from "@/components/ui/card";
import { Detail } from "@/components/ui/detail";
import { fetchLiveAccountData, type LiveResult } from "@/lib/accounts/live";
import { getMirroredAccount } from "@/lib/accounts/mirror";
import { paymentStatusWord, payoutStatusWord } from "@/lib/accounts/payment-status";
import { listAudit } from "@/lib/audit";
import { actionLabel, actorLabel } from "@/lib/audit/labels";
import { dashboardLabel } from "@/lib/accounts/labels";
import { requireConsole } from "@/lib/access/guards";
import { findTenantById, findTenantByStripeAccount } from "@/lib/tenancy/queries";
import { accountOwnership } from "@/lib/tenancy/owner-invitations";
import { listTeam } from "@/lib/tenancy/team";
import { idpStepUpProvider } from "@/lib/sso/service";
import { hasPasskey } from "@/lib/auth/passkeys";
import { ImpersonatePanel } from "./impersonate-panel";
import { MemberStatus } from "./member-status";
import { OwnerInvitations, OwnerInviteForm, type OwnerInvitationRow } from "./owner-panel";

export const metadata: Metadata = { title: "Connected account" };

const ACCOUNT_ID = /^acct_[A-Za-z0-9]{1,64}$/;

function LiveError({ result, label }: { result: LiveResult<unknown>; label: string }) {
  if (result.ok) return null;
  return (
    <Alert tone="warning">
      {label} <span className="text-xs opacity-80">({result.message})</span>
    </Alert>
  );
}

/**
 * Recent payments or payouts fetched live for the account: amount, status in words, id and a date, or why they are
 * missing.
 */
function LiveList<T extends { id: string; amount: number; currency: string }>({
  title,
  result,
  empty,
  failed,
  when,
  status,
  money,
  note,
  testId,
}: {
  title: string;
  result: LiveResult<T[]>;
  empty: string;
  failed: string;
  when: (item: T) => string;
  status: (item: T) => string;
  money: (amount: number, currency: string) => string;
  /** Said under the list (e.g. what it leaves out). */
  note?: string | null;
  testId: string;
}) {
  return (
    <section data-testid={testId}>
      <h3 className="text-sm font-semibold">{title}</h3>
      <LiveError result={result} label={failed} />
      {result.ok ? (
        result.data.length === 0 ? (
          <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">{empty}</p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {result.data.map((item) => (
              <li
                key={item.id}
                className="grid grid-cols-[minmax(5rem,auto)_1fr] items-center gap-x-3 gap-y-1 py-2 sm:grid-cols-[6rem_12rem_1fr_auto]"
              >
                <span className="font-medium">{money(item.amount, item.currency)}</span>
                <span>
                  <Pill>{status(item)}</Pill>
                </span>
                <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{item.id}</span>
                <span className="text-xs text-slate-500 dark:text-slate-400">{when(item)}</span>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {note ? <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{note}</p> : null}
    </section>
  );
}

export default async function AdminAccountPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireConsole("console.view");
  const { id } = await params;
  if (!ACCOUNT_ID.test(id)) notFound();
  const account = await getMirroredAccount(id);
  if (!account) notFound();

  const t = await getTranslations("admin");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  const money = (amount: number, currency: string) =>
    format.number(amount / 100, { style: "currency", currency: currency.toUpperCase() });

  const tenant = account.tenantId
    ? await findTenantById(account.tenantId)
    : await findTenantByStripeAccount(account.id);
  const [live, team, audit, idpProvider, ownership, viewerHasPasskey] = await Promise.all([
    fetchLiveAccountData(account.id),
    tenant ? listTeam(tenant.id) : Promise.resolve(null),
    listAudit({ accountId: account.id }, { limit: 20 }),
    idpStepUpProvider(access.user),
    accountOwnership(account.id),
    hasPasskey(access.user.id),
  ]);

  // Live requirements when Stripe answers, else the mirror's copy.
  const liveReq = live.account.ok ? live.account.data.requirements : null;
  const requirements = {
    currentlyDue: liveReq?.currently_due ?? account.requirements.currentlyDue,
    pastDue: liveReq?.past_due ?? account.requirements.pastDue,
    eventuallyDue: liveReq?.eventually_due ?? account.requirements.eventuallyDue,
    disabledReason: liveReq ? liveReq.disabled_reason : account.requirements.disabledReason,
    currentDeadline: liveReq?.current_deadline ?? null,
  };
  const name = account.businessName ?? t("accounts.unnamed");
  const canDisable = access.permissions.has("users.disable");
  const canLink = access.permissions.has("tenants.link");
  // Until someone has joined its business, the account's owner is invited from here (admins; support sees it).
  const unclaimed = ownership.memberCount === 0;
  const ownerInvitations: OwnerInvitationRow[] = ownership.invitations.map((invitation) => ({
    id: invitation.id,
    email: invitation.email,
    askedBy: invitation.invitedBy ? `${invitation.invitedBy.name} (${invitation.invitedBy.email})` : null,
    askedByMe: invitation.invitedBy?.id === access.user.id,
    askedAt: date(invitation.createdAt),
    awaitingApproval: invitation.awaitingApproval,
    approvedBy: invitation.approvedBy?.email ?? null,
    sentAt: invitation.sentAt === null ? null : date(invitation.sentAt),
    expires:
      invitation.expiresAt === null ? null : { at: date(invitation.expiresAt), passed: invitation.expired },
  }));
  // Other staff members' reasons only for those who may read them (lib/access/permissions.ts).
  const seesDetails = (entry: { actorUserId: string | null }) =>
    access.permissions.has("audit.view_sensitive") || entry.actorUserId === access.user.id;

  return (
    // Owner invitations and disabling members take a fresh step-up: what this staff member can confirm with.
    <StepUpMethodsProvider passkey={viewerHasPasskey} authenticator={access.session.assurance.enrolled}>
      <nav className="mb-3 text-sm">
        <Link href="/admin/accounts" className="text-slate-500 hover:text-brand-ink dark:text-slate-400">
          ← {t("accounts.title")}
        </Link>
      </nav>
      <PageHeader
        title={name}
        description={<span className="font-mono text-xs">{account.id}</span>}
        actions={<StatusBadge status={account.status} label={t(`status.${account.status}`)} />}
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card
            title={t("detail.overview")}
            description={t("detail.mirrorNote", { time: date(account.syncedAt) })}
          >
            <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3" data-testid="account-details">
              <Detail label={t("detail.email")}>{account.email ?? "—"}</Detail>
              <Detail label={t("detail.country")}>{account.country ?? "—"}</Detail>
              <Detail label={t("detail.currency")}>{account.defaultCurrency?.toUpperCase() ?? "—"}</Detail>
              <Detail label={t("detail.created")}>{date(account.created)}</Detail>
              <Detail label={t("detail.updated")}>{date(account.stripeUpdatedAt)}</Detail>
              <Detail label={t("detail.dashboard")}>
                {account.dashboardType ? dashboardLabel(account.dashboardType, t) : "—"}
              </Detail>
              <Detail label={t("detail.charges")}>
                <YesNo
                  value={account.chargesEnabled}
                  yes={t("accounts.chargesOn")}
                  no={t("accounts.chargesOff")}
                />
              </Detail>
              <Detail label={t("detail.payouts")}>
                <YesNo
                  value={account.payoutsEnabled}
                  yes={t("accounts.payoutsOn")}
                  no={t("accounts.payoutsOff")}
                />
              </Detail>
              <Detail label={t("detail.detailsSubmitted")}>
                {account.detailsSubmitted ? t("detail.yes") : t("detail.no")}
              </Detail>
              <Detail label={t("detail.requirementCollection")}>
                {account.requirementCollection ?? "—"}
              </Detail>
              <Detail label={t("detail.capabilities")}>
                <span className="flex flex-wrap gap-1">
                  {Object.entries(account.capabilities).length === 0
                    ? "—"
                    : Object.entries(account.capabilities).map(([capability, status]) => (
                        <Pill key={capability}>
                          {capability}: {status}
                        </Pill>
                      ))}
                </span>
              </Detail>
              {account.deauthorized ? (
                <Detail label={t("detail.connection")}>{t("detail.deauthorized")}</Detail>
              ) : null}
            </dl>
          </Card>

          <Card title={t("detail.requirements")} description={t("detail.requirementsDescription")}>
            <RequirementsList
              requirements={requirements}
              limited={account.status === "rejected" ? "rejected" : "restricted"}
              deadline={requirements.currentDeadline ? date(requirements.currentDeadline * 1000) : null}
            />
          </Card>

          <Card title={t("detail.live")} description={t("detail.liveDescription")}>
            <div className="space-y-5" data-testid="account-live">
              <LiveError result={live.account} label={t("detail.liveAccountFailed")} />
              <section>
                <h3 className="text-sm font-semibold">{t("detail.balance")}</h3>
                <LiveError result={live.balance} label={t("detail.liveFailed")} />
                {live.balance.ok ? (
                  <dl className="mt-2 grid grid-cols-2 gap-3 sm:grid-cols-4">
                    {live.balance.data.available.map((b) => (
                      <Detail
                        key={`a-${b.currency}`}
                        label={t("detail.available", { currency: b.currency.toUpperCase() })}
                      >
                        {money(b.amount, b.currency)}
                      </Detail>
                    ))}
                    {live.balance.data.pending.map((b) => (
                      <Detail
                        key={`p-${b.currency}`}
                        label={t("detail.pending", { currency: b.currency.toUpperCase() })}
                      >
                        {money(b.amount, b.currency)}
                      </Detail>
                    ))}
                  </dl>
                ) : null}
              </section>
              <LiveList
                testId="live-payments"
                title={t("detail.payments")}
                result={live.payments.ok ? { ok: true, data: live.payments.data.items } : live.payments}
                empty={t("detail.noPayments")}
                failed={t("detail.liveFailed")}
                when={(p) => date(p.created * 1000)}
                status={(p) => t(`paymentStatus.${paymentStatusWord(p)}`)}
                money={money}
                note={
                  live.payments.ok && live.payments.data.abandoned > 0
                    ? t("detail.abandonedCheckouts", { count: live.payments.data.abandoned })
                    : null
                }
              />
              <LiveList
                testId="live-payouts"
                title={t("detail.payoutsList")}
                result={live.payouts}
                empty={t("detail.noPayouts")}
                failed={t("detail.liveFailed")}
                when={(p) => t("detail.arrives", { time: date(p.arrival_date * 1000) })}
                status={(p) => t(`payoutStatus.${payoutStatusWord(p)}`)}
                money={money}
              />
            </div>
          </Card>

          <Card title={t("detail.audit")} description={t("detail.auditDescription")}>
            {audit.entries.length === 0 ? (
              <p className="text-sm text-slate-500 dark:text-slate-400">{t("detail.noAudit")}</p>
            ) : (
              <ul
                className="divide-y divide-slate-100 text-sm dark:divide-slate-800"
                data-testid="account-audit"
              >
                {audit.entries.map((entry) => (
                  <li key={entry.id} className="py-2">
                    <p>
                      <span className="font-medium">{actionLabel(entry.action, t)}</span>
                      <span className="text-slate-500 dark:text-slate-400">
                        {" "}
                        · {actorLabel(entry, t)} · {date(entry.occurredAt)}
                      </span>
                    </p>
                    {entry.reason && seesDetails(entry) ? (
                      <p className="text-xs text-slate-500 dark:text-slate-400">“{entry.reason}”</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
            <p className="mt-3 text-sm">
              <Link
                href={`/admin/audit?account=${encodeURIComponent(account.id)}`}
                className="text-brand-ink hover:underline"
              >
                {t("detail.fullAudit")}
              </Link>
            </p>
          </Card>
        </div>

        <div className="space-y-6">
          {access.permissions.has("view_as.start") ? (
            <ImpersonatePanel
              accountId={account.id}
              businessName={name}
              disabledReason={tenant ? null : t("impersonateDisabled")}
              idpProviderName={idpProvider}
              hasPasskey={viewerHasPasskey}
            />
          ) : null}
          {unclaimed ? (
            <Card title={t("ownerInvite.title")} description={t("ownerInvite.description")}>
              <div data-testid="account-owner">
                {ownerInvitations.length > 0 ? (
                  <OwnerInvitations
                    accountId={account.id}
                    invitations={ownerInvitations}
                    canManage={canLink}
                  />
                ) : account.deauthorized ? (
                  <p className="text-sm text-slate-500 dark:text-slate-400">
                    {t("ownerInvite.disconnected")}
                  </p>
                ) : canLink ? (
                  <OwnerInviteForm
                    accountId={account.id}
                    email={account.email ?? ""}
                    businessName={tenant?.name ?? account.businessName ?? ""}
                  />
                ) : (
                  <div className="space-y-1 text-sm text-slate-500 dark:text-slate-400">
                    <p>{t("ownerInvite.noOwner")}</p>
                    <p className="text-xs">{t("ownerInvite.supportHint")}</p>
                  </div>
                )}
              </div>
            </Card>
          ) : null}
          <Card title={t("detail.tenant")}>
            {tenant && team ? (
              <div className="space-y-3" data-testid="account-tenant">
                <div>
                  <p className="font-medium">{tenant.name}</p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    {tenant.slug} · {t("detail.since", { time: date(tenant.createdAt) })}
                  </p>
                </div>
                <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
                  {t("detail.members")}
                </h3>
                <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="account-members">
                  {team.members.map((member) => (
                    <li
                      key={member.membershipId}
                      className="flex flex-wrap items-center justify-between gap-2 py-2"
                    >
                      <div className="min-w-0">
                        <p className="truncate text-sm font-medium">{member.name}</p>
                        <p className="truncate text-xs text-slate-500 dark:text-slate-400">{member.email}</p>
                      </div>
                      <div className="flex items-center gap-2">
                        {member.disabled ? <Pill>{t("members.disabled")}</Pill> : null}
                        <Pill>{tr(member.role)}</Pill>
                      </div>
                      {canDisable ? (
                        <MemberStatus
                          userId={member.userId}
                          email={member.email}
                          disabled={member.disabled}
                        />
                      ) : null}
                    </li>
                  ))}
                </ul>
                {team.invitations.length > 0 ? (
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    {t("detail.pendingInvitations", { count: team.invitations.length })}
                  </p>
                ) : null}
              </div>
            ) : (
              <p className="text-sm text-slate-500 dark:text-slate-400">{t("detail.noTenant")}</p>
            )}
          </Card>
        </div>
      </div>
    </StepUpMethodsProvider>
  );
}
