import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/roles";
import { requireDashboardPage } from "@/lib/dashboard/context";
import { listTeam } from "@/lib/tenancy/team";
import { TeamManager } from "./team-manager";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const context = await requireDashboardPage();
  const t = await getTranslations("team");
  const team = await listTeam(context.tenant.id);
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { business: context.tenant.name })} />
      <TeamManager
        members={team.members}
        invitations={team.invitations}
        canManage={can(context.role, "manageTeam")}
        currentUserId={context.session.user.id}
      />
    </>
  );
}
