import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireConsole } from "@/lib/access/guards";
import { adminNav } from "@/lib/navigation";

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const access = await requireConsole("console.view");
  const t = await getTranslations();
  const messages = await getMessages();
  const role = access.platformRole ?? "support";
  return (
    <AppShell
      user={{ name: access.user.name, email: access.user.email, roleLabel: t(`roles.${role}`) }}
      context={t("nav.adminSection")}
      links={adminNav
        // Only what this staff member may open (the staff page is admins'): the page asks the same permission.
        .filter((item) => !item.permission || access.permissions.has(item.permission))
        .map((item) => ({ href: item.href, icon: item.icon, label: t(`nav.${item.labelKey}`) }))}
      navLabel={t("nav.adminSection")}
      homeHref="/admin"
    >
      {/* The console's client strings reach staff only, not every page's payload (app/layout.tsx's list). */}
      <NextIntlClientProvider
        messages={{ admin: messages.admin, sso: messages.sso, passkeys: messages.passkeys }}
      >
        {children}
      </NextIntlClientProvider>
    </AppShell>
  );
}
