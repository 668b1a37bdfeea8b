import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ConnectProvider, type InitialSession } from "@/components/connect/connect-provider";
import { ImpersonationBanner } from "@/components/impersonation/impersonation-banner";
import { SettingsProvider } from "@/components/settings/settings-provider";
import { AppShell } from "@/components/shell/app-shell";
import { getPlatformConfig } from "@/lib/config";
import { mintAccountSession } from "@/lib/connect/account-session";
import { connectScriptUrl } from "@/lib/connect/scripts";
import { resolveSessionSubject } from "@/lib/connect/subject";
import { getDashboardContext } from "@/lib/dashboard/context";
import { getEnv } from "@/lib/env";
import { HttpError } from "@/lib/http/errors";
import { requestMeta } from "@/lib/http/request-meta";
import { requestLogger } from "@/lib/log";
import { dashboardNav } from "@/lib/navigation";
import { getUserSettings } from "@/lib/settings";

/**
 * The dashboard frame. On a full page load it starts the page's one Account Session during the server render and
 * streams it to the Connect instance (no waiting for hydration), while connect.js loads in parallel. Client-side
 * navigations, prefetches and refreshes never create one. Access is checked here and again in every page.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const context = await getDashboardContext();
  const t = await getTranslations();
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const settings = await getUserSettings(context.session.user.id);

  // Browsers mark a document load `Sec-Fetch-Dest: document`; client-side navigations, prefetches and refreshes are
  // fetches (`empty`). Next hides its own RSC headers from pages, so this is the signal that survives.
  const fetchDest = requestHeaders.get("sec-fetch-dest");
  const fullPageLoad = fetchDest === null || fetchDest === "document";
  let initialSession: Promise<InitialSession> | null = null;
  if (fullPageLoad && context.account && context.enabled.size > 0) {
    const log = requestLogger(requestHeaders.get("x-request-id") ?? "layout", {
      userId: context.session.user.id,
    });
    const meta = requestMeta(requestHeaders);
    initialSession = resolveSessionSubject(context.session, context.tenant.id)
      .then((subject) => mintAccountSession(subject, log, meta))
      .then(
        (minted): InitialSession => ({ clientSecret: minted.clientSecret, expiresAt: minted.expiresAt }),
        (error: unknown): InitialSession => ({
          error: error instanceof HttpError ? error.code : "internal_error",
        }),
      );
  }

  const { impersonation } = context;
  const links = dashboardNav
    .filter((item) => !item.anyOf || item.anyOf.some((key) => context.enabled.has(key)))
    .map((item) => ({ href: item.href, icon: item.icon, label: t(`nav.${item.labelKey}`) }));
  return (
    <SettingsProvider initial={settings} platformBrandColor={getPlatformConfig().brandColor}>
      <AppShell
        user={{
          name: context.session.user.name,
          email: context.session.user.email,
          roleLabel: impersonation ? t("roles.impersonating") : t(`roles.${context.role}`),
        }}
        context={context.tenant.name}
        links={links}
        navLabel={t("nav.dashboardSection")}
        homeHref="/"
        banner={
          impersonation ? (
            <ImpersonationBanner
              accountId={impersonation.accountId}
              businessName={impersonation.tenant.name}
              reason={impersonation.reason}
              profile={impersonation.profile}
              expiresAt={impersonation.expiresAt}
              canEscalate={context.session.user.platformRole === "admin"}
            />
          ) : null
        }
      >
        {/* An async script element, not preinit(): React puts it in the first HTML flush, so the browser fetches
            connect.js while the session is still being minted (a preinit hint only reaches the browser with the
            RSC payload, after the app's own chunks). */}
        {initialSession ? <script async src={connectScriptUrl()} nonce={nonce} /> : null}
        <ConnectProvider publishableKey={getEnv().stripe.publishableKey} initialSession={initialSession}>
          {children}
        </ConnectProvider>
      </AppShell>
    </SettingsProvider>
  );
}
