import { getTranslations } from "next-intl/server";
import { MAIN_ID } from "./main-id";

/**
 * The page's first focusable element: hidden until focused, it lets a keyboard user jump past the sandbox strip,
 * the banner and the menu straight to the page's content.
 */
export async function SkipLink() {
  const t = await getTranslations("a11y");
  return (
    <a
      href={`#${MAIN_ID}`}
      className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-medium text-slate-900 shadow-lg ring-2 ring-brand-ink focus:not-sr-only focus:fixed focus:left-3 focus:top-3 dark:bg-slate-900 dark:text-slate-100"
    >
      {t("skipToContent")}
    </a>
  );
}
