import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { IssuingCardView, IssuingCardsView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Cards" };

// Only reachable when the platform offers Issuing and the account has the card_issuing capability (the policy).
export default async function CardsPage() {
  const context = await requireDashboard({ anyOf: ["issuing_card", "issuing_cards_list"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("cardsTitle")} description={t("cardsBody")} />
      <div className="space-y-6">
        {context.enabled.has("issuing_card") ? <IssuingCardView /> : null}
        {context.enabled.has("issuing_cards_list") ? (
          <section>
            <h2 className="mb-3 text-base font-semibold">{t("cardsAll")}</h2>
            <IssuingCardsView />
          </section>
        ) : null}
      </div>
    </>
  );
}
