"use client";

import dynamic from "next/dynamic";
import type { OverviewChartData } from "./overview-charts";

/**
 * The charting library is the console's heaviest script: load it after the page, not with it, so the overview's
 * figures (server-rendered) show at once and the first load stays light.
 */
const Charts = dynamic(() => import("./overview-charts").then((m) => m.OverviewCharts), {
  ssr: false,
  loading: () => (
    <div
      role="status"
      aria-label="Loading charts"
      className="h-72 animate-pulse rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    />
  ),
});

export function OverviewChartsLazy({ data }: { data: OverviewChartData }) {
  return <Charts data={data} />;
}
