/**
 * The reason an audited action is taken with — opening or escalating a view of an account, disabling a user — must
 * say something. It counts only with at least 10 characters once NFKC-normalised and stripped of control, format
 * (zero-width, bidi) and space characters, at least 3 of them letters or digits — ten zero-width spaces,
 * "..........", or "aaaa" padded with tabs do not.
 * Pure: the console's forms and the server check the same rule.
 */
export const REASON_MIN_CHARACTERS = 10;
export const REASON_MIN_ALPHANUMERIC = 3;
export const REASON_MAX_LENGTH = 500;

const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}\s]/gu;
const ALPHANUMERIC = /[\p{L}\p{N}]/gu;

/** The reason as stored: NFKC, no control or format characters, runs of spaces as one, trimmed. */
export function normalizeReason(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[\p{Cc}\p{Cf}]/gu, (c) => (/\s/.test(c) ? " " : ""))
    .replace(/[\p{Z}\s]+/gu, " ")
    .trim();
}

export type ReasonProblem = "too_short" | "too_few_letters" | "too_long";

export function reasonProblem(raw: string): ReasonProblem | null {
  const normalized = normalizeReason(raw);
  if (normalized.length > REASON_MAX_LENGTH) return "too_long";
  const visible = [...normalized.replace(INVISIBLE, "")];
  if (visible.length < REASON_MIN_CHARACTERS) return "too_short";
  if ((normalized.match(ALPHANUMERIC) ?? []).length < REASON_MIN_ALPHANUMERIC) return "too_few_letters";
  return null;
}

/** The message key of each problem in the console's translations (admin.impersonate, impersonation). */
export const reasonMessageKeys = {
  too_short: "reasonTooShort",
  too_few_letters: "reasonTooFewLetters",
  too_long: "reasonTooLong",
} as const satisfies Record<ReasonProblem, string>;

export const reasonMessages: Record<ReasonProblem, string> = {
  too_short: `Give a reason of at least ${REASON_MIN_CHARACTERS} characters (spaces and invisible characters do not count).`,
  too_few_letters: `Say why in words: a reason needs at least ${REASON_MIN_ALPHANUMERIC} letters or digits.`,
  too_long: `Keep the reason under ${REASON_MAX_LENGTH} characters.`,
};
