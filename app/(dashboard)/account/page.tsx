import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountManagementView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboardPage } from "@/lib/dashboard/context";
import { ExpressDashboardLink } from "./express-dashboard-link";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const context = await requireDashboardPage({ anyOf: ["account_management"] });
  const t = await getTranslations("pages");
  const express = context.account?.dashboardType === "express" && context.profile === "owner";
  return (
    <>
      <PageHeader
        title={t("accountTitle")}
        description={t("accountBody")}
        actions={express ? <ExpressDashboardLink /> : null}
      />
      <AccountManagementView />
    </>
  );
}
