import { HttpError } from "@/lib/http/errors";
import { readBodyText } from "@/lib/http/body";
import { json, platformRoute } from "@/lib/http/route";
import {
  ACCOUNT_IMPORT_MAX_BYTES,
  ACCOUNT_IMPORT_MAX_ROWS,
  importAccounts,
} from "@/lib/tenancy/account-import";

/**
 * POST /api/admin/accounts/import[?dryRun=true] with the list as the body (text/csv or text/plain): gives each
 * existing account its business and invites its owner, row by row, and answers the per-row report. At most 1 MB and
 * 10,000 rows per request; a dry run changes nothing. Admins only; the import is audited, and so is each invitation.
 */
export const POST = platformRoute({ permission: "tenants.link" }, async ({ req, access, log, meta }) => {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!type.startsWith("text/csv") && !type.startsWith("text/plain")) {
    throw new HttpError(415, "unsupported_media_type", "Send the list as text/csv.");
  }
  const dryRunParam = req.nextUrl.searchParams.get("dryRun");
  if (dryRunParam !== null && dryRunParam !== "true" && dryRunParam !== "false") {
    throw new HttpError(400, "invalid_request", "dryRun must be true or false.");
  }
  const text = await readBodyText(req, ACCOUNT_IMPORT_MAX_BYTES);
  const report = await importAccounts(access, text, meta, {
    dryRun: dryRunParam === "true",
    source: "import",
    maxRows: ACCOUNT_IMPORT_MAX_ROWS,
  });
  log.warn(
    { event: "tenants.imported", importId: report.importId, dryRun: report.dryRun, counts: report.counts },
    report.dryRun ? "accounts import checked (dry run)" : "accounts imported",
  );
  return json({ report });
});
