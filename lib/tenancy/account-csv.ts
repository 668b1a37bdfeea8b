import { z } from "zod";

/**
 * The list of existing accounts to give businesses: CSV with three columns — the Stripe account id, the business's
 * name and its owner's email — as a spreadsheet exports it or a person pastes it. Pure: the console, the command
 * line and the tests read files the same way.
 *
 * Accepted: a header row or none (recognised by not holding an account id; its column names may then put the
 * columns in any order), a UTF-8 byte-order mark, CRLF / LF / CR line ends, RFC 4180 quoting ("a, b" and "say ""hi"""
 * with line breaks inside quotes), commas, semicolons or tabs between fields (whichever the first line uses), blank
 * lines and trailing empty columns.
 */

export const ACCOUNT_CSV_COLUMNS = ["account", "business", "email"] as const;
type Column = (typeof ACCOUNT_CSV_COLUMNS)[number];

export type CsvRowProblem =
  | "wrong_column_count"
  | "invalid_account_id"
  | "invalid_email"
  | "business_name_too_long"
  | "duplicate_in_file"
  | "malformed_csv";

export interface AccountCsvRow {
  /** The line of the file the row starts on (1-based, the header counted). */
  line: number;
  accountId: string;
  businessName: string;
  email: string;
  problem: { reason: CsvRowProblem; message: string } | null;
}

export interface ParsedAccountCsv {
  rows: AccountCsvRow[];
  hasHeader: boolean;
}

export class AccountCsvError extends Error {
  constructor(
    readonly reason: "empty" | "too_many_rows",
    message: string,
  ) {
    super(message);
    this.name = "AccountCsvError";
  }
}

const ACCOUNT_ID = /^acct_[A-Za-z0-9]{1,64}$/;
const emailSchema = z.email();
const MAX_BUSINESS_NAME = 100;

const headerNames: Record<Column, readonly string[]> = {
  account: ["acct", "acctid", "account", "accountid", "stripeaccount", "stripeaccountid", "stripeid", "id"],
  business: ["business", "businessname", "name", "company", "companyname", "tenant", "tenantname"],
  email: ["email", "emailaddress", "owner", "owneremail", "owneremailaddress", "mail"],
};

interface Record_ {
  line: number;
  fields: string[];
  malformed: boolean;
}

function detectDelimiter(text: string): string {
  let inQuotes = false;
  const counts = { ",": 0, ";": 0, "\t": 0 };
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === "\n" || char === "\r")) break;
    else if (!inQuotes && (char === "," || char === ";" || char === "\t")) counts[char] += 1;
  }
  if (counts[","] > 0) return ",";
  if (counts["\t"] > 0) return "\t";
  if (counts[";"] > 0) return ";";
  return ",";
}

/** RFC 4180 records, each with the line it starts on. An unclosed quote makes one malformed record of the rest. */
function records(text: string, delimiter: string): Record_[] {
  const out: Record_[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    out.push({ line: start, fields, malformed: false });
    fields = [];
    field = "";
  };
  while (i < text.length) {
    const char = text[i] ?? "";
    if (inQuotes) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i += 1;
        continue;
      }
      if (char === "\n" || (char === "\r" && text[i + 1] !== "\n")) line += 1;
      field += char === "\r" && text[i + 1] === "\n" ? "" : char;
      i += 1;
      continue;
    }
    if (char === '"' && field.trim() === "") {
      field = "";
      inQuotes = true;
      i += 1;
      continue;
    }
    if (char === delimiter) {
      fields.push(field);
      field = "";
      i += 1;
      continue;
    }
    if (char === "\r" || char === "\n") {
      endRecord();
      i += char === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line += 1;
      start = line;
      continue;
    }
    field += char;
    i += 1;
  }
  if (inQuotes) {
    fields.push(field);
    out.push({ line: start, fields, malformed: true });
  } else if (field !== "" || fields.length > 0) {
    endRecord();
  }
  return out;
}

