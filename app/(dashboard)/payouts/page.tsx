import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InstantPayoutsPromotionView, PayoutsView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Payouts" };

export default async function PayoutsPage() {
  const context = await requireDashboard({ anyOf: ["payouts", "payouts_list"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("payoutsTitle")} description={t("payoutsBody")} />
      <div className="space-y-6">
        {context.enabled.has("instant_payouts_promotion") ? <InstantPayoutsPromotionView /> : null}
        <PayoutsView full={context.enabled.has("payouts")} />
      </div>
    </>
  );
}
