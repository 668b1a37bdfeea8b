import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findChromium } from "@/scripts/lib/chromium";

describe("findChromium", () => {
  it("uses CHROMIUM_PATH when it names an executable", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portico-chromium-"));
    const binary = path.join(dir, "chrome");
    writeFileSync(binary, "#!/bin/sh\n");
    chmodSync(binary, 0o755);
    expect(findChromium({ CHROMIUM_PATH: binary })).toEqual({ ok: true, path: binary });
  });

  it("says what is wrong with a CHROMIUM_PATH that is not an executable, instead of looking elsewhere", () => {
    const lookup = findChromium({ CHROMIUM_PATH: "/nowhere/chrome" });
    expect(lookup.ok).toBe(false);
    if (!lookup.ok) expect(lookup.message).toContain("/nowhere/chrome");
  });
});
