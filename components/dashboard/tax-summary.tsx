import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { Detail } from "@/components/ui/detail";
import { loadTaxSummary, type TaxSummary } from "@/lib/connect/tax-summary";
import { log } from "@/lib/log";

const behaviors = ["inclusive", "exclusive", "inferred_by_currency"];
const registrationStatuses = ["active", "scheduled", "expired"];

/**
 * The account's tax settings and registrations, read-only, as Portico reads them from Stripe for the account: what the
 * tax components show, for a view of the account (those components have no read-only mode).
 */
export async function TaxSummaryView({ accountId }: { accountId: string }) {
  const t = await getTranslations("taxSummary");
  const format = await getFormatter();
  const locale = await getLocale();
  let summary: TaxSummary;
  try {
    summary = await loadTaxSummary(accountId);
  } catch (error) {
    log.warn({ err: error, event: "tax_summary.failed" }, "could not read the account's tax setup");
    return <Alert tone="error">{t("failed")}</Alert>;
  }
  const none = t("none");
  const office = summary.headOffice;
  const country = (code: string | null) =>
    code ? (new Intl.DisplayNames([locale], { type: "region" }).of(code) ?? code) : none;
  const date = (seconds: number) => format.dateTime(new Date(seconds * 1000), { dateStyle: "medium" });
  return (
    <div className="space-y-6" data-testid="tax-summary">
      <p className="text-sm text-slate-600 dark:text-slate-300">{t("readOnly")}</p>
      <Card title={t("settingsTitle")}>
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Detail label={t("status")}>
            {summary.status === "active" ? t("statusActive") : t("statusPending")}
          </Detail>
          <Detail label={t("headOffice")}>
            {office
              ? [
                  office.line1,
                  office.line2,
                  [office.postalCode, office.city].filter(Boolean).join(" "),
                  office.state,
                ]
                  .filter(Boolean)
                  .concat(country(office.country))
                  .join(", ")
              : t("headOfficeMissing")}
          </Detail>
          <Detail label={t("taxBehavior")}>
            {summary.taxBehavior && behaviors.includes(summary.taxBehavior)
              ? t(`behaviors.${summary.taxBehavior}`)
              : (summary.taxBehavior ?? t("behaviorUnset"))}
          </Detail>
          <Detail label={t("taxCode")}>
            {summary.taxCode ? <code className="text-xs">{summary.taxCode}</code> : none}
          </Detail>
        </dl>
      </Card>
      <Card title={t("registrationsTitle")}>
        {summary.registrations.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">{t("noRegistrations")}</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
              <tr>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("country")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("registrationStatus")}
                </th>
                <th scope="col" className="py-2 pr-4 font-medium">
                  {t("activeFrom")}
                </th>
                <th scope="col" className="py-2 font-medium">
                  {t("expires")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {summary.registrations.map((registration) => (
                <tr key={registration.id}>
                  <td className="py-2 pr-4">
                    {country(registration.country)}
                    {registration.region ? ` (${registration.region})` : ""}
                  </td>
                  <td className="py-2 pr-4">
                    {registrationStatuses.includes(registration.status)
                      ? t(`registrationStatuses.${registration.status}`)
                      : registration.status}
                  </td>
                  <td className="py-2 pr-4">{date(registration.activeFrom)}</td>
                  <td className="py-2">{registration.expiresAt ? date(registration.expiresAt) : none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {summary.moreRegistrations ? (
          <p className="mt-3 text-xs text-slate-600 dark:text-slate-300">{t("moreRegistrations")}</p>
        ) : null}
      </Card>
    </div>
  );
}