const normalizeHeader = (value: string) => value.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The header's column order, when the first record is a header whose names say which column is which. */
function headerOrder(fields: string[]): Record<Column, number> | null {
  const order: Partial<Record<Column, number>> = {};
  fields.forEach((raw, index) => {
    const name = normalizeHeader(raw);
    for (const column of ACCOUNT_CSV_COLUMNS) {
      if (order[column] === undefined && headerNames[column].includes(name)) {
        order[column] = index;
        return;
      }
    }
  });
  const { account, business, email } = order;
  return account !== undefined && business !== undefined && email !== undefined
    ? { account, business, email }
    : null;
}

const positional: Record<Column, number> = { account: 0, business: 1, email: 2 };

function isBlank(fields: string[]): boolean {
  return fields.every((field) => field.trim() === "");
}

/**
 * The rows of the list, each with the first problem that keeps it from being imported (null when it can be tried).
 * Throws `AccountCsvError` for an empty list or one longer than `maxRows` — before anything is done with it.
 */
export function parseAccountCsv(input: string, options: { maxRows: number }): ParsedAccountCsv {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const all = records(text, detectDelimiter(text)).filter((record) => !isBlank(record.fields));
  const first = all[0];
  if (!first) throw new AccountCsvError("empty", "The list is empty: give one account per line.");
  const hasHeader = !first.malformed && !first.fields.some((field) => ACCOUNT_ID.test(field.trim()));
  const order = (hasHeader ? headerOrder(first.fields) : null) ?? positional;
  const data = hasHeader ? all.slice(1) : all;
  if (data.length === 0) throw new AccountCsvError("empty", "The list has a header but no account.");
  if (data.length > options.maxRows) {
    throw new AccountCsvError(
      "too_many_rows",
      `The list has ${data.length.toLocaleString("en-US")} rows; at most ${options.maxRows.toLocaleString("en-US")} can be imported at once. Split it into smaller lists.`,
    );
  }
  const seen = new Map<string, number>();
  const rows = data.map((record): AccountCsvRow => {
    const value = (column: Column) => (record.fields[order[column]] ?? "").trim();
    const row: AccountCsvRow = {
      line: record.line,
      accountId: value("account"),
      businessName: value("business").replace(/\s+/g, " "),
      email: value("email").toLowerCase(),
      problem: null,
    };
    const fail = (reason: CsvRowProblem, message: string): AccountCsvRow => ({
      ...row,
      problem: { reason, message },
    });
    if (record.malformed) {
      return fail(
        "malformed_csv",
        "A quote opened on this line is never closed, so the rest of the list is unreadable.",
      );
    }
    const used = Math.max(...Object.values(order)) + 1;
    const extra = record.fields.slice(Math.max(3, used)).some((field) => field.trim() !== "");
    if (record.fields.length < 3 || extra) {
      const found =
        record.fields.length < 3
          ? record.fields.length
          : record.fields.reduce((last, field, index) => (field.trim() !== "" ? index + 1 : last), 0);
      return fail(
        "wrong_column_count",
        `Expected 3 columns (account id, business name, owner email); found ${found}.`,
      );
    }
    if (!ACCOUNT_ID.test(row.accountId)) {
      return fail(
        "invalid_account_id",
        `“${row.accountId.slice(0, 80)}” is not a Stripe account id (acct_…).`,
      );
    }
    if (row.email.length > 254 || !emailSchema.safeParse(row.email).success) {
      return fail("invalid_email", `“${row.email.slice(0, 80)}” is not a valid email address.`);
    }
    if (row.businessName.length > MAX_BUSINESS_NAME) {
      return fail(
        "business_name_too_long",
        `The business name is longer than ${MAX_BUSINESS_NAME} characters.`,
      );
    }
    const earlier = seen.get(row.accountId);
    if (earlier !== undefined) {
      return fail("duplicate_in_file", `${row.accountId} is already on line ${earlier}: each account once.`);
    }
    seen.set(row.accountId, row.line);
    return row;
  });
  return { rows, hasHeader };
}
