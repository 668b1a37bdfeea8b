import { z } from "zod";
import { requireFreshAuth } from "@/lib/access/fresh-auth";
import { requireStepUpProof, stepUpProofShape } from "@/lib/access/step-up-proof";
import { HttpError } from "@/lib/http/errors";
import { json, platformRoute, readJson } from "@/lib/http/route";
import {
  ACCOUNT_IMPORT_MAX_BYTES,
  ACCOUNT_IMPORT_MAX_ROWS,
  importAccounts,
} from "@/lib/tenancy/account-import";

/** The list as a JSON string takes more bytes than the list itself (escaped quotes and line breaks), and the proof. */
const REQUEST_MAX_BYTES = 2 * ACCOUNT_IMPORT_MAX_BYTES + 64 * 1024;

const body = z
  .strictObject({
    list: z.string({ error: "Send the list of accounts." }),
    dryRun: z.boolean({ error: "Say whether this is a dry run." }),
    // The import itself gives accounts their owners: a fresh step-up. A dry run changes nothing and needs none.
    ...stepUpProofShape,
  })
  .superRefine((value, ctx) => {
    if (!value.dryRun) requireStepUpProof(value, ctx);
  });

/**
 * POST /api/admin/accounts/import with `{ list, dryRun, code | passkey }` (the list is the CSV's text): gives each
 * existing account its business and invites its owner, row by row, and answers the per-row report. At most 1 MB and
 * 10,000 rows per request; a dry run changes nothing and needs no step-up. Admins only; the import is audited, and
 * so is each invitation.
 */
export const POST = platformRoute({ permission: "tenants.link" }, async ({ req, access, log, meta }) => {
  const { list, dryRun, code, passkey, grant } = await readJson(req, body, { maxBytes: REQUEST_MAX_BYTES });
  if (Buffer.byteLength(list, "utf8") > ACCOUNT_IMPORT_MAX_BYTES) {
    throw new HttpError(413, "payload_too_large", "The list is larger than the 1 MB allowed here.");
  }
  const report = await importAccounts(access, list, meta, {
    dryRun,
    source: "import",
    maxRows: ACCOUNT_IMPORT_MAX_ROWS,
    ...(dryRun
      ? {}
      : {
          beforeRows: () =>
            requireFreshAuth(access, { code, passkey, grant }, { log, meta, purpose: "tenants.import" }),
        }),
  });
  log.warn(
    { event: "tenants.imported", importId: report.importId, dryRun: report.dryRun, counts: report.counts },
    report.dryRun ? "accounts import checked (dry run)" : "accounts imported",
  );
  return json({ report });
});
