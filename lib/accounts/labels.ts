const dashboardTypes = ["full", "express", "none"];

/** The Stripe dashboard an account has (controller.stripe_dashboard.type, or the legacy account type). */
export function dashboardLabel(type: string, t: (key: string) => string): string {
  const key = type === "standard" ? "full" : type === "custom" ? "none" : type;
  return dashboardTypes.includes(key) ? t(`accounts.dashboards.${key}`) : type;
}
