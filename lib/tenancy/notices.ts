import "server-only";
import { randomUUID } from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import { getDb } from "../db";
import type { DB } from "../db/schema";
import { parseNoticeContent, type NoticeContent } from "./notice-payloads";

type Executor = Kysely<DB> | Transaction<DB>;

export type TenantNotice = NoticeContent & { id: string; createdAt: number };

/** Records a notice raised by a webhook event; one per event, so a redelivered event adds nothing. */
export async function insertTenantNotice(
  input: { tenantId: string; eventId: string; createdAt: number } & NoticeContent,
  db: Executor = getDb(),
): Promise<boolean> {
  const result = await db
    .insertInto("tenant_notices")
    .values({
      id: `ntc_${randomUUID().replace(/-/g, "")}`,
      tenant_id: input.tenantId,
      kind: input.kind,
      payload: JSON.stringify(input.payload),
      event_id: input.eventId,
      created_at: input.createdAt,
      dismissed_at: null,
    })
    .onConflict((oc) => oc.column("event_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The tenant's undismissed notices, newest first. */
export async function listTenantNotices(
  tenantId: string,
  options: { limit?: number; db?: Executor } = {},
): Promise<TenantNotice[]> {
  const rows = await (options.db ?? getDb())
    .selectFrom("tenant_notices")
    .select(["id", "kind", "payload", "created_at"])
    .where("tenant_id", "=", tenantId)
    .where("dismissed_at", "is", null)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(options.limit ?? 20)
    .execute();
  const notices: TenantNotice[] = [];
  for (const row of rows) {
    const content = parseNoticeContent(row.kind, row.payload);
    if (content) notices.push({ ...content, id: row.id, createdAt: Number(row.created_at) });
  }
  return notices;
}

/** Dismisses one of the tenant's own notices; false when no such notice belongs to this tenant. */
export async function dismissTenantNotice(
  tenantId: string,
  noticeId: string,
  db: Executor = getDb(),
): Promise<boolean> {
  const notice = await db
    .selectFrom("tenant_notices")
    .select(["id", "dismissed_at"])
    .where("id", "=", noticeId)
    .where("tenant_id", "=", tenantId)
    .executeTakeFirst();
  if (!notice) return false;
  if (notice.dismissed_at === null) {
    await db
      .updateTable("tenant_notices")
      .set({ dismissed_at: Date.now() })
      .where("id", "=", noticeId)
      .where("tenant_id", "=", tenantId)
      .where("dismissed_at", "is", null)
      .execute();
  }
  return true;
}
