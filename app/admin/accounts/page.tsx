import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pill, StatusBadge, YesNo } from "@/components/admin/badges";
import { buttonClasses } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/card";
import { ScrollRegion } from "@/components/ui/scroll-region";
import {
  accountFilters,
  accountSorts,
  countAccounts,
  defaultDirection,
  parseAccountSearchQuery,
  searchAccounts,
  type AccountSearchQuery,
} from "@/lib/accounts/search";
import { dashboardLabel } from "@/lib/accounts/labels";
import { requireConsole } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Connected accounts" };

const PAGE_SIZE = 50;

/** The URL of the list with `changes` applied (a new search, filter or sort starts again from the first page). */
function listHref(query: AccountSearchQuery, changes: Partial<AccountSearchQuery>): string {
  const next = { ...query, cursor: null, ...changes };
  const params = new URLSearchParams();
  if (next.q) params.set("q", next.q);
  if (next.filter) params.set("filter", next.filter);
  if (next.sort !== "created") params.set("sort", next.sort);
  if (next.dir && next.dir !== defaultDirection(next.sort)) params.set("dir", next.dir);
  if (next.cursor) params.set("cursor", next.cursor);
  const text = params.toString();
  return text ? `/admin/accounts?${text}` : "/admin/accounts";
}

const selectClasses =
  "rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900";

