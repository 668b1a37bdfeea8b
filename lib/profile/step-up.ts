import { z } from "zod";

/** The proof a sensitive change of one's own account carries: a code (staff, or anyone with a second factor), else the password. */
export const stepUpFields = {
  password: z.string().max(128, "That is not your password.").optional(),
  code: z.string().trim().max(20, "That is not a code.").optional(),
};

/** Where a person's account settings live: the console's for staff, the dashboard's for members, else /profile. */
export function settingsPath(who: { platformRole: string | null; tenant: unknown }): string {
  if (who.platformRole) return "/admin/settings";
  return who.tenant ? "/settings" : "/profile";
}
