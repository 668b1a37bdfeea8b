import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requireConsole } from "@/lib/access/guards";
import { ACCOUNT_IMPORT_MAX_BYTES, ACCOUNT_IMPORT_MAX_ROWS } from "@/lib/tenancy/account-import";
import { AccountImport } from "./account-import";

export const metadata: Metadata = { title: "Import accounts" };

/** Admins give many existing accounts their business at once (support and everyone else get the console's 404). */
export default async function AccountImportPage() {
  await requireConsole("tenants.link");
  const t = await getTranslations("admin.import");
  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/admin/accounts" className="text-slate-500 hover:text-brand dark:text-slate-400">
          ← {t("back")}
        </Link>
      </nav>
      <PageHeader title={t("title")} description={t("description")} />
      <AccountImport maxBytes={ACCOUNT_IMPORT_MAX_BYTES} maxRows={ACCOUNT_IMPORT_MAX_ROWS} />
    </>
  );
}
