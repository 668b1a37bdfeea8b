"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { parseApiError } from "@/lib/http/api-error";

/** One JSON call to a Portico route, with its pending state and the error to show (the route's own words). */
export function useSend() {
  const t = useTranslations("profile");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(path: string, method: string, body?: unknown): Promise<unknown> {
    setPending(true);
    setError(null);
    try {
      const response = await fetch(path, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const data: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        setError(parseApiError(data)?.message ?? t("failed"));
        return null;
      }
      return data ?? {};
    } catch {
      setError(t("failed"));
      return null;
    } finally {
      setPending(false);
    }
  }

  return { send, pending, error, setError };
}
