import type { SessionAssurance } from "../auth/types";
import type { PlatformRole } from "./permissions";

/**
 * Whether a session must give a second factor before anything else. Pure. Staff always must (and set one up first
 * when they have none): the console and every "view as" sit behind it. A tenant must once they have set one up,
 * or when the platform requires it of everyone.
 */
export function secondFactorDue(input: {
  platformRole: PlatformRole | null;
  assurance: SessionAssurance;
  tenantsRequired: boolean;
}): boolean {
  if (input.assurance.verifiedAt !== null) return false;
  if (input.platformRole !== null) return true;
  return input.assurance.enrolled || input.tenantsRequired;
}
