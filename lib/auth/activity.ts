import "server-only";
import type { Kysely, Transaction } from "kysely";
import { getDb } from "../db";
import type { DB } from "../db/schema";
import { appLink } from "../mail/links";
import { enqueueMail } from "../mail/outbox";

type Executor = Kysely<DB> | Transaction<DB>;

/** Notes a successful sign-in (the console's staff page shows when each staff member last signed in). */
export async function recordSignIn(userId: string, at = Date.now(), db: Executor = getDb()): Promise<void> {
  await db
    .insertInto("user_activity")
    .values({ user_id: userId, last_sign_in_at: at })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ last_sign_in_at: at }))
    .execute();
}

/**
 * What every successful sign-in does, by password or through the identity provider: it is noted, and platform
 * staff are mailed about it (a stolen password or IdP account shows up in their inbox).
 */
export async function afterSignIn(input: {
  userId: string;
  email: string;
  isStaff: boolean;
  sessionId: string;
  userAgent: string | null;
  ip: string | null;
}): Promise<void> {
  await recordSignIn(input.userId);
  if (!input.isStaff) return;
  await enqueueMail({
    kind: "staff_sign_in",
    to: input.email,
    eventKey: input.sessionId,
    values: {
      time: new Date().toISOString().slice(0, 16).replace("T", " "),
      device: (input.userAgent ?? "an unknown browser").slice(0, 120),
      address: input.ip ?? "an unknown address",
      url: appLink("/login"),
    },
  });
}
