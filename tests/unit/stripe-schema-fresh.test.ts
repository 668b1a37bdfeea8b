import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { servedOperations } from "@/emulator/schema/served-routes";
import { inputsHash, OUTPUT } from "@/scripts/stripe-schema";

describe("the generated Stripe API description", () => {
  it("matches the pinned stripe package, the generator and the served routes (run npm run stripe:schema)", () => {
    const generated = JSON.parse(readFileSync(OUTPUT, "utf8")) as { inputsHash: string; inputs: string[] };
    // Only the hash of the inputs is recomputed: re-parsing the declarations belongs to the generator.
    expect(inputsHash(generated.inputs, servedOperations()), "stale: run npm run stripe:schema").toBe(
      generated.inputsHash,
    );
  });
});
