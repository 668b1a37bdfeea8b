"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ApiForm } from "@/components/auth/api-form";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { stepUpField } from "./step-up";

/**
 * Deleting one's account: a step-up and the email typed out. The only owner of a business is sent to the Team page
 * to make someone else owner first (the server refuses either way).
 */
export function DeleteAccountCard({
  email,
  stepUp,
  soleOwnerOf,
  teamHref,
}: {
  email: string;
  stepUp: "code" | "password";
  soleOwnerOf: string[];
  teamHref: string | null;
}) {
  const t = useTranslations("profile");
  const [open, setOpen] = useState(false);
  return (
    <Card title={t("deleteTitle")} description={t("deleteDescription")}>
      <div className="max-w-md space-y-4" data-testid="delete-account">
        {soleOwnerOf.length > 0 ? (
          <>
            <Alert tone="warning">{t("deleteOnlyOwner", { businesses: soleOwnerOf.join(", ") })}</Alert>
            {teamHref ? (
              <Link href={teamHref} className={buttonClasses("secondary")}>
                {t("openTeam")}
              </Link>
            ) : null}
          </>
        ) : open ? (
          <div className="space-y-2 rounded-lg border border-red-200 p-4 dark:border-red-900">
            <ApiForm
              endpoint="/api/profile/delete"
              submitLabel={t("deleteAction")}
              submitVariant="danger"
              fields={[
                stepUpField(stepUp, t, "delete-step-up"),
                {
                  name: "confirm",
                  id: "delete-confirm",
                  label: t("deleteConfirmLabel", { email }),
                  autoComplete: "off",
                },
              ]}
            />
            <Button variant="ghost" className="w-full" onClick={() => setOpen(false)}>
              {t("cancel")}
            </Button>
          </div>
        ) : (
          <Button variant="danger" onClick={() => setOpen(true)}>
            {t("deleteStart")}
          </Button>
        )}
      </div>
    </Card>
  );
}
