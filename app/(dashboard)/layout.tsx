import { headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { Suspense, type ReactNode } from "react";
import {
  CONNECT_BOOT_PATH,
  CONNECT_CONFIG_ELEMENT_ID,
  scriptSafeJson,
  type ConnectBootConfig,
  type StreamedSession,
} from "@/components/connect/boot/protocol";
import { ConnectProvider } from "@/components/connect/connect-provider";
import { NotificationCountProvider } from "@/components/connect/notification-count";
import { StreamedSessionScript } from "@/components/connect/streamed-session-script";
import { ImpersonationBanner } from "@/components/impersonation/impersonation-banner";
import { idpStepUpProvider } from "@/lib/sso/service";
import { SettingsProvider } from "@/components/settings/settings-provider";
import { AppShell } from "@/components/shell/app-shell";
import { BusinessSwitcher } from "@/components/shell/business-switcher";
import { getPlatformConfig } from "@/lib/config";
import type { SupportedLocale } from "@/lib/config/platform-config";
import { connectAppearance, connectLocale } from "@/lib/connect/appearance";
import { mintAccountSession } from "@/lib/connect/account-session";
import { connectPreconnects, connectScriptUrl } from "@/lib/connect/scripts";
import { getDashboardAccess } from "@/lib/access/guards";
import { getEnv } from "@/lib/env";
import { asHttpError } from "@/lib/http/error-conversion";
import { PAGE_PATH_HEADER } from "@/lib/http/page-path";
import { requestMeta } from "@/lib/http/request-meta";
import { requestLogger } from "@/lib/log";
import { dashboardNav, visibleNav } from "@/lib/navigation";
import { getUserSettings } from "@/lib/settings";
import { hasPasskey } from "@/lib/auth/passkeys";

/**
 * The dashboard frame. On a full page load it starts the page's one Account Session during the server render and
 * streams it into the page, while connect.js and the Connect boot script load from the first flush: the boot mounts
 * the components as soon as both are there, without waiting for React (components/connect/boot). Client-side
 * navigations, prefetches and refreshes never create one. Access is checked here and again in every page; the
 * Account Session plan is computed once per request and shared by the navigation, the page's guard and the mint.
 */
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const context = await getDashboardAccess();
  const t = await getTranslations();
  const requestHeaders = await headers();
  const nonce = requestHeaders.get("x-nonce") ?? undefined;
  const settings = await getUserSettings(context.session.user.id);

  // Browsers mark a document load `Sec-Fetch-Dest: document`; client-side navigations, prefetches and refreshes are
  // fetches (`empty`). Next hides its own RSC headers from pages, so this is the signal that survives.
  const fetchDest = requestHeaders.get("sec-fetch-dest");
  const fullPageLoad = fetchDest === null || fetchDest === "document";
  const { plan } = context;
  const usesConnect = plan !== null && plan.enabled.size > 0;
  let initialSession: Promise<StreamedSession> | null = null;
  if (fullPageLoad && usesConnect) {
    const log = requestLogger(requestHeaders.get("x-request-id") ?? "layout", {
      userId: context.session.user.id,
    });
    const meta = requestMeta(requestHeaders);
    initialSession = mintAccountSession(context, plan, log, meta, requestHeaders.get(PAGE_PATH_HEADER)).then(
      (minted): StreamedSession => ({ clientSecret: minted.clientSecret, expiresAt: minted.expiresAt }),
      (error: unknown): StreamedSession => ({
        error: asHttpError(error)?.code ?? "internal_error",
      }),
    );
  }

  const brandColor = settings.brandColor ?? getPlatformConfig().brandColor;
  const connectConfig: ConnectBootConfig = {
    publishableKey: getEnv().stripe.publishableKey,
    locale: connectLocale((await getLocale()) as SupportedLocale),
    theme: settings.theme,
    appearance: {
      light: connectAppearance({ dark: false, brandColor, overlay: settings.overlay }),
      dark: connectAppearance({ dark: true, brandColor, overlay: settings.overlay }),
    },
    streamedSession: initialSession !== null,
  };

  const { impersonation } = context;
  // Staff linked to the IdP may confirm an escalation there instead of with a code.
  const mayEscalate = context.permissions.has("view_as.escalate");
  const [idpProvider, staffHasPasskey] = mayEscalate
    ? await Promise.all([idpStepUpProvider(context.session.user), hasPasskey(context.session.user.id)])
    : [null, false];
  // A person with several businesses switches between them here; staff viewing an account have none to switch to.
  const others = context.memberships.filter((m) => m.tenantId !== context.tenant.id);
  const switcher =
    !impersonation && others.length > 0 ? (
      <BusinessSwitcher
        current={{
          tenantId: context.tenant.id,
          name: context.tenant.name,
          roleLabel: t(`roles.${context.tenantRole ?? "viewer"}`),
        }}
        others={others.map((m) => ({ tenantId: m.tenantId, name: m.name, roleLabel: t(`roles.${m.role}`) }))}
        labels={{
          switchBusiness: t("common.switchBusiness"),
          current: t("common.currentBusiness"),
          failed: t("common.switchFailed"),
        }}
      />
    ) : null;
  const summaries = new Set(context.taxSummary ? ["/tax"] : []);
  const links = visibleNav(dashboardNav, context.permissions, context.enabled, summaries).map((item) => ({
    href: item.href,
    icon: item.icon,
    label: t(`nav.${item.labelKey}`),
    notificationBadge: item.notificationBadge,
  }));
  return (
    <SettingsProvider initial={settings} platformBrandColor={getPlatformConfig().brandColor}>
      <NotificationCountProvider>
        <AppShell
          user={{
            name: context.session.user.name,
            email: context.session.user.email,
            roleLabel: impersonation
              ? t("roles.impersonating")
              : t(`roles.${context.tenantRole ?? "viewer"}`),
          }}
          context={context.tenant.name}
          links={links}
          navLabel={t("nav.dashboardSection")}
          homeHref="/"
          switcher={switcher}
          banner={
            impersonation ? (
              <ImpersonationBanner
                accountId={impersonation.accountId}
                businessName={impersonation.tenant.name}
                reason={impersonation.reason}
                profile={impersonation.profile}
                expiresAt={impersonation.expiresAt}
                canEscalate={context.permissions.has("view_as.escalate")}
                idpProviderName={idpProvider}
                hasPasskey={staffHasPasskey}
              />
            ) : null
          }
        >
          {/* Rendered async script elements, not preinit() hints: React puts them in the first HTML flush, so the browser
            fetches both while the session is still being minted (a hint only arrives with the RSC payload). */}
          {usesConnect ? (
            <>
              {connectPreconnects().map((link) => (
                <link key={`${link.href}-${link.crossOrigin ?? ""}`} rel="preconnect" {...link} />
              ))}
              <script async src={connectScriptUrl()} nonce={nonce} fetchPriority="high" />
              <script async src={CONNECT_BOOT_PATH} nonce={nonce} fetchPriority="high" />
              <script
                type="application/json"
                id={CONNECT_CONFIG_ELEMENT_ID}
                dangerouslySetInnerHTML={{ __html: scriptSafeJson(connectConfig) }}
              />
            </>
          ) : null}
          {initialSession ? (
            <Suspense fallback={null}>
              <StreamedSessionScript session={initialSession} nonce={nonce} />
            </Suspense>
          ) : null}
          <ConnectProvider publishableKey={connectConfig.publishableKey}>{children}</ConnectProvider>
        </AppShell>
      </NotificationCountProvider>
    </SettingsProvider>
  );
}
