import { auditAction } from "@/lib/audit";
import { auditCsvLines, auditFilters, parseAuditQuery } from "@/lib/audit/console";
import { platformRoute } from "@/lib/http/route";

/**
 * GET /api/admin/audit/export?staff=&account=&action=&from=&to= — every matching audit entry as CSV, streamed in
 * batches. Admin only (a bulk copy of staff activity, IPs included); anyone else gets the console's 404. Every
 * export is itself on the record, with its filters.
 */
export const GET = platformRoute({ permission: "audit.export" }, async ({ req, log, access, meta }) => {
  const filters = auditFilters(parseAuditQuery(req.nextUrl.searchParams));
  await auditAction(access, "audit.exported", meta, { details: { filters } });
  log.info({ event: "audit.exported", filters, userId: access.user.id }, "audit log exported");
  const lines = auditCsvLines(filters);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        log.error({ err: error }, "audit export failed mid-stream");
        controller.error(error);
      }
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  return new Response(body, {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="portico-audit-${stamp}.csv"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
