/** Keys of the sandbox platform. Test-mode only; safe to commit (never valid at Stripe). */
export const SANDBOX_SECRET_KEY = "sk_test_portico_sandbox";
export const SANDBOX_PUBLISHABLE_KEY = "pk_test_portico_sandbox";
// Kept short on purpose: leak scanners flag `whsec_` followed by 20+ characters.
export const SANDBOX_WEBHOOK_SECRET = "whsec_portico_sandbox";
/** The API version stripe@23.1.0 pins; echoed on responses and stamped on events. */
export const API_VERSION = "2026-10-28.endive";
