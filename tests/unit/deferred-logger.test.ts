import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { deferredChild, redactPaths } from "@/lib/log";

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString("utf8")));
      done();
    },
  });
  const logger = pino({ level, redact: { paths: redactPaths, censor: "[redacted]" } }, stream);
  return { logger, lines };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("deferredChild", () => {
  it("builds no pino child while nothing at an enabled level is logged", async () => {
    const { logger, lines } = capture("warn");
    const child = vi.spyOn(logger, "child");
    const log = deferredChild(logger, { requestId: "r1" }).child({ userId: "u1" });
    log.info({ event: "skipped" }, "below the level");
    log.debug("below the level");
    expect(child).not.toHaveBeenCalled();
    expect(log.isLevelEnabled("info")).toBe(false);
    await flush();
    expect(lines).toEqual([]);
  });

  it("writes enabled lines with every binding, merged across child() calls, redacted as before", async () => {
    const { logger, lines } = capture("info");
    const log = deferredChild(logger, { requestId: "r1", cookie: "secret-cookie" }).child({ userId: "u1" });
    log.info({ event: "one" }, "first");
    log.child({ tenantId: "t1" }).warn({ event: "two", token: "secret-token" }, "second");
    await flush();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ requestId: "r1", userId: "u1", event: "one", msg: "first" });
    expect(lines[1]).toMatchObject({ requestId: "r1", userId: "u1", tenantId: "t1", event: "two" });
    expect(JSON.stringify(lines)).not.toContain("secret-");
  });
});
