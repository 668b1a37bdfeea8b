/**
 * Stripe requirement keys (`individual.dob.day`, `external_account`, `person_abc.verification.document`…) turned into
 * what staff can read: a topic ("date of birth") about a subject ("the representative"). Parts of one topic (day,
 * month, year) collapse into one line. Labels live in messages/*.json under admin.requirements.
 */

export const requirementTopics = [
  "dob",
  "address",
  "name",
  "email",
  "phone",
  "idNumber",
  "ssnLast4",
  "idDocument",
  "additionalDocument",
  "bankAccount",
  "tosAcceptance",
  "mcc",
  "url",
  "productDescription",
  "supportDetails",
  "taxId",
  "companyName",
  "structure",
  "ownership",
  "relationship",
  "businessType",
  "other",
] as const;
export type RequirementTopic = (typeof requirementTopics)[number];

export const requirementSubjects = [
  "account",
  "business",
  "company",
  "individual",
  "representative",
  "owner",
  "director",
  "executive",
  "person",
] as const;
export type RequirementSubject = (typeof requirementSubjects)[number];

export interface RequirementItem {
  topic: RequirementTopic;
  subject: RequirementSubject;
  /** The raw Stripe keys behind this line (shown for reference). */
  keys: string[];
}

const exactTopics: Record<string, [RequirementTopic, RequirementSubject]> = {
  external_account: ["bankAccount", "account"],
  business_type: ["businessType", "account"],
  "tos_acceptance.date": ["tosAcceptance", "account"],
  "tos_acceptance.ip": ["tosAcceptance", "account"],
  "tos_acceptance.user_agent": ["tosAcceptance", "account"],
  "business_profile.mcc": ["mcc", "business"],
  "business_profile.url": ["url", "business"],
  "business_profile.product_description": ["productDescription", "business"],
  "business_profile.support_phone": ["supportDetails", "business"],
  "business_profile.support_email": ["supportDetails", "business"],
  "business_profile.support_address": ["supportDetails", "business"],
  "business_profile.name": ["companyName", "business"],
  "company.name": ["companyName", "company"],
  "company.tax_id": ["taxId", "company"],
  "company.structure": ["structure", "company"],
  "company.directors_provided": ["ownership", "company"],
  "company.executives_provided": ["ownership", "company"],
  "company.owners_provided": ["ownership", "company"],
  "company.ownership_declaration.date": ["ownership", "company"],
  "company.ownership_declaration.ip": ["ownership", "company"],
};

/** The part of a person's or company's key after the subject, e.g. `dob.day` or `verification.document`. */
function topicOf(rest: string): RequirementTopic {
  if (rest.startsWith("dob")) return "dob";
  if (rest.startsWith("address") || rest.startsWith("registered_address")) return "address";
  if (rest === "first_name" || rest === "last_name" || rest.startsWith("full_name") || rest === "name")
    return "name";
  if (rest === "email") return "email";
  if (rest === "phone") return "phone";
  if (rest === "id_number" || rest === "tax_id") return rest === "tax_id" ? "taxId" : "idNumber";
  if (rest === "ssn_last_4") return "ssnLast4";
  if (rest.startsWith("verification.additional_document")) return "additionalDocument";
  if (rest.startsWith("verification")) return "idDocument";
  if (rest.startsWith("relationship")) return "relationship";
  return "other";
}

function subjectOf(head: string, rest: string): RequirementSubject | null {
  if (head === "individual") return "individual";
  if (head === "company") return "company";
  if (head === "representative") return "representative";
  if (head.startsWith("person_")) {
    if (rest.startsWith("relationship.owner")) return "owner";
    if (rest.startsWith("relationship.director")) return "director";
    if (rest.startsWith("relationship.executive")) return "executive";
    return "person";
  }
  if (head === "owners") return "owner";
  if (head === "directors") return "director";
  if (head === "executives") return "executive";
  return null;
}

/** Accounts v2 requirement descriptions are v2 field paths: read as the v1 key they ask for. */
const v2Exact: Record<string, string> = {
  "identity.entity_type": "business_type",
  "configuration.merchant.mcc": "business_profile.mcc",
  "defaults.profile.business_url": "business_profile.url",
  "defaults.profile.product_description": "business_profile.product_description",
  "configuration.recipient.default_outbound_destination": "external_account",
  "identity.business_details.registered_name": "company.name",
  "identity.business_details.id_numbers": "company.tax_id",
  "identity.individual.given_name": "individual.first_name",
  "identity.individual.surname": "individual.last_name",
  "identity.individual.id_numbers": "individual.id_number",
  "identity.individual.documents.primary_verification": "individual.verification.document",
  "identity.business_details.documents.primary_verification": "company.verification.document",
};

export function v1RequirementKey(key: string): string {
  const exact = v2Exact[key];
  if (exact) return exact;
  if (key.startsWith("identity.attestations.terms_of_service.")) return "tos_acceptance.date";
  if (key.startsWith("configuration.merchant.support.")) return "business_profile.support_email";
  if (key.startsWith("identity.individual.date_of_birth."))
    return `individual.dob.${key.slice("identity.individual.date_of_birth.".length)}`;
  if (key.startsWith("identity.individual.")) return `individual.${key.slice("identity.individual.".length)}`;
  if (key.startsWith("identity.business_details."))
    return `company.${key.slice("identity.business_details.".length)}`;
  return key;
}

export function describeRequirement(rawKey: string): {
  topic: RequirementTopic;
  subject: RequirementSubject;
} {
  const key = v1RequirementKey(rawKey);
  const exact = exactTopics[key];
  if (exact) return { topic: exact[0], subject: exact[1] };
  if (key.startsWith("tos_acceptance.")) return { topic: "tosAcceptance", subject: "account" };
  if (key.startsWith("external_account")) return { topic: "bankAccount", subject: "account" };
  if (key.startsWith("business_profile.")) return { topic: "other", subject: "business" };
  const dot = key.indexOf(".");
  const head = dot === -1 ? key : key.slice(0, dot);
  const rest = dot === -1 ? "" : key.slice(dot + 1);
  const subject = subjectOf(head, rest);
  if (subject) return { topic: topicOf(rest), subject };
  return { topic: "other", subject: "account" };
}

/** One line per (subject, topic), in Stripe's order. */
export function describeRequirements(keys: readonly string[]): RequirementItem[] {
  const items = new Map<string, RequirementItem>();
  for (const key of keys) {
    const { topic, subject } = describeRequirement(key);
    const id = `${subject}:${topic}`;
    const existing = items.get(id);
    if (existing) existing.keys.push(key);
    else items.set(id, { topic, subject, keys: [key] });
  }
  return [...items.values()];
}

export const disabledReasons = [
  "requirements.past_due",
  "requirements.pending_verification",
  "listed",
  "platform_paused",
  "rejected.fraud",
  "rejected.incomplete_verification",
  "rejected.listed",
  "rejected.other",
  "rejected.platform_fraud",
  "rejected.platform_other",
  "rejected.platform_terms_of_service",
  "rejected.terms_of_service",
  "under_review",
  "action_required.requested_capabilities",
  "paused.inactivity",
  "other",
] as const;

/** A message key (under admin.disabledReasons) for Stripe's `disabled_reason`; unknown reasons read as "other". */
export function disabledReasonKey(reason: string): string {
  const known = (disabledReasons as readonly string[]).includes(reason) ? reason : "other";
  return known.replace(/\./g, "_");
}
