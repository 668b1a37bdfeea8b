import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderAccount } from "../../emulator/account-model";
import { load, serialize } from "../../emulator/persist";
import { State } from "../../emulator/state";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("emulator data files", () => {
  it("loads accounts saved with the three typed settings as the params they were given", () => {
    const saved = JSON.parse(serialize(new State())) as { platform: Record<string, unknown> };
    const { given: _given, ...platform } = saved.platform;
    const legacy = {
      ...saved,
      platform: {
        ...platform,
        settings: { statement_descriptor: "OLD DESC", display_name: "Old name", primary_color: "#112233" },
      },
    };
    dir = mkdtempSync(path.join(tmpdir(), "emulator-persist-"));
    const file = path.join(dir, "state.json");
    writeFileSync(file, JSON.stringify(legacy));
    const state = new State();
    expect(load(state, file)).toBe(true);
    const account = renderAccount(state.platform);
    expect(account.settings).toMatchObject({
      payments: { statement_descriptor: "OLD DESC" },
      dashboard: { display_name: "Old name" },
      branding: { primary_color: "#112233" },
    });
    expect("settings" in state.platform).toBe(false);
  });
});
