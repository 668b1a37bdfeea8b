import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/i18n/request";
import { auditAction } from "@/lib/audit";
import { json, readJson, userRoute } from "@/lib/http/route";
import { getUserSettings, saveUserSettings } from "@/lib/settings";
import { userSettingsSchema } from "@/lib/settings/schema";

export const GET = userRoute({}, async ({ session }) =>
  json({ settings: await getUserSettings(session.user.id) }),
);

/** Saves the person's theme, brand colour, overlay style and locale (never while viewing an account). */
export const PUT = userRoute({ permission: "profile.settings" }, async ({ req, access, meta }) => {
  const settings = await readJson(req, userSettingsSchema);
  await saveUserSettings(access.user.id, settings);
  await auditAction(access, "settings.updated", meta, { details: { settings } });
  const jar = await cookies();
  if (settings.locale)
    jar.set(LOCALE_COOKIE, settings.locale, {
      path: "/",
      sameSite: "lax",
      httpOnly: false,
      maxAge: 31_536_000,
    });
  else jar.delete(LOCALE_COOKIE);
  return json({ settings });
});
