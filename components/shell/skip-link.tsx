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
      // Above the window until focused (not sr-only, whose reset would strip its padding when shown).
      className="fixed left-3 top-3 z-50 -translate-y-24 rounded-lg bg-white px-4 py-2 text-sm font-medium text-slate-900 shadow-lg ring-2 ring-brand-ink focus:translate-y-0 dark:bg-slate-900 dark:text-slate-100"
    >
      {t("skipToContent")}
    </a>
  );
}
