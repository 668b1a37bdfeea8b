/** Zod schemas for the onboarding forms of the emulator's own browser endpoints (`browser-api.ts`), not `/v1`. */
import { z } from "zod";
import { zArr, zBool, zEnum, zInt, zStr } from "./params";

const zAddress = z.strictObject({
  line1: zStr.optional(),
  line2: zStr.optional(),
  city: zStr.optional(),
  state: zStr.optional(),
  postal_code: zStr.optional(),
  country: zStr.optional(),
});
const zMetadata = z.union([z.literal(""), z.record(z.string(), z.string({ error: "string" }))], {
  error: "metadata",
});
const zDoc = z.strictObject({ front: zStr.optional(), back: zStr.optional() });
const zVerification = z.strictObject({ document: zDoc.optional(), additional_document: zDoc.optional() });
export const zPayoutInterval = zEnum(["manual", "daily", "weekly", "monthly"]);
export const zWeeklyAnchor = zEnum([
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
]);
export const zIndividual = z.strictObject({
  first_name: zStr.optional(),
  last_name: zStr.optional(),
  maiden_name: zStr.optional(),
  email: zStr.optional(),
  phone: zStr.optional(),
  gender: zStr.optional(),
  dob: z.union([z.literal(""), z.strictObject({ day: zInt, month: zInt, year: zInt })]).optional(),
  address: zAddress.optional(),
  ssn_last_4: zStr.optional(),
  id_number: zStr.optional(),
  political_exposure: zEnum(["existing", "none"]).optional(),
  verification: zVerification.optional(),
  metadata: zMetadata.optional(),
});
export const zCompany = z.strictObject({
  name: zStr.optional(),
  phone: zStr.optional(),
  tax_id: zStr.optional(),
  vat_id: zStr.optional(),
  registration_number: zStr.optional(),
  structure: zStr.optional(),
  address: zAddress.optional(),
  owners_provided: zBool.optional(),
  directors_provided: zBool.optional(),
  executives_provided: zBool.optional(),
  verification: zVerification.optional(),
});
export const zBusinessProfile = z.strictObject({
  mcc: zStr.optional(),
  name: zStr.optional(),
  url: zStr.optional(),
  product_description: zStr.optional(),
  support_email: zStr.optional(),
  support_phone: zStr.optional(),
  support_url: zStr.optional(),
  support_address: zAddress.optional(),
  estimated_worker_count: zInt.optional(),
  minority_owned_business_designation: zArr(zStr).optional(),
});
