import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { listTeam } from "@/lib/tenancy/team";
import { TeamManager } from "./team-manager";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const context = await requireDashboard({ permission: "team.view" });
  const t = await getTranslations("team");
  const team = await listTeam(context.tenant.id);
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { business: context.tenant.name })} />
      <TeamManager
        members={team.members}
        invitations={team.invitations}
        renderedAt={team.readAt}
        canManage={context.permissions.has("team.manage")}
        currentUserId={context.session.user.id}
      />
    </>
  );
}
