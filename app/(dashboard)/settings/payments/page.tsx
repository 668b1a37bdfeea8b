import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PaymentMethodSettingsView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Payment methods" };

// Only reachable when the platform switches the preview on and the profile may change the account (the policy).
export default async function PaymentMethodSettingsPage() {
  await requireDashboard({ anyOf: ["payment_method_settings"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("paymentMethodsTitle")} description={t("paymentMethodsBody")} />
      <PaymentMethodSettingsView />
    </>
  );
}
