/**
 * The wire codes of a step-up's own refusals (a wrong, used or missing code, a failed passkey, a lock): forms show
 * them under their code field rather than as a general error. Plain data, for client components too.
 */
export const STEP_UP_ERROR_CODES: ReadonlySet<string> = new Set([
  "reauthentication_failed",
  "step_up_grant_invalid",
  "wrong_code",
  "code_used",
  "code_required",
  "passkey_failed",
  "passkey_expired",
  "account_locked",
  "second_factor_locked",
  "second_factor_enrolment_required",
]);
