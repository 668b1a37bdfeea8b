import { AppError, type AppErrorCode } from "../errors";
import type { SsoFailure } from "./rules";

/**
 * What each refusal says, and the kind of error it is. The browser sees the code (on the page the flow returns to,
 * where messages/*.json words it in the person's language); API answers carry these English messages.
 */
const failures: Record<SsoFailure, { code: AppErrorCode; message: string }> = {
  not_configured: { code: "not_found", message: "Single sign-on is not set up on this platform." },
  idp_unavailable: {
    code: "unavailable",
    message:
      "The identity provider is not answering. Try again in a few minutes, or sign in with your email and password.",
  },
  idp_error: {
    code: "unavailable",
    message:
      "The identity provider could not sign you in. Try again, or sign in with your email and password.",
  },
  cancelled: { code: "unauthenticated", message: "Signing in with the identity provider was cancelled." },
  flow_expired: {
    code: "unauthenticated",
    message: "This sign-in has expired or was already used. Start again from the sign-in page.",
  },
  invalid_response: {
    code: "unauthenticated",
    message: "The identity provider's answer could not be verified. Start again from the sign-in page.",
  },
  account_disabled: {
    code: "forbidden",
    message:
      "This account has been disabled by the platform. Contact the platform's support if you think this is a mistake.",
  },
  email_taken: {
    code: "conflict",
    message:
      "A Portico account already uses this email address. Sign in with your email and password, then link your company account from your settings.",
  },
  no_access: {
    code: "forbidden",
    message:
      "No Portico account is linked to this company account, and its groups give no access to Portico. Ask your administrator, or sign in with your email and password.",
  },
  no_staff_group: {
    code: "forbidden",
    message:
      "Your company account is no longer in a group that gives access to Portico's console. Ask your administrator for access.",
  },
  staff_disabled: {
    code: "forbidden",
    message:
      "Platform staff cannot sign in with the identity provider here. Sign in with your email and password.",
  },
  tenants_disabled: {
    code: "forbidden",
    message:
      "Signing in with a company account is for platform staff only. Sign in with your email and password.",
  },
  business_member: {
    code: "forbidden",
    message:
      "This Portico account belongs to a business on the platform, so it cannot be platform staff. Ask your administrator.",
  },
  no_email: {
    code: "forbidden",
    message: "The identity provider did not share your email address, so no account can be made for you.",
  },
  session_changed: {
    code: "unauthenticated",
    message: "You are no longer signed in as the person who started this. Sign in and try again.",
  },
  already_linked: {
    code: "conflict",
    message: "A company account is already linked to your Portico account. Unlink it first.",
  },
  linked_elsewhere: {
    code: "conflict",
    message: "This company account is already linked to another Portico account.",
  },
  link_role_mismatch: {
    code: "forbidden",
    message:
      "This company account's groups do not match your access to Portico, so it cannot be linked. Ask your administrator.",
  },
  not_linked: { code: "conflict", message: "No company account is linked to your Portico account." },
  needs_password: {
    code: "conflict",
    message:
      "Your Portico account has no password: unlinking your company account would lock you out. Set a password first.",
  },
  step_up_stale: {
    code: "reauthentication_failed",
    message:
      "The identity provider did not ask for your sign-in again. Try again, or use your authenticator code.",
  },
  step_up_wrong_identity: {
    code: "reauthentication_failed",
    message: "You confirmed with a different company account than the one linked to yours. Try again.",
  },
  step_up_no_mfa: {
    code: "reauthentication_failed",
    message:
      "The identity provider did not confirm a second factor, so this cannot count as a step-up. Use the code from your authenticator app.",
  },
  too_many_requests: {
    code: "too_many_requests",
    message: "Too many sign-in attempts from this network. Wait a minute and try again.",
  },
};

export class SsoError extends AppError {
  constructor(
    readonly failure: SsoFailure,
    details: { retryAfterSeconds?: number } = {},
  ) {
    super(failures[failure].code, failures[failure].message, { reason: failure, ...details });
    this.name = "SsoError";
  }
}

export function ssoMessage(failure: SsoFailure): string {
  return failures[failure].message;
}
