"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, type ChangeEvent } from "react";
import {
  StepUpField,
  StepUpPasskeyButton,
  useStepUp,
  type StepUpProof,
} from "@/components/admin/step-up-field";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { parseApiError } from "@/lib/http/api-error";

type Outcome = "invited" | "awaiting_approval" | "skipped" | "failed";

interface ReportRow {
  line: number;
  accountId: string;
  businessName: string;
  email: string;
  outcome: Outcome;
  reason: string | null;
  match: string | null;
  message: string;
}

interface Report {
  importId: string;
  dryRun: boolean;
  rows: ReportRow[];
  counts: Record<Outcome, number> & { total: number };
  durationMs: number;
}

const outcomeTones: Record<Outcome, string> = {
  invited: "text-emerald-700 dark:text-emerald-300",
  awaiting_approval: "text-amber-700 dark:text-amber-300",
  skipped: "text-slate-600 dark:text-slate-300",
  failed: "text-red-700 dark:text-red-300",
};

function isReport(value: unknown): value is { report: Report } {
  return (
    typeof value === "object" &&
    value !== null &&
    "report" in value &&
    typeof value.report === "object" &&
    value.report !== null &&
    "rows" in value.report &&
    Array.isArray(value.report.rows)
  );
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The console's import: paste or load the list, check it (a dry run, which changes nothing), import it after a fresh
 * step-up (it gives accounts their owners), read the per-row report.
 */
export function AccountImport({ maxBytes, maxRows }: { maxBytes: number; maxRows: number }) {
  const t = useTranslations("admin.import");
  const format = useFormatter();
  const [text, setText] = useState("");
  const [pending, setPending] = useState<"check" | "run" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [onlyProblems, setOnlyProblems] = useState(false);
  const stepUp = useStepUp("import-code");

  async function loadFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    if (file.size > maxBytes) {
      setError(t("tooLarge"));
      event.target.value = "";
      return;
    }
    setText(await file.text());
  }

  /** The list is there and within the limit; says what is wrong otherwise. */
  function listReady(): boolean {
    setError(null);
    if (text.trim() === "") {
      setError(t("empty"));
      return false;
    }
    if (new Blob([text]).size > maxBytes) {
      setError(t("tooLarge"));
      return false;
    }
    return true;
  }

  /** A dry run (no proof: it changes nothing) or the import itself, with its step-up. */
  async function send(proof: StepUpProof | null) {
    const dryRun = proof === null;
    setPending(dryRun ? "check" : "run");
    const response = await fetch("/api/admin/accounts/import", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ list: text, dryRun, ...proof }),
    }).catch(() => null);
    setPending(null);
    const data: unknown = await response?.json().catch(() => null);
    const apiError = response?.ok ? null : parseApiError(data);
    const shownUnderCode = !dryRun && stepUp.settle(apiError);
    if (!response?.ok || !isReport(data)) {
      if (!shownUnderCode) setError(apiError?.message ?? t("failed"));
      return;
    }
    setReport(data.report);
  }

  async function check() {
    if (listReady()) await send(null);
  }

  async function run() {
    if (!listReady()) return;
    const proof = stepUp.codeProof();
    if (proof) await send(proof);
  }

  function why(row: ReportRow): string {
    if (row.outcome === "invited" && row.match) return t(`matches.${row.match}`);
    return row.reason ? t(`reasons.${row.reason}`) : "";
  }

  function download() {
    if (!report) return;
    const lines = [
      ["line", "account_id", "business_name", "owner_email", "outcome", "reason", "detail"].join(","),
      ...report.rows.map((row) =>
        [row.line, row.accountId, row.businessName, row.email, row.outcome, row.reason ?? "", row.message]
          .map(csvCell)
          .join(","),
      ),
    ];
    const url = URL.createObjectURL(new Blob([`${lines.join("\r\n")}\r\n`], { type: "text/csv" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `portico-import-${report.dryRun ? "check-" : ""}${report.importId}.csv`;
    link.click();
    URL.revokeObjectURL(url);
  }

  const shown = report
    ? report.rows.filter(
        (row) => !onlyProblems || row.outcome === "failed" || row.outcome === "awaiting_approval",
      )
    : [];

  return (
    <div className="space-y-6">
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <h2 className="text-base font-semibold">{t("formatTitle")}</h2>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          {t("formatHelp", { rows: format.number(maxRows) })}
        </p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t("rerunHelp")}</p>
        <div className="mt-4 space-y-1.5">
          <label htmlFor="import-list" className="block text-sm font-medium">
            {t("listLabel")}
          </label>
          <textarea
            id="import-list"
            rows={10}
            spellCheck={false}
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={
              "acct_1PortExample0001,Harbor Bakery,owner@harbor.example\nacct_1PortExample0002,Cedar Cycles,ana@cedar.example"
            }
            className="block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 font-mono text-xs shadow-sm outline-none transition focus:border-brand focus:ring-2 focus:ring-brand/30 dark:border-slate-700 dark:bg-slate-950"
          />
        </div>
        <div className="mt-3 space-y-1.5">
          <label htmlFor="import-file" className="block text-sm font-medium">
            {t("fileLabel")}
          </label>
          <input
            id="import-file"
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/plain"
            onChange={loadFile}
            className="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800 dark:file:text-slate-100"
          />
        </div>
        {error ? (
          <div className="mt-3">
            <Alert tone="error">{error}</Alert>
          </div>
        ) : null}
        <div className="mt-4 flex flex-wrap gap-2">
          <Button variant="secondary" disabled={pending !== null} onClick={() => void check()}>
            {pending === "check" ? t("running") : t("check")}
          </Button>
        </div>
        <form
          className="mt-5 space-y-3 border-t border-slate-200 pt-4 dark:border-slate-800"
          aria-labelledby="import-run-title"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void run();
          }}
        >
          <div>
            <h3 id="import-run-title" className="text-sm font-semibold">
              {t("runTitle")}
            </h3>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{t("runHint")}</p>
          </div>
          <div className="max-w-sm">
            <StepUpField stepUp={stepUp} />
          </div>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending !== null}>
              {pending === "run" ? t("running") : t("run")}
            </Button>
            <StepUpPasskeyButton
              stepUp={stepUp}
              ready={listReady}
              onProof={send}
              disabled={pending !== null}
            />
          </div>
        </form>
      </section>

      {report ? (
        <section
          aria-labelledby="import-report-title"
          className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm dark:border-slate-800 dark:bg-slate-900"
          data-testid="import-report"
        >
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h2 id="import-report-title" className="text-base font-semibold">
                {t("reportTitle")}
              </h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                {report.dryRun
                  ? t("dryRunNote")
                  : t("doneNote", { seconds: (report.durationMs / 1000).toFixed(1) })}
              </p>
            </div>
            <Button variant="secondary" onClick={download}>
              {t("download")}
            </Button>
          </div>
          <ul className="mt-3 flex flex-wrap gap-2 text-xs" data-testid="import-counts">
            <li className="rounded-full bg-slate-100 px-2.5 py-1 font-medium dark:bg-slate-800">
              {t("counts.total", { count: report.counts.total })}
            </li>
            {(["invited", "awaiting_approval", "skipped", "failed"] as const).map((outcome) => (
              <li
                key={outcome}
                className={`rounded-full bg-slate-100 px-2.5 py-1 font-medium dark:bg-slate-800 ${outcomeTones[outcome]}`}
              >
                {t(`counts.${outcome}`, { count: report.counts[outcome] })}
              </li>
            ))}
          </ul>
          <label className="mt-3 flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={onlyProblems}
              onChange={(event) => setOnlyProblems(event.target.checked)}
              className="h-4 w-4"
            />
            {t("onlyProblems")}
          </label>
          <ScrollRegion label={t("reportTitle")} className="mt-3">
            <table className="w-full min-w-[44rem] text-left text-sm" data-testid="import-rows">
              <thead className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t("columns.line")}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t("columns.account")}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t("columns.business")}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t("columns.email")}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t("columns.outcome")}
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    {t("columns.detail")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {shown.map((row) => (
                  <tr
                    key={`${row.line}-${row.accountId}`}
                    data-outcome={row.outcome}
                    data-reason={row.reason ?? ""}
                  >
                    <td className="py-2 pr-3 tabular-nums text-slate-500 dark:text-slate-400">{row.line}</td>
                    <td className="py-2 pr-3 whitespace-nowrap font-mono text-xs">{row.accountId}</td>
                    <td className="py-2 pr-3">{row.businessName}</td>
                    <td className="py-2 pr-3 whitespace-nowrap">{row.email}</td>
                    <td className={`py-2 pr-3 whitespace-nowrap font-medium ${outcomeTones[row.outcome]}`}>
                      {report.dryRun ? t(`dryOutcomes.${row.outcome}`) : t(`outcomes.${row.outcome}`)}
                    </td>
                    <td className="py-2 text-xs text-slate-600 dark:text-slate-300">{why(row)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      ) : null}
    </div>
  );
}
