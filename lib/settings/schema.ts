import { z } from "zod";
import { supportedLocales } from "../config/platform-config";

/** A user's display preferences, applied to the app shell and to the embedded components. */
export const userSettingsSchema = z.strictObject({
  theme: z.enum(["light", "dark", "system"]),
  brandColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #4f46e5.")
    .nullable(),
  overlay: z.enum(["dialog", "drawer"]),
  locale: z.enum(supportedLocales).nullable(),
});

export type UserSettings = z.infer<typeof userSettingsSchema>;

export const defaultUserSettings: UserSettings = {
  theme: "system",
  brandColor: null,
  overlay: "dialog",
  locale: null,
};
