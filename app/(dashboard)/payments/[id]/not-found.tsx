import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClasses } from "@/components/ui/button";

/** An unknown payment id (or another account's): said plainly, inside the dashboard, with the way back. */
export default async function PaymentNotFound() {
  const t = await getTranslations("pages");
  return (
    <div className="flex flex-col items-center py-16 text-center" data-testid="payment-not-found">
      <p className="text-sm font-semibold text-brand">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{t("paymentNotFoundTitle")}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500 dark:text-slate-400">{t("paymentNotFoundBody")}</p>
      <Link href="/payments" className={buttonClasses("secondary", "mt-6")}>
        {t("backToPayments")}
      </Link>
    </div>
  );
}
