import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { getPlatformConfig } from "@/lib/config";
import { connectOnboardingOptions } from "@/lib/connect/component-options";
import { getEnv } from "@/lib/env";
import { OnboardingFlow } from "./onboarding-flow";

export const metadata: Metadata = { title: "Set up payments" };

export default async function OnboardingPage() {
  const context = await requireDashboard({ onboarding: "allow" });
  if (!context.enabled.has("account_onboarding")) redirect("/");
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader
        title={t("onboardingTitle")}
        description={t("onboardingBody", { business: context.tenant.name })}
      />
      <OnboardingFlow
        hostedFallback={getEnv().stripe.mode !== "sandbox"}
        options={connectOnboardingOptions(getPlatformConfig().onboarding)}
      />
    </>
  );
}
