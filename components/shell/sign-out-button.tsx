"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { logoutConnect } from "@/components/connect/connect-logout";
import { Button } from "@/components/ui/button";

export function SignOutButton() {
  const t = useTranslations();
  const [pending, setPending] = useState(false);

  async function signOut() {
    setPending(true);
    await logoutConnect();
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => undefined);
    // Replace, so Back does not return to a page of the account.
    window.location.replace("/login");
  }

  return (
    <Button
      variant="ghost"
      onClick={signOut}
      disabled={pending}
      className="w-full justify-start"
      data-testid="sign-out"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        className="h-4 w-4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
      >
        <path d="M12 15l4-5-4-5M16 10H7M9 3H4v14h5" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {t("common.signOut")}
    </Button>
  );
}
