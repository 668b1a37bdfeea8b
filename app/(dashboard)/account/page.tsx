import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AccountSummary } from "@/components/accounts/account-summary";
import { AccountManagementView } from "@/components/connect/embedded-components";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { getPlatformConfig } from "@/lib/config";
import { connectCollectionOptions } from "@/lib/connect/component-options";
import { ExpressDashboardLink } from "./express-dashboard-link";

export const metadata: Metadata = { title: "Account" };

/**
 * The business's account: Stripe's account management component for those who may change it, and everyone else —
 * staff, viewers, and platform staff viewing the account — a read-only summary from the mirror (the component has no
 * read-only mode, so it is never offered to them).
 */
export default async function AccountPage() {
  const context = await requireDashboard({ permission: "account.view" });
  const t = await getTranslations("pages");
  const manages = context.enabled.has("account_management");
  const express = manages && context.account?.dashboardType === "express";
  return (
    <>
      <PageHeader
        title={t("accountTitle")}
        description={t("accountBody")}
        actions={express ? <ExpressDashboardLink /> : null}
      />
      {manages ? (
        <AccountManagementView collectionOptions={connectCollectionOptions(getPlatformConfig().onboarding)} />
      ) : context.account ? (
        <AccountSummary account={context.account} viewing={context.impersonation !== null} />
      ) : (
        <Alert tone="warning">{(await getTranslations("home"))("noAccount")}</Alert>
      )}
    </>
  );
}
