import { randomInt } from "node:crypto";
import { newId } from "@/lib/ids";
import { staffActors, staffTotpSecrets } from "./actor-directory";
import { openTestDatabase } from "./test-db";

/**
 * A copy of a demo staff member (same role, password and TOTP secret, own id and email) for browser tests that
 * sign in and step up several times: each TOTP code works once per person, so a copy has its own codes to spend
 * and never waits behind another test's use of the demo account.
 */
export async function cloneDemoStaff(
  actor: keyof typeof staffActors,
): Promise<{ email: string; totpSecret: string; name: string }> {
  const source = staffActors[actor];
  const totpSecret = staffTotpSecrets[source];
  if (!totpSecret) throw new Error(`no TOTP secret for ${source}`);
  const email = `${actor}-${Date.now().toString(36)}-${randomInt(1e9).toString(36)}@portico.test`;
  const handle = openTestDatabase();
  const { db } = handle;
  try {
    await db.transaction().execute(async (trx) => {
      const user = await trx
        .selectFrom("user")
        .selectAll()
        .where("email", "=", source)
        .executeTakeFirstOrThrow();
      const id = newId("usr");
      await trx
        .insertInto("user")
        .values({ ...user, id, email })
        .execute();
      const credential = await trx
        .selectFrom("account")
        .selectAll()
        .where("userId", "=", user.id)
        .where("providerId", "=", "credential")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("account")
        .values({ ...credential, id: newId("acc"), userId: id, accountId: id })
        .execute();
      const factor = await trx
        .selectFrom("second_factors")
        .selectAll()
        .where("user_id", "=", user.id)
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("second_factors")
        .values({ ...factor, user_id: id, used_steps: "[]" })
        .execute();
    });
    return { email, totpSecret, name: actor === "admin" ? "Ada Admin" : "Sam Support" };
  } finally {
    await handle.close();
  }
}
