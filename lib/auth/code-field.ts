import { z } from "zod";

/** A code a person types: six TOTP digits or a recovery code (`abc123-def456`). */
export const codeField = z
  .string({ error: "Enter the code." })
  .trim()
  .min(6, "Enter the code from your authenticator app.")
  .max(20, "That is not a code.");
