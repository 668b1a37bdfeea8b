import type { Metadata } from "next";
import Image from "next/image";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MAIN_ID } from "@/components/shell/main-id";
import { getPlatformConfig } from "@/lib/config";
import { stripeJsUrl } from "@/lib/connect/scripts";
import { findTenantBySlug } from "@/lib/tenancy/queries";
import { CheckoutForm } from "./checkout-form";

export const metadata: Metadata = { title: "Pay" };

/** A public page where a customer pays a tenant. No session needed; shows the business's name and nothing else. */
export default async function PayPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const tenant = /^[a-z0-9-]{1,64}$/.test(slug) ? await findTenantBySlug(slug) : null;
  if (!tenant?.stripeAccountId) notFound();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const t = await getTranslations("pay");
  const config = getPlatformConfig();
  return (
    <main id={MAIN_ID} className="flex flex-1 flex-col items-center justify-center px-4 py-12">
      {/* Rendered, not preinit(): it lands in the first HTML flush, so Stripe.js loads alongside the page. */}
      <script async src={stripeJsUrl()} nonce={nonce} />
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-8 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-6 flex items-center gap-3">
          <Image src={config.logoUrl} alt="" width={32} height={32} />
          <div>
            <h1 className="text-lg font-semibold">{t("title", { business: tenant.name })}</h1>
            <p className="text-xs text-slate-500 dark:text-slate-400">{t("subtitle")}</p>
          </div>
        </div>
        <CheckoutForm slug={tenant.slug} currency={config.connectedAccounts.defaultCurrency} />
        <p className="mt-6 text-center text-xs text-slate-500 dark:text-slate-400">{t("poweredBy")}</p>
      </div>
    </main>
  );
}
