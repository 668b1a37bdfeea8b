import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/i18n/request";
import { HttpError } from "@/lib/http/errors";
import { json, readJson, userRoute } from "@/lib/http/route";
import { findActiveImpersonation } from "@/lib/impersonation";
import { getUserSettings, saveUserSettings } from "@/lib/settings";
import { userSettingsSchema } from "@/lib/settings/schema";

export const GET = userRoute(async ({ session }) =>
  json({ settings: await getUserSettings(session.user.id) }),
);

/** Saves the user's theme, brand colour, overlay style and locale. */
export const PUT = userRoute(async ({ req, session }) => {
  if (await findActiveImpersonation(session)) {
    throw new HttpError(
      403,
      "impersonation_read_only",
      "Settings cannot be changed while viewing an account.",
    );
  }
  const settings = await readJson(req, userSettingsSchema);
  await saveUserSettings(session.user.id, settings);
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
