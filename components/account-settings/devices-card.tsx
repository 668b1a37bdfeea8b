"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { DeviceSession } from "@/lib/profile/sessions";
import { LocalTime } from "./local-time";
import { useSend } from "./use-send";

const kindIcons = {
  desktop: "M3 4.5h14v9H3zM7 16.5h6M10 13.5v3",
  mobile: "M6.5 2.5h7v15h-7zM9 15h2",
  tablet: "M4 2.5h12v15H4zM9 15h2",
} as const;

/** Where the account is signed in: each device in plain words, with sign-out for the others. */
export function DevicesCard({ sessions }: { sessions: DeviceSession[] }) {
  const t = useTranslations("profile");
  const router = useRouter();
  const { send, pending, error } = useSend();
  const [notice, setNotice] = useState<string | null>(null);
  const others = sessions.filter((s) => !s.current);

  function deviceName(session: DeviceSession): string {
    const browser = t(`browser.${session.browser}`);
    return t("deviceName", {
      browser: session.browserVersion ? `${browser} ${session.browserVersion}` : browser,
      system: t(`system.${session.system}`),
    });
  }

  async function signOut(session: DeviceSession) {
    setNotice(null);
    if (await send(`/api/profile/sessions/${encodeURIComponent(session.id)}`, "DELETE")) {
      setNotice(t("deviceSignedOut", { device: deviceName(session) }));
      router.refresh();
    }
  }

  async function signOutOthers() {
    setNotice(null);
    const data = await send("/api/profile/sessions", "DELETE");
    if (data) {
      const ended = typeof data === "object" && data !== null && "ended" in data ? Number(data.ended) : 0;
      setNotice(t("othersSignedOut", { count: Number.isFinite(ended) ? ended : 0 }));
      router.refresh();
    }
  }

  return (
    <Card title={t("devicesTitle")} description={t("devicesDescription")}>
      <div className="space-y-3">
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {error ? <Alert tone="error">{error}</Alert> : null}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="devices">
          {sessions.map((session) => (
            <li
              key={session.id}
              className="flex flex-wrap items-start justify-between gap-3 py-3"
              data-current={session.current ? "true" : undefined}
            >
              <div className="flex min-w-0 gap-3">
                <svg
                  aria-hidden="true"
                  viewBox="0 0 20 20"
                  className="mt-0.5 h-5 w-5 shrink-0 fill-none stroke-current text-slate-400"
                  strokeWidth={1.5}
                  strokeLinecap="round"
                  strokeLinejoin="round"
                >
                  <path d={kindIcons[session.device]} />
                </svg>
                <div className="min-w-0">
                  <p className="text-sm font-medium">
                    {deviceName(session)}
                    <span className="sr-only"> ({t(`deviceKind.${session.device}`)})</span>
                    {session.current ? (
                      <span className="ml-2 rounded-full bg-brand/15 px-2 py-0.5 text-xs font-medium text-brand-ink">
                        {t("thisDevice")}
                      </span>
                    ) : null}
                  </p>
                  <p className="text-xs text-slate-500 dark:text-slate-400">
                    {session.ip ?? t("ipUnknown")} ·{" "}
                    {t.rich("signedInAt", { time: () => <LocalTime ms={session.createdAt} /> })} ·{" "}
                    {t.rich("lastActive", {
                      time: () => <LocalTime ms={session.lastActiveAt} style="relative" />,
                    })}
                  </p>
                  {session.viewing ? (
                    <p className="mt-1 text-xs font-medium text-amber-700 dark:text-amber-300">
                      {t("viewing", { business: session.viewing.businessName })}
                    </p>
                  ) : null}
                </div>
              </div>
              {session.current ? null : (
                <Button
                  variant="ghost"
                  disabled={pending}
                  onClick={() => signOut(session)}
                  aria-label={t("signOutDeviceLabel", { device: deviceName(session) })}
                >
                  {t("signOutDevice")}
                </Button>
              )}
            </li>
          ))}
        </ul>
        {others.length === 0 ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">{t("onlyThisDevice")}</p>
        ) : (
          <Button variant="secondary" onClick={signOutOthers} disabled={pending}>
            {t("signOutOthers")}
          </Button>
        )}
      </div>
    </Card>
  );
}
