import type { CollectionOptions } from "@stripe/connect-js/pure";
import type { PlatformConfig } from "../config/platform-config";

/** The client options Stripe documents for the account components, from the platform config (client-safe). */

export function connectCollectionOptions(onboarding: PlatformConfig["onboarding"]): CollectionOptions {
  return { fields: onboarding.fields, futureRequirements: onboarding.futureRequirements };
}

export interface OnboardingOptions {
  collectionOptions: CollectionOptions;
  fullTermsOfServiceUrl?: string;
  privacyPolicyUrl?: string;
}

/** Embedded onboarding's data props; a URL the config leaves out is not sent (Stripe then links its own). */
export function connectOnboardingOptions(onboarding: PlatformConfig["onboarding"]): OnboardingOptions {
  return {
    collectionOptions: connectCollectionOptions(onboarding),
    ...(onboarding.termsOfServiceUrl ? { fullTermsOfServiceUrl: onboarding.termsOfServiceUrl } : {}),
    ...(onboarding.privacyPolicyUrl ? { privacyPolicyUrl: onboarding.privacyPolicyUrl } : {}),
  };
}
