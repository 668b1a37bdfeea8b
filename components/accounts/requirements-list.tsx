import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { describeRequirements, disabledReasonKey } from "@/lib/accounts/requirements";

export interface RequirementsState {
  currentlyDue: string[];
  pastDue: string[];
  eventuallyDue: string[];
  disabledReason: string | null;
}

/**
 * What Stripe still needs from an account, in plain words, grouped by urgency — the console's account page and the
 * dashboard's read-only Account page show the same list. Stripe's keys stay visible for reference.
 */
export async function RequirementsList({
  requirements,
  limited,
  deadline,
}: {
  requirements: RequirementsState;
  /** The account is rejected (error) rather than restricted (warning). */
  limited: "rejected" | "restricted";
  deadline?: string | null;
}) {
  const t = await getTranslations("admin");
  const groups = [
    {
      key: "pastDue",
      items: describeRequirements(requirements.pastDue),
      tone: "text-red-700 dark:text-red-300",
    },
    {
      key: "currentlyDue",
      items: describeRequirements(requirements.currentlyDue),
      tone: "text-amber-800 dark:text-amber-300",
    },
    {
      key: "eventuallyDue",
      items: describeRequirements(requirements.eventuallyDue),
      tone: "text-slate-700 dark:text-slate-300",
    },
  ] as const;
  return (
    <div className="space-y-4" data-testid="account-requirements">
      {requirements.disabledReason ? (
        <Alert tone={limited === "rejected" ? "error" : "warning"}>
          <strong>{t("detail.disabledBecause")}</strong>{" "}
          {t(`disabledReasons.${disabledReasonKey(requirements.disabledReason)}`)}{" "}
          <code className="text-xs opacity-80">{requirements.disabledReason}</code>
        </Alert>
      ) : null}
      {deadline ? <p className="text-sm">{t("detail.deadline", { time: deadline })}</p> : null}
      {groups.every((g) => g.items.length === 0) ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">{t("detail.noRequirements")}</p>
      ) : (
        groups.map((group) =>
          group.items.length === 0 ? null : (
            <div key={group.key}>
              <h3 className={`text-sm font-semibold ${group.tone}`}>{t(`detail.groups.${group.key}`)}</h3>
              <p className="text-xs text-slate-500 dark:text-slate-400">
                {t(`detail.groupHints.${group.key}`)}
              </p>
              <ul className="mt-2 space-y-1.5">
                {group.items.map((item) => (
                  <li
                    key={`${item.subject}:${item.topic}`}
                    className="flex flex-wrap items-baseline gap-x-2 text-sm"
                  >
                    <span>
                      {t(`requirements.topics.${item.topic}`)}
                      <span className="text-slate-500 dark:text-slate-400">
                        {" "}
                        · {t(`requirements.subjects.${item.subject}`)}
                      </span>
                    </span>
                    <code className="text-xs text-slate-500 dark:text-slate-400">{item.keys.join(", ")}</code>
                  </li>
                ))}
              </ul>
            </div>
          ),
        )
      )}
    </div>
  );
}
