import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { StepUpMethodsProvider } from "@/components/admin/step-up-field";
import { PageHeader } from "@/components/ui/card";
import { requireConsole } from "@/lib/access/guards";
import { hasPasskey } from "@/lib/auth/passkeys";
import { ACCOUNT_IMPORT_MAX_BYTES, ACCOUNT_IMPORT_MAX_ROWS } from "@/lib/tenancy/account-import";
import { AccountImport } from "./account-import";

export const metadata: Metadata = { title: "Import accounts" };

/** Admins give many existing accounts their business at once (support and everyone else get the console's 404). */
export default async function AccountImportPage() {
  const access = await requireConsole("tenants.link");
  const t = await getTranslations("admin.import");
  const passkey = await hasPasskey(access.user.id);
  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/admin/accounts" className="text-slate-500 hover:text-brand-ink dark:text-slate-400">
          ← {t("back")}
        </Link>
      </nav>
      <PageHeader title={t("title")} description={t("description")} />
      {/* The import itself (not its dry run) takes a fresh step-up: what this staff member can confirm with. */}
      <StepUpMethodsProvider passkey={passkey} authenticator={access.session.assurance.enrolled}>
        <AccountImport maxBytes={ACCOUNT_IMPORT_MAX_BYTES} maxRows={ACCOUNT_IMPORT_MAX_ROWS} />
      </StepUpMethodsProvider>
    </>
  );
}
