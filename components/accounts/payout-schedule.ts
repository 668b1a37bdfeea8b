import type { AccountProfile } from "@/lib/accounts/mirror";

const weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

/** "monday" in the reader's language (4 January 1970 was a Sunday). */
function weekdayName(anchor: string, locale: string): string {
  const index = weekdays.indexOf(anchor);
  if (index < 0) return anchor;
  return new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(1970, 0, 4 + index)),
  );
}

/** The payout schedule in words ("Weekly, on Monday"), with messages under `accountSummary.schedules`. */
export function payoutScheduleText(
  schedule: NonNullable<AccountProfile["payoutSchedule"]>,
  t: (key: string, values?: Record<string, string | number>) => string,
  locale: string,
): string {
  if (schedule.interval === "weekly" && schedule.weeklyAnchor) {
    return t("schedules.weekly", { day: weekdayName(schedule.weeklyAnchor, locale) });
  }
  if (schedule.interval === "monthly" && schedule.monthlyAnchor) {
    return t("schedules.monthly", { day: schedule.monthlyAnchor });
  }
  if (schedule.interval === "manual" || schedule.interval === "daily") {
    return t(`schedules.${schedule.interval}`);
  }
  return schedule.interval;
}
