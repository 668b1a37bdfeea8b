/** Account requirements → form fields and onboarding steps. */
import { getPath, isRecord, rec, str } from "../dom";
import { humanize, type I18n, type LabelKey } from "../i18n";

export type FieldKind = "text" | "email" | "tel" | "url" | "date" | "mcc" | "confirm";

export interface ReqField {
  /** Body path (`company.name`, `individual.dob`). */
  path: string;
  kind: FieldKind;
  requirements: string[];
}

export type StepName =
  "business_type" | "business_details" | "representative" | "external_account" | "tos" | "summary";

export interface Step {
  name: StepName;
  fields: ReqField[];
  requirements: string[];
}

export interface CollectionOptions {
  fields?: "currently_due" | "eventually_due";
  futureRequirements?: "omit" | "include";
  requirements?: { only?: string[]; exclude?: string[] };
}

const LABELS: Record<string, [string, string]> = {
  first_name: ["First name", "Prénom"],
  last_name: ["Last name", "Nom"],
  email: ["Email", "E-mail"],
  phone: ["Phone number", "Numéro de téléphone"],
  dob: ["Date of birth", "Date de naissance"],
  ssn_last_4: ["Last 4 digits of SSN", "4 derniers chiffres du numéro de sécurité sociale (SSN)"],
  id_number: ["ID number", "Numéro d'identification"],
  name: ["Legal business name", "Raison sociale"],
  tax_id: ["Tax ID (EIN)", "Numéro d'identification fiscale (EIN)"],
  url: ["Business website", "Site web de l'entreprise"],
  mcc: ["Industry", "Secteur d'activité"],
  product_description: ["Product description", "Description des produits"],
  support_email: ["Support email", "E-mail d'assistance"],
  support_phone: ["Support phone", "Téléphone d'assistance"],
  "address.line1": ["Address line 1", "Adresse (ligne 1)"],
  "address.line2": ["Address line 2", "Adresse (ligne 2)"],
  "address.city": ["City", "Ville"],
  "address.state": ["State", "État / région"],
  "address.postal_code": ["ZIP / postal code", "Code postal"],
  "address.country": ["Country", "Pays"],
  "relationship.title": ["Job title", "Fonction"],
  "relationship.executive": ["Executive", "Dirigeant"],
  "relationship.owner": ["Owner", "Propriétaire"],
  "relationship.percent_ownership": ["Ownership (%)", "Participation (%)"],
  title: ["Job title", "Fonction"],
  owners_provided: [
    "I confirm all owners have been provided",
    "Je confirme avoir indiqué tous les propriétaires",
  ],
  directors_provided: [
    "I confirm all directors have been provided",
    "Je confirme avoir indiqué tous les administrateurs",
  ],
  executives_provided: [
    "I confirm all executives have been provided",
    "Je confirme avoir indiqué tous les dirigeants",
  ],
};

export const MCC_OPTIONS: ReadonlyArray<[string, string, string]> = [
  ["5734", "Software", "Logiciels"],
  ["7372", "Computer programming and services", "Programmation et services informatiques"],
  ["5812", "Restaurants", "Restaurants"],
  ["5999", "Retail (other)", "Commerce de détail (autre)"],
  ["8999", "Professional services", "Services professionnels"],
  ["7299", "Personal services", "Services à la personne"],
];

export function fieldLabel(i18n: I18n, path: string): string {
  const parts = path.split(".");
  const lang = i18n.lang === "fr" ? 1 : 0;
  for (let take = Math.min(2, parts.length); take >= 1; take--) {
    const key = parts.slice(-take).join(".");
    const entry = LABELS[key];
    if (entry) return entry[lang];
  }
  return humanize(parts[parts.length - 1] ?? path);
}

function kindOf(path: string): FieldKind {
  if (path.endsWith("_provided")) return "confirm";
  if (path.endsWith(".dob")) return "date";
  if (path.endsWith("email")) return "email";
  if (path.endsWith("phone")) return "tel";
  if (path.endsWith(".url")) return "url";
  if (path.endsWith(".mcc")) return "mcc";
  return "text";
}

/** The requirements to collect, per `collectionOptions`. */
export function dueRequirements(
  account: Record<string, unknown>,
  options: CollectionOptions | undefined,
): string[] {
  const req = rec(account.requirements);
  const future = rec(account.future_requirements);
  const strings = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  const eventually = options?.fields === "eventually_due";
  const set = new Set<string>([...strings(req.past_due), ...strings(req.currently_due)]);
  if (eventually) for (const r of strings(req.eventually_due)) set.add(r);
  if (options?.futureRequirements === "include") {
    for (const r of strings(future.currently_due)) set.add(r);
    if (eventually) for (const r of strings(future.eventually_due)) set.add(r);
  }
  let out = [...set];
  const only = options?.requirements?.only;
  const exclude = options?.requirements?.exclude;
  if (Array.isArray(only)) out = out.filter((r) => only.includes(r));
  if (Array.isArray(exclude)) out = out.filter((r) => !exclude.includes(r));
  return out;
}

