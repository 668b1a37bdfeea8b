import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { OverviewChartsLazy as OverviewCharts } from "@/components/admin/overview-charts-lazy";
import { PageHeader } from "@/components/ui/card";
import { getAccountStats } from "@/lib/accounts/stats";
import { requireConsole } from "@/lib/access/guards";
import { getPlatformConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Platform console" };

export default async function AdminOverviewPage() {
  await requireConsole("console.view");
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const stats = await getAccountStats();
  const newLast30 = stats.newPerDay.slice(-30).reduce((sum, d) => sum + d.count, 0);
  const tiles = [
    { label: t("admin.overview.total"), value: stats.total, href: "/admin/accounts" },
    {
      label: t("admin.status.enabled"),
      value: stats.byStatus.enabled,
      href: "/admin/accounts?filter=enabled",
    },
    {
      label: t("admin.overview.needsAttention"),
      value: stats.byStatus.restricted,
      href: "/admin/accounts?filter=restricted",
    },
    { label: t("admin.overview.newLast30"), value: newLast30, href: "/admin/accounts" },
  ];
  return (
    <>
      <PageHeader
        title={t("admin.title")}
        description={t("admin.subtitle", { platform: getPlatformConfig().name })}
      />
      <dl className="mb-6 grid grid-cols-2 gap-4 lg:grid-cols-4" data-testid="overview-tiles">
        {tiles.map((tile) => (
          // A dl's children are dt/dd or div groups: the link is the term, stretched over the whole tile.
          <div
            key={tile.label}
            className="relative rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand/50 dark:border-slate-800 dark:bg-slate-900"
          >
            <dt className="text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
              <Link href={tile.href} className="after:absolute after:inset-0 after:rounded-xl">
                {tile.label}
              </Link>
            </dt>
            <dd className="mt-1 text-2xl font-semibold tabular-nums">{format.number(tile.value)}</dd>
          </div>
        ))}
      </dl>
      <OverviewCharts
        data={{ byStatus: stats.byStatus, funnel: stats.funnel, newPerDay: stats.newPerDay, locale }}
      />
      <p className="mt-4 text-xs text-slate-500 dark:text-slate-400">
        {t("admin.overview.asOf", {
          time: format.dateTime(new Date(stats.computedAt), { dateStyle: "medium", timeStyle: "short" }),
        })}
      </p>
    </>
  );
}
