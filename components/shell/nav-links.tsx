"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useNotificationCount } from "@/components/connect/notification-count";

export interface NavLink {
  href: string;
  label: string;
  icon: string;
  /** Shows the count the notification banner last reported. */
  notificationBadge?: boolean;
}

/** The notification banner's count as a badge: red when something needs action, grey otherwise. */
function NotificationBadge() {
  const t = useTranslations("connect");
  const count = useNotificationCount()?.count;
  if (!count || count.total <= 0) return null;
  return (
    <span
      data-testid="nav-notification-badge"
      aria-label={t("notificationsBadge", { count: count.total, actionRequired: count.actionRequired })}
      className={`ml-auto min-w-5 rounded-full px-1.5 text-center text-xs font-semibold leading-5 ${
        count.actionRequired > 0
          ? "bg-red-600 text-white"
          : "bg-slate-200 text-slate-700 dark:bg-slate-700 dark:text-slate-100"
      }`}
    >
      {count.total}
    </span>
  );
}

function isActive(pathname: string, href: string): boolean {
  if (href === "/" || href === "/admin") return pathname === href;
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Sidebar links with the current page highlighted. Icons are SVG path data from lib/navigation.ts.
 * Pages are prefetched on intent (hover, focus, touch), not when the sidebar scrolls into view: a dozen server renders
 * at once would compete with the page's embedded components, which load during those same first moments.
 */
export function NavLinks({ links, label }: { links: NavLink[]; label: string }) {
  const pathname = usePathname();
  const router = useRouter();
  return (
    <nav aria-label={label}>
      <ul className="space-y-0.5">
        {links.map((link) => {
          // The most specific link wins: /settings/payments is not also /settings.
          const active =
            isActive(pathname, link.href) &&
            !links.some((other) => other.href.length > link.href.length && isActive(pathname, other.href));
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                prefetch={false}
                onMouseEnter={() => router.prefetch(link.href)}
                onFocus={() => router.prefetch(link.href)}
                onTouchStart={() => router.prefetch(link.href)}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-2.5 rounded-lg px-3 py-2 text-sm font-medium transition ${
                  active
                    ? "bg-brand/10 text-brand-ink dark:bg-brand/20"
                    : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
                }`}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 20 20"
                  className="h-4 w-4 shrink-0"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                >
                  <path d={link.icon} strokeLinecap="round" strokeLinejoin="round" />
                </svg>
                {link.label}
                {link.notificationBadge ? <NotificationBadge /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
