import { z } from "zod";

/** Portico's password rule, for every form that sets one: length only (no composition rules), 8 to 128. */
export const passwordField = z
  .string()
  .min(8, "Use at least 8 characters.")
  .max(128, "Use at most 128 characters.");
