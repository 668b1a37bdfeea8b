import type { ApiFormField } from "@/components/auth/api-form";

/** The field a step-up asks for: a current code (staff, or anyone with a second factor), else the password. */
export function stepUpField(
  stepUp: "code" | "password",
  t: (key: "currentPassword" | "stepUpCode" | "stepUpCodeHint") => string,
  id: string,
): ApiFormField {
  return stepUp === "code"
    ? {
        name: "code",
        label: t("stepUpCode"),
        autoComplete: "one-time-code",
        inputMode: "numeric",
        hint: t("stepUpCodeHint"),
        id,
      }
    : {
        name: "password",
        label: t("currentPassword"),
        type: "password",
        autoComplete: "current-password",
        id,
      };
}
