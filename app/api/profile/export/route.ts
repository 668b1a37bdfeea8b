import { auditAction } from "@/lib/audit";
import { userRoute } from "@/lib/http/route";
import { buildDataExport } from "@/lib/profile/export";

/** "Download my data": everything Portico keeps about the signed-in person, as a JSON file (no secrets). On the record. */
export const GET = userRoute({ permission: "profile.export" }, async ({ access, meta, log }) => {
  const data = await buildDataExport(access);
  await auditAction(access, "user.data_exported", meta);
  log.info({ event: "profile.exported" }, "personal data exported");
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="portico-my-data-${day}.json"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
