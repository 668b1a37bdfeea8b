"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { passkeyAnswer, usePasskeysSupported } from "./passkey-client";
import type { AuthenticationResponseJSON } from "@simplewebauthn/browser";

/**
 * "Confirm with a passkey" beside a step-up's code field: the browser's passkey dialog answers this session's
 * step-up challenge, and the form sends that answer instead of a code. Only for someone who has a passkey, in a
 * browser that can use it.
 */
export function PasskeyStepUpButton({
  onAnswer,
  onProblem,
  beforeAsk,
  disabled = false,
  className = "",
}: {
  onAnswer: (answer: AuthenticationResponseJSON) => void | Promise<void>;
  onProblem: (message: string) => void;
  /** Checks the rest of the form first: false leaves the passkey dialog unopened (the form says what is missing). */
  beforeAsk?: () => boolean;
  disabled?: boolean;
  className?: string;
}) {
  const t = useTranslations("passkeys");
  const supported = usePasskeysSupported();
  const [pending, setPending] = useState(false);
  if (!supported) return null;

  async function confirm() {
    if (beforeAsk && !beforeAsk()) return;
    setPending(true);
    const answer = await passkeyAnswer("step_up");
    setPending(false);
    if (answer.ok) await onAnswer(answer.value);
    else onProblem(answer.cancelled ? t("cancelled") : (answer.error?.message ?? t("failed")));
  }

  return (
    <Button
      variant="secondary"
      className={className}
      onClick={() => void confirm()}
      disabled={disabled || pending}
    >
      {pending ? t("waiting") : t("useForStepUp")}
    </Button>
  );
}
