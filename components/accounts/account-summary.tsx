import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { RequirementsList } from "@/components/accounts/requirements-list";
import { StatusBadge, YesNo } from "@/components/admin/badges";
import { Card } from "@/components/ui/card";
import { Detail } from "@/components/ui/detail";
import type { MirroredAccount } from "@/lib/accounts/mirror";
import { payoutScheduleText } from "./payout-schedule";

/**
 * The account's facts, read-only, from Portico's mirror: what Stripe's account management and notification banner
 * components would show, for the profiles that may not change them (those components have no read-only mode).
 */
export async function AccountSummary({ account, viewing }: { account: MirroredAccount; viewing: boolean }) {
  const t = await getTranslations("accountSummary");
  const format = await getFormatter();
  const locale = await getLocale();
  const { profile } = account;
  const none = t("none");
  const schedule = profile.payoutSchedule;
  const scheduleText = schedule ? payoutScheduleText(schedule, t, locale) : none;
  const businessType =
    profile.businessType &&
    ["individual", "company", "non_profit", "government_entity"].includes(profile.businessType)
      ? t(`businessTypes.${profile.businessType}`)
      : (profile.businessType ?? none);

  return (
    <div className="space-y-6" data-testid="account-summary">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {viewing ? t("readOnlyView") : t("readOnly")}
      </p>
      <Card
        title={t("status")}
        description={t("synced", {
          time: format.dateTime(new Date(account.syncedAt), { dateStyle: "medium", timeStyle: "short" }),
        })}
        actions={<StatusBadge status={account.status} label={t(`statuses.${account.status}`)} />}
      >
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Detail label={t("charges")}>
            <YesNo value={account.chargesEnabled} yes={t("on")} no={t("off")} />
          </Detail>
          <Detail label={t("payouts")}>
            <YesNo value={account.payoutsEnabled} yes={t("on")} no={t("off")} />
          </Detail>
        </dl>
      </Card>

      <Card title={t("business")}>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Detail label={t("legalName")}>{profile.legalName ?? none}</Detail>
          <Detail label={t("businessType")}>{businessType}</Detail>
          <Detail label={t("publicName")}>
            {profile.businessProfile.name ?? account.businessName ?? none}
          </Detail>
          <Detail label={t("website")}>{profile.businessProfile.url ?? none}</Detail>
          <Detail label={t("supportEmail")}>{profile.businessProfile.supportEmail ?? none}</Detail>
          <Detail label={t("supportPhone")}>{profile.businessProfile.supportPhone ?? none}</Detail>
          <Detail label={t("product")}>{profile.businessProfile.productDescription ?? none}</Detail>
          <Detail label={t("statementDescriptor")}>{profile.statementDescriptor ?? none}</Detail>
          <Detail label={t("email")}>{account.email ?? none}</Detail>
          <Detail label={t("country")}>{account.country ?? none}</Detail>
          <Detail label={t("currency")}>{account.defaultCurrency?.toUpperCase() ?? none}</Detail>
        </dl>
      </Card>

      <Card title={t("payoutSettings")}>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Detail label={t("schedule")}>
            {scheduleText}
            {schedule?.delayDays ? (
              <span className="block text-xs text-slate-500 dark:text-slate-400">
                {t("delay", { days: schedule.delayDays })}
              </span>
            ) : null}
          </Detail>
          <Detail label={t("bankAccounts")}>
            {profile.externalAccounts.length === 0 ? (
              t("noBankAccounts")
            ) : (
              <ul className="space-y-1" data-testid="account-bank-accounts">
                {profile.externalAccounts.map((external) => (
                  <li key={external.id}>
                    {external.name ?? none} •••• {external.last4}
                    {external.currency ? ` · ${external.currency.toUpperCase()}` : ""}
                    {external.defaultForCurrency ? ` · ${t("default")}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </Detail>
        </dl>
      </Card>

      <Card title={t("requirements")} description={t("requirementsOwner")}>
        <RequirementsList
          requirements={account.requirements}
          limited={account.status === "rejected" ? "rejected" : "restricted"}
        />
      </Card>
    </div>
  );
}
