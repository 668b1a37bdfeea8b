import Link from "next/link";
import { MAIN_ID } from "@/components/shell/main-id";
import { buttonClasses } from "./button";

/** Full-page message for 404, 403 and errors. */
export function StatusPage({
  code,
  title,
  body,
  linkLabel,
  href = "/",
}: {
  code: string;
  title: string;
  body: string;
  linkLabel: string;
  href?: string;
}) {
  return (
    <main id={MAIN_ID} className="flex flex-1 flex-col items-center justify-center px-4 py-16 text-center">
      <p className="text-sm font-semibold text-brand-ink">{code}</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">{title}</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500 dark:text-slate-400">{body}</p>
      <Link href={href} className={buttonClasses("secondary", "mt-6")}>
        {linkLabel}
      </Link>
    </main>
  );
}
