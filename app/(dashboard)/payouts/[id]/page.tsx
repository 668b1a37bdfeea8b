import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PayoutDetailsView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Payout" };

export default async function PayoutPage({ params }: { params: Promise<{ id: string }> }) {
  await requireDashboard({ anyOf: ["payout_details"] });
  const { id } = await params;
  if (!/^po_[A-Za-z0-9]{6,64}$/.test(id)) notFound();
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader
        title={t("payoutTitle")}
        description={<span className="font-mono text-xs">{id}</span>}
        actions={
          <Link href="/payouts" className="text-sm font-medium text-brand-ink hover:underline">
            ← {t("backToPayouts")}
          </Link>
        }
      />
      <PayoutDetailsView payoutId={id} />
    </>
  );
}
