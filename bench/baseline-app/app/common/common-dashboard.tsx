"use client";

import { loadConnectAndInitialize, type StripeConnectInstance } from "@stripe/connect-js/pure";
import { ConnectComponentsProvider, ConnectPayments } from "@stripe/react-connect-js";
import { useEffect, useState } from "react";

async function fetchClientSecret(): Promise<string> {
  const response = await fetch("/api/common-secret", { method: "POST" });
  const body: unknown = await response.json();
  if (
    typeof body === "object" &&
    body !== null &&
    "clientSecret" in body &&
    typeof body.clientSecret === "string"
  ) {
    return body.clientSecret;
  }
  throw new Error("no client secret");
}

/**
 * After hydration: ask for the secret (connect-js's loader does it eagerly, in parallel with loading its script) and
 * load the script — here the sandbox's stand-in, injected as Stripe's loader would inject connect.js.
 */
export function CommonDashboard({
  scriptUrl,
  publishableKey,
}: {
  scriptUrl: string;
  publishableKey: string;
}) {
  const [instance, setInstance] = useState<StripeConnectInstance | null>(null);
  useEffect(() => {
    const secret = fetchClientSecret();
    const script = document.createElement("script");
    script.src = scriptUrl;
    script.async = true;
    script.addEventListener("load", () => {
      let first = true;
      setInstance(
        loadConnectAndInitialize({
          publishableKey,
          fetchClientSecret: () => {
            if (!first) return fetchClientSecret();
            first = false;
            return secret;
          },
        }),
      );
    });
    document.head.appendChild(script);
  }, [scriptUrl, publishableKey]);
  if (!instance) return <p>Loading…</p>;
  return (
    <ConnectComponentsProvider connectInstance={instance}>
      <ConnectPayments />
    </ConnectComponentsProvider>
  );
}
