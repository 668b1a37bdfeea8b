import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PaymentDetailsView, PaymentDisputesView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { findPaymentRecord } from "@/lib/connect/payment-record";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const context = await requireDashboard({ anyOf: ["payment_details"] });
  const { id } = await params;
  // Asked of Stripe first, for the account being viewed: an unknown id (or another account's) is a 404 page rather
  // than a component that fails to load.
  const accountId = context.tenant.stripeAccountId;
  if (!accountId) notFound();
  try {
    await findPaymentRecord(accountId, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    // Stripe slow or down: the page still renders, and the component says so with its own retry.
    log.warn({ err: error, event: "payment_page.lookup_failed" }, "could not look the payment up");
  }
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
