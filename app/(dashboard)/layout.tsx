import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireTenantRole } from "@/lib/auth/guards";
import { dashboardNav } from "@/lib/navigation";

// The layout draws the frame only; every page checks its own access as well (layouts are not a security boundary).
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const context = await requireTenantRole();
  const t = await getTranslations();
  const links = dashboardNav
    .filter((item) => item.roles.includes(context.role))
    .map((item) => ({ href: item.href, icon: item.icon, label: t(`nav.${item.labelKey}`) }));
  return (
    <AppShell
      user={{
        name: context.session.user.name,
        email: context.session.user.email,
        roleLabel: t(`roles.${context.role}`),
      }}
      context={context.tenant.name}
      links={links}
      navLabel={t("nav.dashboardSection")}
      homeHref="/"
    >
      {children}
    </AppShell>
  );
}
