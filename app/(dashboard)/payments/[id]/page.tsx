import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PaymentDetailsView, PaymentDisputesView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Payment" };

// Stripe ids only: the component fetches the payment through the account's own session, so another account's id
// simply finds nothing.
const paymentId = /^(pi|ch|py)_[A-Za-z0-9]{6,64}$/;

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const context = await requireDashboard({ anyOf: ["payment_details"] });
  const { id } = await params;
  if (!paymentId.test(id)) notFound();
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader
        title={t("paymentTitle")}
        description={<span className="font-mono text-xs">{id}</span>}
        actions={
          <Link href="/payments" className="text-sm font-medium text-brand-ink hover:underline">
            ← {t("backToPayments")}
          </Link>
        }
      />
      <div className="space-y-6">
        <PaymentDetailsView paymentId={id} />
        {context.enabled.has("payment_disputes") ? <PaymentDisputesView paymentId={id} /> : null}
      </div>
    </>
  );
}
