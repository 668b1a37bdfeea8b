import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { TerminalHardwareView } from "@/components/connect/embedded-components";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";

export const metadata: Metadata = { title: "Card readers" };

// Only reachable when the platform turns terminal hardware (and its previews) on and the profile may order (the policy).
export default async function TerminalPage() {
  const context = await requireDashboard({ anyOf: ["terminal_hardware_shop", "terminal_hardware_orders"] });
  const t = await getTranslations("pages");
  return (
    <>
      <PageHeader title={t("terminalTitle")} description={t("terminalBody")} />
      <TerminalHardwareView
        shop={context.enabled.has("terminal_hardware_shop")}
        orders={context.enabled.has("terminal_hardware_orders")}
      />
    </>
  );
}
