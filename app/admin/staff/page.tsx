import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { StepUpMethodsProvider } from "@/components/admin/step-up-field";
import { Card, PageHeader } from "@/components/ui/card";
import { requireConsole } from "@/lib/access/guards";
import { hasPasskey } from "@/lib/auth/passkeys";
import { listStaff } from "@/lib/staff/staff";
import { InviteStaffForm, StaffList, type StaffRow } from "./staff-manager";

export const metadata: Metadata = { title: "Staff" };

/** Platform staff, for admins only (support and everyone else get the console's 404). */
export default async function AdminStaffPage() {
  const access = await requireConsole("staff.manage");
  const t = await getTranslations("admin.staff");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  const date = (ms: number) => format.dateTime(new Date(ms), { dateStyle: "medium", timeStyle: "short" });
  const [staff, passkey] = await Promise.all([listStaff(), hasPasskey(access.user.id)]);
  const rows: StaffRow[] = staff.map((member) => ({
    userId: member.userId,
    name: member.name,
    email: member.email,
    role: member.role,
    roleLabel: tr(member.role),
    status: member.status,
    secondFactor: member.secondFactor,
    lastSignIn: member.lastSignInAt === null ? null : date(member.lastSignInAt),
    // Only a usable link has an expiry (lib/staff/staff.ts): none means it has expired or was never sent.
    invite:
      member.status !== "invited"
        ? null
        : { expires: member.inviteExpiresAt === null ? null : date(member.inviteExpiresAt) },
    self: member.userId === access.user.id,
  }));
  return (
    // Every change here takes a fresh step-up: what this staff member can confirm with.
    <StepUpMethodsProvider passkey={passkey} authenticator={access.session.assurance.enrolled}>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="xl:col-span-2">
          <Card title={t("listTitle")} description={t("listDescription", { count: rows.length })}>
            <StaffList rows={rows} />
          </Card>
        </div>
        <div>
          <Card title={t("inviteTitle")} description={t("inviteDescription")}>
            <InviteStaffForm />
          </Card>
        </div>
      </div>
    </StepUpMethodsProvider>
  );
}
