import { ssoFailures } from "@/lib/sso/rules";

/** The person's-language wording of a single sign-on refusal (messages `sso.errors.*`), or null for another code. */
export function ssoErrorText(t: (key: string) => string, code: string | null | undefined): string | null {
  if (!code) return null;
  if ((ssoFailures as readonly string[]).includes(code) || code === "step_up_grant_invalid") {
    return t(`errors.${code}`);
  }
  return null;
}
