import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { IssuingCardsView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Cards" };

// Only reachable when the platform offers Issuing and the account has the card_issuing capability (the policy).
export default async function CardsPage() {
  await requireDashboard({ anyOf: ["issuing_cards_list"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("cardsTitle")} description={t("cardsBody")} />
      <IssuingCardsView />
    </>
  );
}
