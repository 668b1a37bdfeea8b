import { z } from "zod";
import { normalizeReason, REASON_MAX_LENGTH, reasonMessages, reasonProblem } from "./reason";

/**
 * The reason field of a request body: checked by lib/audit/reason.ts's rule, answered normalised. Apart from that
 * module so the console's forms can check reasons without shipping zod to the browser.
 */
export const reasonSchema = z
  .string()
  .max(REASON_MAX_LENGTH * 4, reasonMessages.too_long)
  .superRefine((value, ctx) => {
    const problem = reasonProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: reasonMessages[problem] });
  })
  .transform(normalizeReason);
