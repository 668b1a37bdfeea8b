import { AppClient, uniqueEmail } from "../../support/app-client";
import { BUSINESS_PASSWORD, joinBusiness, readyBusiness } from "../../support/businesses";
import { hasLinkTo, waitForMail } from "../../support/mailbox";
import { openTestDatabase } from "../../support/test-db";
import { expect, signIn, test } from "./fixtures";

async function auditedActions(tenantId: string): Promise<string[]> {
  const db = openTestDatabase();
  try {
    const rows = await db.db
      .selectFrom("audit_log")
      .select("action")
      .where("tenant_id", "=", tenantId)
      .where("action", "like", "team.%")
      .orderBy("occurred_at", "asc")
      .execute();
    return rows.map((row) => row.action);
  } finally {
    await db.close();
  }
}

test("the owner confirms a role change and a removal, is told what happened, and invites the person again in one click", async ({
  page,
}) => {
  const business = await readyBusiness(`Team Trial ${Date.now().toString(36)}`, "Tess Owner");
  const memberEmail = uniqueEmail("mo");
  await joinBusiness(
    business,
    { email: memberEmail, name: "Mo Member", client: new AppClient(), signedIn: false },
    "staff",
  );
  await signIn(page, business.ownerEmail, BUSINESS_PASSWORD);
  await page.goto("/team");
  const roleSelect = page.getByLabel("Role of Mo Member");
  await expect(roleSelect).toHaveValue("staff");

  // Choosing a role asks first; Escape leaves everything as it was.
  await roleSelect.selectOption("viewer");
  const roleDialog = page.getByRole("dialog", { name: "Change Mo Member's role?" });
  await expect(roleDialog).toBeVisible();
  await expect(roleDialog).toContainText("Mo Member goes from Staff to Viewer.");
  await expect(roleDialog).toContainText("Viewers see payments, payouts and reports, and change nothing.");
  await expect(roleDialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(roleDialog).toBeHidden();
  await expect(roleSelect).toHaveValue("staff");
  await page.reload();
  await expect(roleSelect).toHaveValue("staff");

  // Confirmed: saved, and said.
  await roleSelect.selectOption("viewer");
  await roleDialog.getByRole("button", { name: "Make Viewer" }).click();
  await expect(roleDialog).toBeHidden();
  const status = page.getByTestId("team-status");
  await expect(status).toHaveText("Mo Member is now Viewer.");
  await expect(roleSelect).toHaveValue("viewer");

  // Remove asks first too: Cancel keeps the member.
  const remove = page.getByRole("button", { name: "Remove Mo Member" });
  await remove.click();
  const removeDialog = page.getByRole("dialog", { name: "Remove Mo Member from the team?" });
  await expect(removeDialog).toContainText(
    `Mo Member (${memberEmail}) loses access to this business at once.`,
  );
  await removeDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(removeDialog).toBeHidden();
  await expect(remove).toBeFocused();
  await expect(page.getByTestId("team-members")).toContainText(memberEmail);

  await remove.click();
  await removeDialog.getByRole("button", { name: "Remove from the team" }).click();
  await expect(status).toContainText("Mo Member was removed from the team.");
  await expect(page.getByTestId("team-members")).not.toContainText(memberEmail);

  // One click invites them again, with their address and their last role.
  const since = Date.now() - 1000;
  await status.getByRole("button", { name: `Invite ${memberEmail} again as Viewer` }).click();
  await expect(status).toHaveText(`Invitation sent again to ${memberEmail}, as Viewer.`);
  await expect(page.getByText(`${memberEmail} · Viewer`)).toBeVisible();
  await waitForMail(memberEmail, { since, match: hasLinkTo("/invite") });

  // The audit log has the same rows as before: a role change, a removal, an invitation.
  expect(await auditedActions(business.tenantId)).toEqual([
    "team.invited",
    "team.role_changed",
    "team.member_removed",
    "team.invited",
  ]);
});
