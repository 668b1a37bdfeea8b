import { getTranslations } from "next-intl/server";
import { getEnv } from "@/lib/env";

/**
 * In sandbox mode only, a slim strip on every page: nothing here is real (no money moves, no mail leaves the
 * machine), and where the mail went — the sandbox's inbox, where sign-up, reset and invitation links land.
 */
export async function SandboxBanner() {
  const { stripe } = getEnv();
  if (stripe.mode !== "sandbox" || !stripe.emulatorUrl) return null;
  const t = await getTranslations("sandbox");
  const inbox = new URL("/_emulator/inbox", stripe.emulatorUrl).toString();
  return (
    <div
      role="note"
      data-testid="sandbox-banner"
      className="flex flex-wrap items-center justify-center gap-x-3 gap-y-0.5 bg-amber-100 px-4 py-1 text-center text-xs text-amber-950 dark:bg-amber-950 dark:text-amber-100"
    >
      <span>
        <strong className="font-semibold">{t("label")}</strong>
        <span className="hidden sm:inline"> · {t("note")}</span>
      </span>
      <a href={inbox} target="_blank" rel="noreferrer" className="font-medium underline underline-offset-2">
        {t("inbox")}
      </a>
    </div>
  );
}
