"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { AccountOnboardingView } from "@/components/connect/embedded-components";
import { Button } from "@/components/ui/button";
import type { OnboardingOptions } from "@/lib/connect/component-options";

async function post(path: string): Promise<Response> {
  return fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
}

/**
 * Embedded onboarding. On exit the server re-reads the account from Stripe (so the dashboard knows at once that the
 * details are in), then the dashboard loads. In live mode, a failure to load offers Stripe-hosted onboarding.
 */
export function OnboardingFlow({
  hostedFallback,
  options,
}: {
  hostedFallback: boolean;
  options: OnboardingOptions;
}) {
  const t = useTranslations("pages");
  const [leaving, setLeaving] = useState(false);

  async function onExit() {
    setLeaving(true);
    await post("/api/account/refresh").catch(() => undefined);
    // A full load on purpose: the dashboard starts with a fresh Connect instance and session.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/");
  }

  async function openHosted() {
    const response = await post("/api/account/onboarding-link");
    const data: unknown = await response.json().catch(() => null);
    if (typeof data === "object" && data !== null && "url" in data && typeof data.url === "string") {
      window.location.assign(data.url);
    }
  }

  return (
    <div aria-busy={leaving}>
      <AccountOnboardingView
        options={options}
        onExit={onExit}
        fallback={
          hostedFallback ? (
            <Button variant="primary" onClick={openHosted}>
              {t("hostedOnboarding")}
            </Button>
          ) : undefined
        }
      />
    </div>
  );
}
