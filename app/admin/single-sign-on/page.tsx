import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SingleSignOnSection } from "@/components/auth/single-sign-on-section";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/card";
import { requireConsole } from "@/lib/access/guards";
import { getSsoSettings } from "@/lib/sso/settings";

export const metadata: Metadata = { title: "Single sign-on" };

/** Platform staff link (or unlink) the company account they sign in with. */
export default async function SingleSignOnPage({
  searchParams,
}: {
  searchParams: Promise<{ sso?: string | string[]; sso_error?: string | string[] }>;
}) {
  await requireConsole("profile.credentials");
  const t = await getTranslations("sso");
  const settings = getSsoSettings();
  return (
    <div className="max-w-xl">
      <PageHeader title={t("pageTitle")} />
      {settings ? (
        <SingleSignOnSection returnTo="/admin/single-sign-on" searchParams={await searchParams} />
      ) : (
        <Alert>{t("notConfigured")}</Alert>
      )}
    </div>
  );
}