export default async function AdminAccountsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const access = await requireConsole("console.view");
  const t = await getTranslations("admin");
  const format = await getFormatter();
  const query = parseAccountSearchQuery(await searchParams);
  const dir = query.dir ?? defaultDirection(query.sort);
  const [result, counts] = await Promise.all([
    searchAccounts({ ...query, limit: PAGE_SIZE }),
    countAccounts(query.q),
  ]);
  const inList = query.filter ? counts.byStatus[query.filter] : counts.total;
  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium" });

  return (
    <>
      <PageHeader
        title={t("accounts.title")}
        description={t("accounts.description")}
        actions={
          access.permissions.has("tenants.link") ? (
            <Link
              href="/admin/accounts/import"
              className={buttonClasses("secondary")}
              data-testid="accounts-import"
            >
              {t("import.open")}
            </Link>
          ) : null
        }
      />

      {/* Keyed by the query: a chip or a link changes the URL without remounting, and the selects' defaultValue
          would keep showing the previous filter. */}
      <form
        key={listHref(query, { cursor: query.cursor })}
        method="get"
        action="/admin/accounts"
        role="search"
        className="mb-4 grid gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-[1fr_auto_auto_auto_auto] dark:border-slate-800 dark:bg-slate-900"
      >
        <div className="space-y-1.5">
          <label
            htmlFor="account-search"
            className="block text-xs font-medium text-slate-600 dark:text-slate-300"
          >
            {t("accounts.searchLabel")}
          </label>
          <input
            id="account-search"
            name="q"
            type="search"
            defaultValue={query.q}
            placeholder={t("accounts.searchPlaceholder")}
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm outline-none transition focus:border-brand focus:ring-2 focus:ring-brand/30 dark:border-slate-700 dark:bg-slate-900"
          />
        </div>
        <div className="space-y-1.5">
          <label
            htmlFor="account-filter"
            className="block text-xs font-medium text-slate-600 dark:text-slate-300"
          >
            {t("accounts.filterLabel")}
          </label>
          <select
            id="account-filter"
            name="filter"
            defaultValue={query.filter ?? ""}
            className={selectClasses}
          >
            <option value="">{t("accounts.filterAll")}</option>
            {accountFilters.map((filter) => (
              <option key={filter} value={filter}>
                {t(`accounts.filters.${filter}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label
            htmlFor="account-sort"
            className="block text-xs font-medium text-slate-600 dark:text-slate-300"
          >
            {t("accounts.sortLabel")}
          </label>
          <select id="account-sort" name="sort" defaultValue={query.sort} className={selectClasses}>
            {accountSorts.map((sort) => (
              <option key={sort} value={sort}>
                {t(`accounts.sorts.${sort}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label
            htmlFor="account-dir"
            className="block text-xs font-medium text-slate-600 dark:text-slate-300"
          >
            {t("accounts.dirLabel")}
          </label>
          <select id="account-dir" name="dir" defaultValue={query.dir ?? ""} className={selectClasses}>
            <option value="">{t("accounts.dirDefault")}</option>
            <option value="asc">{t("accounts.dirAsc")}</option>
            <option value="desc">{t("accounts.dirDesc")}</option>
          </select>
        </div>
        <div className="flex items-end">
          <button type="submit" className={buttonClasses("primary", "w-full sm:w-auto")}>
            {t("accounts.searchButton")}
          </button>
        </div>
      </form>

      <nav aria-label={t("accounts.quickFilters")} className="mb-4 flex flex-wrap gap-2">
        {[null, ...accountFilters].map((filter) => {
          const active = query.filter === filter;
          return (
            <Link
              key={filter ?? "all"}
              href={listHref(query, { filter })}
              aria-current={active ? "true" : undefined}
              className={`rounded-full px-3 py-1 text-xs font-medium ring-1 ring-inset transition ${
                active
                  ? "bg-brand text-brand-foreground ring-brand"
                  : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800"
              }`}
            >
              {filter ? t(`accounts.filters.${filter}`) : t("accounts.filterAll")}
              {counts.capped ? null : (
                <>
                  {" "}
                  <span
                    className="ml-1.5 tabular-nums opacity-80"
                    data-testid={`filter-count-${filter ?? "all"}`}
                  >
                    {format.number(filter ? counts.byStatus[filter] : counts.total)}
                  </span>
                </>
              )}
            </Link>
          );
        })}
      </nav>

      <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        {result.rows.length === 0 ? (
          <p
            className="px-5 py-10 text-center text-sm text-slate-500 dark:text-slate-400"
            data-testid="accounts-empty"
          >
            {query.cursor ? t("accounts.noMore") : t("accounts.empty")}
          </p>
        ) : (
          <ScrollRegion label={t("accounts.caption")}>
            <table className="min-w-full text-left text-sm" data-testid="accounts-table">
              <caption className="sr-only">{t("accounts.caption")}</caption>
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:bg-slate-800/60 dark:text-slate-400">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("accounts.columns.account")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("accounts.columns.status")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("accounts.columns.capabilities")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("accounts.columns.requirements")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("accounts.columns.tenant")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("accounts.columns.created")}
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    {t("accounts.columns.updated")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {result.rows.map((row) => (
                  <tr key={row.id} className="align-top hover:bg-slate-50 dark:hover:bg-slate-800/50">
                    <td className="px-4 py-3">
                      <Link
                        href={`/admin/accounts/${row.id}`}
                        className="font-medium text-slate-900 hover:text-brand-ink hover:underline dark:text-slate-100"
                      >
                        {row.businessName ?? t("accounts.unnamed")}
                      </Link>
                      <p className="mt-0.5 font-mono text-xs text-slate-500 dark:text-slate-400">{row.id}</p>
                      <p className="text-xs text-slate-500 dark:text-slate-400">
                        {[row.email, row.country].filter(Boolean).join(" · ")}
                      </p>
                    </td>
                    <td className="px-4 py-3">
                      <div className="flex flex-col items-start gap-1">
                        <StatusBadge status={row.status} label={t(`status.${row.status}`)} />
                        {row.dashboardType ? (
                          <span className="text-xs text-slate-500 dark:text-slate-400">
                            {dashboardLabel(row.dashboardType, t)}
                          </span>
                        ) : null}
                      </div>
                    </td>
                    <td className="px-4 py-3">
                      <div className="flex flex-col gap-1">
                        <YesNo
                          value={row.chargesEnabled}
                          yes={t("accounts.chargesOn")}
                          no={t("accounts.chargesOff")}
                        />
                        <YesNo
                          value={row.payoutsEnabled}
                          yes={t("accounts.payoutsOn")}
                          no={t("accounts.payoutsOff")}
                        />
                      </div>
                    </td>
                    <td className="px-4 py-3 text-xs">
                      {row.pastDueCount + row.currentlyDueCount === 0 ? (
                        <span className="text-slate-500 dark:text-slate-400">{t("accounts.nothingDue")}</span>
                      ) : (
                        <div className="flex flex-col gap-0.5">
                          {row.pastDueCount > 0 ? (
                            <span className="font-medium text-red-700 dark:text-red-300">
                              {t("accounts.pastDueCount", { count: row.pastDueCount })}
                            </span>
                          ) : null}
                          {row.currentlyDueCount > 0 ? (
                            <span>{t("accounts.currentlyDueCount", { count: row.currentlyDueCount })}</span>
                          ) : null}
                        </div>
                      )}
                    </td>
                    <td className="px-4 py-3">
                      {row.tenantName ? (
                        <Pill>{row.tenantName}</Pill>
                      ) : (
                        <span className="text-xs text-slate-500 dark:text-slate-400">—</span>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600 dark:text-slate-300">
                      {date(row.created)}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600 dark:text-slate-300">
                      {date(row.stripeUpdatedAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </div>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
        <p className="text-slate-500 dark:text-slate-400" data-testid="accounts-total">
          {t("accounts.showing", { count: result.rows.length })} ·{" "}
          {counts.capped ? t("accounts.manyMatches") : t("accounts.matching", { count: inList })} ·{" "}
          {t("accounts.sortedBy", { sort: t(`accounts.sorts.${query.sort}`), dir: t(`accounts.dir.${dir}`) })}
        </p>
        <div className="flex gap-2">
          {result.prevCursor ? (
            <>
              <Link href={listHref(query, {})} className={buttonClasses("secondary")}>
                {t("accounts.firstPage")}
              </Link>
              <Link
                href={listHref(query, { cursor: result.prevCursor })}
                className={buttonClasses("secondary")}
                data-testid="accounts-previous"
              >
                {t("accounts.previousPage")}
              </Link>
            </>
          ) : null}
          {result.nextCursor ? (
            <Link
              href={listHref(query, { cursor: result.nextCursor })}
              className={buttonClasses("secondary")}
              data-testid="accounts-next"
            >
              {t("accounts.nextPage")}
            </Link>
          ) : null}
        </div>
      </div>
    </>
  );
}
