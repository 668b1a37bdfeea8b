"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { AccountStatus } from "@/lib/db/schema";

/**
 * The overview's charts. Colours come from CSS variables set per theme on the wrapper (light and dark), and axis
 * text uses currentColor, so the same SVG reads well in both themes. Each chart also lists its figures for screen
 * readers.
 */

export interface OverviewChartData {
  byStatus: Record<AccountStatus, number>;
  funnel: { created: number; detailsSubmitted: number; chargesEnabled: number; payoutsEnabled: number };
  newPerDay: { day: string; count: number }[];
  locale: string;
}

const statusColors: Record<AccountStatus, string> = {
  enabled: "var(--chart-green)",
  onboarding: "var(--chart-sky)",
  restricted: "var(--chart-amber)",
  rejected: "var(--chart-red)",
};

const themeVars =
  "[--chart-green:#059669] [--chart-sky:#0284c7] [--chart-amber:#d97706] [--chart-red:#dc2626] [--chart-brand:var(--color-brand)] [--chart-grid:#e2e8f0] [--chart-tooltip-bg:#ffffff] [--chart-tooltip-border:#e2e8f0] " +
  "dark:[--chart-green:#34d399] dark:[--chart-sky:#38bdf8] dark:[--chart-amber:#fbbf24] dark:[--chart-red:#f87171] dark:[--chart-grid:#1e293b] dark:[--chart-tooltip-bg:#0f172a] dark:[--chart-tooltip-border:#334155]";

const tooltipStyle = {
  contentStyle: {
    background: "var(--chart-tooltip-bg)",
    border: "1px solid var(--chart-tooltip-border)",
    borderRadius: 8,
    fontSize: 12,
  },
  labelStyle: { color: "inherit", fontWeight: 600 },
  itemStyle: { color: "inherit" },
  cursor: { fill: "var(--chart-grid)", opacity: 0.5 },
};

function ChartCard({
  title,
  description,
  testId,
  children,
  figures,
}: {
  title: string;
  description: string;
  testId: string;
  children: ReactNode;
  figures: { label: string; value: string }[];
}) {
  return (
    <figure
      className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
      data-testid={testId}
    >
      <figcaption>
        <h2 className="text-base font-semibold">{title}</h2>
        <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">{description}</p>
      </figcaption>
      {/* The drawing is for the eye (its figures are in the list below): hidden, with no keyboard stop inside. */}
      <div className="mt-4 h-60 text-slate-500 dark:text-slate-400" aria-hidden="true">
        {children}
      </div>
      <ul className="sr-only">
        {figures.map((f) => (
          <li key={f.label}>
            {f.label}: {f.value}
          </li>
        ))}
      </ul>
    </figure>
  );
}

export function OverviewCharts({ data }: { data: OverviewChartData }) {
  const t = useTranslations("admin");
  const number = new Intl.NumberFormat(data.locale);
  const dayLabel = new Intl.DateTimeFormat(data.locale, { month: "short", day: "numeric", timeZone: "UTC" });
  const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

  const statuses = (Object.keys(data.byStatus) as AccountStatus[]).map((status) => ({
    status,
    label: t(`status.${status}`),
    count: data.byStatus[status],
  }));
  const funnel = [
    { label: t("overview.funnel.created"), count: data.funnel.created },
    { label: t("overview.funnel.detailsSubmitted"), count: data.funnel.detailsSubmitted },
    { label: t("overview.funnel.chargesEnabled"), count: data.funnel.chargesEnabled },
    { label: t("overview.funnel.payoutsEnabled"), count: data.funnel.payoutsEnabled },
  ];
  const axis = { tick: { fill: "currentColor", fontSize: 12 }, stroke: "var(--chart-grid)" };

  return (
    <div className={`grid gap-6 lg:grid-cols-2 ${themeVars}`}>
      <ChartCard
        title={t("overview.byStatus")}
        description={t("overview.byStatusDescription")}
        testId="chart-status"
        figures={statuses.map((s) => ({ label: s.label, value: number.format(s.count) }))}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={statuses}
            layout="vertical"
            margin={{ left: 8, right: 16 }}
          >
            <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
            <XAxis type="number" {...axis} tickFormatter={(v: number) => number.format(v)} />
            <YAxis type="category" dataKey="label" width={96} {...axis} />
            <Tooltip
              {...tooltipStyle}
              formatter={(v) => [number.format(Number(v)), t("overview.accounts")]}
            />
            <Bar dataKey="count" radius={[0, 4, 4, 0]} isAnimationActive={false}>
              {statuses.map((s) => (
                <Cell key={s.status} fill={statusColors[s.status]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <ChartCard
        title={t("overview.funnelTitle")}
        description={t("overview.funnelDescription")}
        testId="chart-funnel"
        figures={funnel.map((f) => ({ label: f.label, value: number.format(f.count) }))}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            accessibilityLayer={false}
            data={funnel}
            layout="vertical"
            margin={{ left: 8, right: 16 }}
          >
            <CartesianGrid horizontal={false} stroke="var(--chart-grid)" />
            <XAxis type="number" {...axis} tickFormatter={(v: number) => number.format(v)} />
            <YAxis type="category" dataKey="label" width={128} {...axis} />
            <Tooltip
              {...tooltipStyle}
              formatter={(v) => [number.format(Number(v)), t("overview.accounts")]}
            />
            <Bar dataKey="count" fill="var(--chart-brand)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>

      <div className="lg:col-span-2">
        <ChartCard
          title={t("overview.newPerDay")}
          description={t("overview.newPerDayDescription")}
          testId="chart-new-accounts"
          figures={data.newPerDay.map((d) => ({ label: d.day, value: number.format(d.count) }))}
        >
          <ResponsiveContainer width="100%" height="100%">
            <AreaChart accessibilityLayer={false} data={data.newPerDay} margin={{ left: 8, right: 16 }}>
              <defs>
                <linearGradient id="new-accounts-fill" x1="0" y1="0" x2="0" y2="1">
                  <stop offset="0%" stopColor="var(--chart-brand)" stopOpacity={0.35} />
                  <stop offset="100%" stopColor="var(--chart-brand)" stopOpacity={0.02} />
                </linearGradient>
              </defs>
              <CartesianGrid vertical={false} stroke="var(--chart-grid)" />
              <XAxis dataKey="day" {...axis} tickFormatter={formatDay} minTickGap={24} />
              <YAxis
                {...axis}
                allowDecimals={false}
                width={48}
                tickFormatter={(v: number) => number.format(v)}
              />
              <Tooltip
                {...tooltipStyle}
                labelFormatter={(label) => formatDay(String(label))}
                formatter={(v) => [number.format(Number(v)), t("overview.newAccounts")]}
              />
              <Area
                type="monotone"
                dataKey="count"
                stroke="var(--chart-brand)"
                strokeWidth={2}
                fill="url(#new-accounts-fill)"
                isAnimationActive={false}
              />
            </AreaChart>
          </ResponsiveContainer>
        </ChartCard>
      </div>
    </div>
  );
}
