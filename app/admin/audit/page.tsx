import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pill } from "@/components/admin/badges";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { auditActions, listAudit } from "@/lib/audit";
import {
  auditFilters,
  auditSearchParams,
  detailPairs,
  listPlatformStaff,
  parseAuditQuery,
} from "@/lib/audit/console";
import { groupAuditEntries } from "@/lib/audit/grouping";
import { actionLabel, actorLabel } from "@/lib/audit/labels";
import { requireConsole } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;

const inputClasses =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none transition focus:border-brand focus:ring-2 focus:ring-brand/30 dark:border-slate-700 dark:bg-slate-900";
const labelClasses = "block text-xs font-medium text-slate-600 dark:text-slate-300";

export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const access = await requireConsole("audit.view");
  const t = await getTranslations("admin");
  const format = await getFormatter();
  const query = parseAuditQuery(await searchParams);
  const filters = auditFilters(query);
  const [page, staff] = await Promise.all([
    listAudit(filters, { limit: PAGE_SIZE, cursor: query.cursor }),
    listPlatformStaff(),
  ]);
  const canExport = access.permissions.has("audit.export");
  // Other staff members' reasons, addresses and browsers only for those who may read them.
  const seesDetails = (entry: { actorUserId: string | null }) =>
    access.permissions.has("audit.view_sensitive") || entry.actorUserId === access.user.id;
  const exportParams = auditSearchParams(query).toString();
  const href = (changes: Parameters<typeof auditSearchParams>[1]) => {
    const text = auditSearchParams(query, changes).toString();
    return text ? `/admin/audit?${text}` : "/admin/audit";
  };

  return (
    <>
      <PageHeader
        title={t("audit.title")}
        description={t("audit.description")}
        actions={
          canExport ? (
            <a
              href={`/api/admin/audit/export${exportParams ? `?${exportParams}` : ""}`}
              className={buttonClasses("secondary")}
              download
              data-testid="audit-export"
            >
              {t("audit.export")}
            </a>
          ) : null
        }
      />

      <form
        method="get"
        action="/admin/audit"
        className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[repeat(5,minmax(0,1fr))_auto] dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="space-y-1.5">
          <label htmlFor="audit-staff" className={labelClasses}>
            {t("audit.staff")}
          </label>
          <select id="audit-staff" name="staff" defaultValue={query.staff ?? ""} className={inputClasses}>
            <option value="">{t("audit.anyone")}</option>
            {staff.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name} ({member.email})
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="audit-account" className={labelClasses}>
            {t("audit.account")}
          </label>
          <input
            id="audit-account"
            name="account"
            defaultValue={query.account ?? ""}
            placeholder="acct_…"
            className={inputClasses}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="audit-action" className={labelClasses}>
            {t("audit.action")}
          </label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""} className={inputClasses}>
            <option value="">{t("audit.anyAction")}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {actionLabel(action, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="audit-from" className={labelClasses}>
            {t("audit.from")}
          </label>
          <input
            id="audit-from"
            name="from"
            type="date"
            defaultValue={query.from ?? ""}
            className={inputClasses}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="audit-to" className={labelClasses}>
            {t("audit.to")}
          </label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} className={inputClasses} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClasses("primary")}>
            {t("audit.apply")}
          </button>
          <Link href="/admin/audit" className={buttonClasses("ghost")}>
            {t("audit.reset")}
          </Link>
        </div>
      </form>

      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {page.entries.length === 0 ? (
          <p
            className="px-5 py-10 text-center text-sm text-slate-500 dark:text-slate-400"
            data-testid="audit-empty"
          >
            {t("audit.empty")}
          </p>
        ) : (
          <ScrollRegion label={t("audit.title")}>
            <table className="min-w-full text-left text-sm" data-testid="audit-table">
              <caption className="sr-only">{t("audit.title")}</caption>
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("audit.columns.time")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("audit.columns.action")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("audit.columns.staff")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("audit.columns.account")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("audit.columns.reason")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("audit.columns.origin")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {groupAuditEntries(page.entries).map((item) => {
                  if (item.kind === "sessions") {
                    const newest = item.entries[0];
                    const oldest = item.entries.at(-1);
                    if (!newest || !oldest) return null;
                    const time = (ms: number) => format.dateTime(new Date(ms), { timeStyle: "medium" });
                    return (
                      <tr key={newest.id} className="align-top" data-testid="audit-session-group">
                        <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600 dark:text-slate-300">
                          {format.dateTime(new Date(oldest.occurredAt), {
                            dateStyle: "medium",
                            timeStyle: "medium",
                          })}
                          {" – "}
                          {time(newest.occurredAt)}
                        </td>
                        <td className="px-4 py-3" colSpan={5}>
                          <details>
                            <summary className="cursor-pointer font-medium">
                              {t("audit.sessionGroup", { count: item.entries.length })}
                              <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">
                                {actorLabel(newest, t)}
                                {newest.accountId ? ` · ${newest.accountId}` : ""}
                              </span>
                            </summary>
                            <ul className="mt-2 space-y-1 text-xs text-slate-600 dark:text-slate-300">
                              {item.entries.map((session) => (
                                <li key={session.id}>
                                  {time(session.occurredAt)}
                                  {session.profile
                                    ? ` · ${t("audit.profile", { profile: session.profile })}`
                                    : ""}
                                  {session.components.length > 0 ? ` · ${session.components.join(", ")}` : ""}
                                </li>
                              ))}
                            </ul>
                          </details>
                        </td>
                      </tr>
                    );
                  }
                  const entry = item.entry;
                  return (
                    <tr key={entry.id} className="align-top">
                      <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600 dark:text-slate-300">
                        {format.dateTime(new Date(entry.occurredAt), {
                          dateStyle: "medium",
                          timeStyle: "medium",
                        })}
                      </td>
                      <td className="px-4 py-3">
                        <span className="font-medium">{actionLabel(entry.action, t)}</span>
                        {entry.profile ? (
                          <div className="mt-1">
                            <Pill>{t("audit.profile", { profile: entry.profile })}</Pill>
                          </div>
                        ) : null}
                        {entry.components.length > 0 ? (
                          <p className="mt-1 max-w-56 text-xs text-slate-500 dark:text-slate-400">
                            {entry.components.join(", ")}
                          </p>
                        ) : null}
                        {seesDetails(entry) && Object.keys(entry.details).length > 0 ? (
                          <p className="mt-1 max-w-72 break-words text-xs text-slate-500 dark:text-slate-400">
                            {detailPairs(entry.details).join(" · ")}
                          </p>
                        ) : null}
                      </td>
                      <td className="px-4 py-3">
                        <p>{actorLabel(entry, t)}</p>
                        {entry.actorRole ? (
                          <p className="text-xs text-slate-500 dark:text-slate-400">{entry.actorRole}</p>
                        ) : null}
                      </td>
                      <td className="px-4 py-3">
                        {entry.accountId ? (
                          <Link
                            href={`/admin/accounts/${entry.accountId}`}
                            className="font-mono text-xs text-brand-ink hover:underline"
                          >
                            {entry.accountId}
                          </Link>
                        ) : (
                          "—"
                        )}
                      </td>
                      <td className="max-w-xs px-4 py-3 text-xs">
                        {seesDetails(entry) ? (entry.reason ?? "—") : t("audit.withheld")}
                      </td>
                      <td className="px-4 py-3 text-xs text-slate-500 dark:text-slate-400">
                        <p>{seesDetails(entry) ? (entry.ip ?? "—") : t("audit.withheld")}</p>
                        {seesDetails(entry) && entry.userAgent ? (
                          <p className="max-w-48 truncate" title={entry.userAgent}>
                            {entry.userAgent}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </div>

      <div className="mt-4 flex justify-end gap-2">
        {query.cursor ? (
          <Link href={href({})} className={buttonClasses("secondary")}>
            {t("accounts.firstPage")}
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={href({ cursor: page.nextCursor })} className={buttonClasses("secondary")}>
            {t("accounts.nextPage")}
          </Link>
        ) : null}
      </div>
    </>
  );
}
