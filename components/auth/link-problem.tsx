import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { AppError } from "@/lib/errors";

/** A mailed link that cannot be used (tampered, expired, used): what happened and where to go next. */
export async function LinkProblem({ error, retryHref }: { error: unknown; retryHref: string }) {
  if (!(error instanceof AppError)) throw error;
  const t = await getTranslations("auth");
  return (
    <>
      <h1 className="text-xl font-semibold">{t("linkProblemTitle")}</h1>
      <div className="mt-4">
        <Alert tone="error">{error.message}</Alert>
      </div>
      <p className="mt-6 text-center text-sm">
        <Link href={retryHref} className="font-medium text-brand-ink hover:underline">
          {t("linkProblemAction")}
        </Link>
      </p>
    </>
  );
}
