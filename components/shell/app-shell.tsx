import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { getPlatformConfig } from "@/lib/config";
import { MobileNavToggle } from "./mobile-nav-toggle";
import { NavLinks, type NavLink } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { MAIN_ID } from "./main-id";

export interface ShellUser {
  name: string;
  email: string;
  roleLabel: string;
}

/** The signed-in frame of every dashboard and console page: sidebar, header with the user, and sign-out. */
export async function AppShell({
  user,
  context,
  links,
  navLabel,
  homeHref,
  banner,
  switcher,
  children,
}: {
  user: ShellUser;
  context: string;
  links: NavLink[];
  navLabel: string;
  homeHref: string;
  banner?: ReactNode;
  /** For a person with several businesses: the switcher, in place of the business's name. */
  switcher?: ReactNode;
  children: ReactNode;
}) {
  const t = await getTranslations();
  const { name, logoUrl } = getPlatformConfig();
  const sidebar = (
    <div className="flex h-full flex-col gap-6">
      <Link href={homeHref} className="flex items-center gap-2 px-2">
        {/* A plain img: a 28 px logo gains nothing from next/image, whose client code every dashboard page would load. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={logoUrl} alt="" width={28} height={28} decoding="async" />
        <span className="text-base font-semibold tracking-tight">{name}</span>
      </Link>
      <div className="px-2">
        {switcher ?? (
          <p
            className="truncate text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400"
            data-testid="shell-context"
          >
            {context}
          </p>
        )}
      </div>
      <div className="flex-1">
        <NavLinks links={links} label={navLabel} />
      </div>
      <div className="border-t border-slate-200 pt-3 dark:border-slate-800">
        <SignOutButton />
      </div>
    </div>
  );
  return (
    <div className="flex flex-1 flex-col">
      {banner}
      <div className="flex flex-1">
        <aside className="hidden w-64 shrink-0 border-r border-slate-200 bg-white px-3 py-5 lg:block dark:border-slate-800 dark:bg-slate-900">
          {sidebar}
        </aside>
        <div className="flex min-w-0 flex-1 flex-col">
          <header className="flex h-14 items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 sm:px-6 dark:border-slate-800 dark:bg-slate-900">
            <div className="flex items-center gap-2">
              <MobileNavToggle openLabel={t("common.openMenu")} closeLabel={t("common.closeMenu")}>
                {sidebar}
              </MobileNavToggle>
              <span className="text-sm font-medium text-slate-600 lg:hidden dark:text-slate-300">
                {context}
              </span>
            </div>
            <div className="flex items-center gap-3" data-testid="current-user">
              <div className="text-right leading-tight">
                <p className="text-sm font-medium">{user.name}</p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  {user.email} · {user.roleLabel}
                </p>
              </div>
              <span
                aria-hidden="true"
                className="flex h-8 w-8 items-center justify-center rounded-full bg-brand/15 text-sm font-semibold text-brand-ink"
              >
                {user.name.slice(0, 1).toUpperCase()}
              </span>
            </div>
          </header>
          <main id={MAIN_ID} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
            {children}
          </main>
        </div>
      </div>
    </div>
  );
}