function stepOf(requirement: string, businessType: string | undefined): StepName {
  if (requirement === "business_type") return "business_type";
  if (requirement === "external_account" || requirement.startsWith("external_account"))
    return "external_account";
  if (requirement.startsWith("tos_acceptance")) return "tos";
  if (
    requirement.startsWith("representative") ||
    requirement.startsWith("person_") ||
    requirement.startsWith("relationship")
  ) {
    return "representative";
  }
  if (/^company\.(owners|directors|executives)_provided$/.test(requirement)) return "representative";
  if (requirement.startsWith("individual.") && businessType && businessType !== "individual")
    return "representative";
  return "business_details";
}

const ORDER: StepName[] = ["business_type", "business_details", "representative", "external_account", "tos"];

/** Groups requirements into ordered steps with their fields (dob parts folded into one date field). */
export function buildSteps(requirements: string[], businessType: string | undefined): Step[] {
  const byStep = new Map<StepName, string[]>();
  for (const r of requirements) {
    const name = stepOf(r, businessType);
    byStep.set(name, [...(byStep.get(name) ?? []), r]);
  }
  const steps: Step[] = [];
  for (const name of ORDER) {
    const reqs = byStep.get(name);
    if (!reqs) continue;
    const fields = new Map<string, ReqField>();
    if (name === "business_details" || name === "representative") {
      for (const r of reqs) {
        const path = r.replace(/\.dob\.(day|month|year)$/, ".dob");
        const existing = fields.get(path);
        if (existing) existing.requirements.push(r);
        else fields.set(path, { path, kind: kindOf(path), requirements: [r] });
      }
    }
    steps.push({ name, fields: [...fields.values()], requirements: reqs });
  }
  return steps;
}

/** Initial value of a field from the account. */
export function initialValue(account: Record<string, unknown>, f: ReqField): string {
  const value = getPath(account, f.path);
  if (f.kind === "date" && isRecord(value)) {
    const y = value.year;
    const m = value.month;
    const d = value.day;
    if (typeof y === "number" && typeof m === "number" && typeof d === "number") {
      return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
    }
    return "";
  }
  if (f.kind === "confirm") return value === true ? "true" : "";
  if (typeof value === "number") return String(value);
  // What the account already has elsewhere: its country, its email for the person's.
  const fallback = f.path.endsWith("address.country")
    ? str(account.country)
    : f.path.endsWith(".email")
      ? str(account.email)
      : undefined;
  return str(value) ?? fallback ?? "";
}

/** Stripe's minimum age for a person on an account. */
const MIN_AGE = 13;

/** What is wrong with a value, as a message key (specific: which rule failed), or undefined when it is fine. */
export function validate(f: ReqField, value: string, today = new Date()): LabelKey | undefined {
  const v = value.trim();
  if (f.kind === "confirm") return v === "true" ? undefined : "required";
  if (!v && !f.path.endsWith("line2")) return "required";
  if (!v) return undefined;
  if (f.kind === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return "emailInvalid";
  if (f.kind === "date") {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    const year = Number(m?.[1]);
    if (!m || year < 1900 || Date.parse(v) > today.getTime()) return "dobInvalid";
    const month = Number(m[2]);
    const day = Number(m[3]);
    const turned =
      today.getMonth() + 1 > month || (today.getMonth() + 1 === month && today.getDate() >= day) ? 0 : 1;
    if (today.getFullYear() - year - turned < MIN_AGE) return "dobTooYoung";
  }
  if (f.path.endsWith("ssn_last_4") && !/^\d{4}$/.test(v)) return "ssnLast4";
  if (f.kind === "url") {
    const href = /^https?:\/\//i.test(v) ? v : `https://${v}`;
    let ok = false;
    try {
      const url = new URL(href);
      ok = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(url.hostname) && !/\s/.test(v);
    } catch {
      ok = false;
    }
    if (!ok) return "urlInvalid";
  }
  return undefined;
}

export function fieldValue(f: ReqField, value: string): unknown {
  const v = value.trim();
  if (f.kind === "confirm") return true;
  if (f.kind === "date") {
    const [y, m, d] = v.split("-").map(Number);
    return { year: y, month: m, day: d };
  }
  if (f.kind === "url" && !/^https?:\/\//.test(v)) return `https://${v}`;
  return v;
}
