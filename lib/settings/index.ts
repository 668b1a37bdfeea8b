import "server-only";
import { cache } from "react";
import { getDb } from "../db";
import { defaultUserSettings, userSettingsSchema, type UserSettings } from "./schema";

/** The user's saved preferences (defaults when none are saved); read once per request. */
export const getUserSettings = cache(async (userId: string): Promise<UserSettings> => {
  const row = await getDb()
    .selectFrom("user_settings")
    .selectAll()
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return defaultUserSettings;
  const parsed = userSettingsSchema.safeParse({
    theme: row.theme,
    brandColor: row.brand_color,
    overlay: row.overlay,
    locale: row.locale,
  });
  return parsed.success ? parsed.data : defaultUserSettings;
});

export async function saveUserSettings(userId: string, settings: UserSettings): Promise<void> {
  const values = {
    theme: settings.theme,
    brand_color: settings.brandColor,
    overlay: settings.overlay,
    locale: settings.locale,
    updated_at: Date.now(),
  };
  await getDb()
    .insertInto("user_settings")
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
}

export type { UserSettings } from "./schema";

/** Whether an owner gets payment mails (a new dispute, a failed payout): yes unless they turned them off. */
export async function getPaymentMails(userId: string): Promise<boolean> {
  const row = await getDb()
    .selectFrom("user_settings")
    .select("payment_mails")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row ? Number(row.payment_mails) !== 0 : true;
}

export async function savePaymentMails(userId: string, enabled: boolean): Promise<void> {
  const value = enabled ? 1 : 0;
  await getDb()
    .insertInto("user_settings")
    .values({
      user_id: userId,
      theme: "system",
      brand_color: null,
      overlay: "dialog",
      locale: null,
      updated_at: Date.now(),
      payment_mails: value,
    })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ payment_mails: value, updated_at: Date.now() }))
    .execute();
}
