import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/ui/card";
import { requireDashboard } from "@/lib/access/guards";
import { listTeam } from "@/lib/tenancy/team";
import { LeaveBusiness } from "./leave-business";
import { TeamManager } from "./team-manager";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const context = await requireDashboard({ permission: "team.view" });
  const t = await getTranslations("team");
  const team = await listTeam(context.tenant.id);
  const owners = team.members.filter((m) => m.role === "owner");
  const lastOwner = owners.length === 1 && owners[0]?.userId === context.session.user.id;
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
      {context.permissions.has("membership.leave") ? (
        <div className="mt-6">
          <LeaveBusiness business={context.tenant.name} lastOwner={lastOwner} />
        </div>
      ) : null}
    </>
  );
}
