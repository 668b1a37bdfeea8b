import { createHash } from "node:crypto";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { createTransport } from "nodemailer";
import { beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type MailMessage, type RunningEmulator } from "../../../emulator/index";
import { startMailCatcher } from "../../../emulator/mail/catcher";
import { totpCode } from "../../../emulator/mail/totp";
import { control, useEmulator } from "./helpers";

const TOTP_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
let emu: RunningEmulator;

useEmulator(
  (e) => {
    emu = e;
  },
  { totpSecrets: [{ label: "ops@portico.test", secret: TOTP_SECRET }] },
);

function smtpUrl(): string {
  if (!emu.smtpUrl) throw new Error("the emulator started without a mail catcher");
  return emu.smtpUrl;
}

function send(mail: { to: string | string[]; subject: string; text?: string; html?: string }) {
  const transport = createTransport(smtpUrl());
  return transport.sendMail({ from: '"Portico" <no-reply@portico.test>', ...mail });
}

async function inbox(to: string): Promise<MailMessage[]> {
  const r = await control<{ data: MailMessage[] }>(emu.url, "GET", `mail?to=${encodeURIComponent(to)}`);
  return r.data;
}

/** An error's SMTP reply code, without assuming its shape. */
function responseCode(err: unknown): unknown {
  return typeof err === "object" && err !== null && "responseCode" in err ? err.responseCode : undefined;
}

/** A bare SMTP session: `command` sends one line and resolves with the (last line of the) reply. */
async function rawSmtp(port: number): Promise<{ command(line: string): Promise<string>; close(): void }> {
  const socket = connect({ host: "127.0.0.1", port });
  socket.setEncoding("utf8");
  let buffered = "";
  let waiting: ((reply: string) => void) | undefined;
  socket.on("data", (chunk: string) => {
    buffered += chunk;
    // A reply is complete at a line whose code is followed by a space (continuation lines use "-").
    const done = /(?:^|\r\n)(\d{3} [^\r\n]*)\r\n$/.exec(buffered);
    if (done && waiting) {
      const reply = done[1] ?? "";
      buffered = "";
      const resolve = waiting;
      waiting = undefined;
      resolve(reply);
    }
  });
  const next = () => new Promise<string>((resolve) => (waiting = resolve));
  const greeting = await next();
  if (!greeting.startsWith("220")) throw new Error(`unexpected greeting: ${greeting}`);
  return {
    command(line) {
      const reply = next();
      socket.write(`${line}\r\n`);
      return reply;
    },
    close: () => socket.destroy(),
  };
}

beforeEach(async () => {
  await control(emu.url, "DELETE", "mail");
});

describe("mail catcher", () => {
  it("catches a text+html mail to two recipients and reads it back by recipient", async () => {
    const before = Date.now();
    const info = await send({
      to: ["Alice@Example.test", "bob@example.test"],
      subject: "Your sign-in link",
      text: "Sign in: https://app.portico.test/verify?token=abc&next=%2Fhome.\nHelp: https://help.portico.test/",
      html: `<p><a href="https://app.portico.test/verify?token=abc&amp;next=%2Fhome">Sign in</a>
        <a href='https://app.portico.test/invite?a=1&amp;b=2'>Invite</a> <a href="mailto:x@y.test">mail</a>
        <a href="/relative">rel</a></p>`,
    });
    expect(info.accepted).toHaveLength(2);

    const forAlice = await inbox("ALICE@example.test");
    expect(forAlice).toHaveLength(1);
    const m = forAlice[0];
    if (!m) throw new Error("no message");
    expect(m.id).toMatch(/^msg_/);
    expect(m.to).toEqual(["alice@example.test", "bob@example.test"]);
    expect(m.from).toBe("no-reply@portico.test");
    expect(m.subject).toBe("Your sign-in link");
    expect(m.text).toContain("Sign in: https://app.portico.test/verify");
    expect(m.html).toContain("Invite</a>");
    expect(m.headers["message-id"]).toMatch(/^<.+>$/);
    expect(m.receivedAt).toBeGreaterThanOrEqual(before);
    // Text links first, then hrefs; the href equal to a text link (after &amp; decoding) appears once.
    expect(m.links).toEqual([
      "https://app.portico.test/verify?token=abc&next=%2Fhome",
      "https://help.portico.test/",
      "https://app.portico.test/invite?a=1&b=2",
    ]);

    expect(await inbox("bob@example.test")).toHaveLength(1);
    expect(await inbox("carol@example.test")).toHaveLength(0);
    expect(await inbox("alice@example")).toHaveLength(0);
    const later = await control<{ data: MailMessage[] }>(emu.url, "GET", `mail?since=${Date.now() + 60_000}`);
    expect(later.data).toHaveLength(0);
  });

  it("lists newest first and keeps the List-Unsubscribe header", async () => {
    await send({ to: "dana@example.test", subject: "first", text: "one" });
    const transport = createTransport(smtpUrl());
    await transport.sendMail({
      from: "no-reply@portico.test",
      to: "dana@example.test",
      subject: "second",
      text: "two",
      list: { unsubscribe: "https://app.portico.test/unsubscribe?u=1" },
    });
    const all = await inbox("dana@example.test");
    expect(all.map((m) => m.subject)).toEqual(["second", "first"]);
    expect(all[0]?.headers["list-unsubscribe"]).toBe("<https://app.portico.test/unsubscribe?u=1>");
    expect(all[1]?.headers["list-unsubscribe"]).toBeUndefined();
  });

  it("answers one message by id, 404 for an unknown id, and deletes them all", async () => {
    await send({ to: "erin@example.test", subject: "hello", text: "hi" });
    const [m] = await inbox("erin@example.test");
    if (!m) throw new Error("no message");
    const one = await control<MailMessage>(emu.url, "GET", `mail/${m.id}`);
    expect(one).toEqual(m);

    const missing = await fetch(`${emu.url}/_emulator/mail/msg_nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { type: "invalid_request_error", message: "No such message: 'msg_nope'" },
    });

    expect(await control(emu.url, "DELETE", "mail")).toEqual({ deleted: 1 });
    expect(await inbox("erin@example.test")).toHaveLength(0);
    expect((await fetch(`${emu.url}/_emulator/mail/${m.id}`)).status).toBe(404);
  });

  it("refuses mail with a retryable 421 during an outage, then recovers", async () => {
    expect(await control(emu.url, "POST", "mail/outage", { down: true })).toEqual({ down: true });
    let failure: unknown;
    try {
      await send({ to: "frank@example.test", subject: "during outage", text: "lost?" });
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(Error);
    expect(responseCode(failure)).toBe(421);
    expect(await inbox("frank@example.test")).toHaveLength(0);

    expect(await control(emu.url, "POST", "mail/outage", { down: false })).toEqual({ down: false });
    await send({ to: "frank@example.test", subject: "after outage", text: "arrived" });

    // A connection opened before the outage gets the 421 at its next transaction (MAIL FROM).
    const session = await rawSmtp(emu.mail?.port ?? 0);
    try {
      expect(await session.command("EHLO test.local")).toMatch(/^250/);
      await control(emu.url, "POST", "mail/outage", { down: true });
      expect(await session.command("MAIL FROM:<no-reply@portico.test>")).toMatch(/^421 /);
    } finally {
      session.close();
      await control(emu.url, "POST", "mail/outage", { down: false });
    }
    expect((await inbox("frank@example.test")).map((m) => m.subject)).toEqual(["after outage"]);

    const bad = await fetch(`${emu.url}/_emulator/mail/outage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ down: "yes" }),
    });
    expect(bad.status).toBe(400);
  });

  it("serves an inbox page that escapes mail content and shows the demo TOTP codes", async () => {
    await send({
      to: "grace@example.test",
      subject: "<script>alert(1)</script> & more",
      text: "Open https://app.portico.test/x?a=1&b=<2>",
      html: `<p onclick="x()">Hi "you"</p><script>alert(2)</script>`,
    });
    const before = Date.now();
    const res = await fetch(`${emu.url}/_emulator/inbox`);
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-src 'self' about:");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    const page = await res.text();

    expect(page).not.toContain("<script>alert(");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more");
    // The HTML part only appears escaped, inside a sandboxed srcdoc.
    expect(page).toContain('sandbox="" referrerpolicy="no-referrer"');
    expect(page).toContain(
      'srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Hi &quot;you&quot;&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;"',
    );
    expect(page).toContain('href="https://app.portico.test/x?a=1&amp;b="');
    expect(page).toContain("<details");
    // The page's only script is its own refresh script, allowed by its hash in the CSP.
    expect(page.match(/<script>/g)).toHaveLength(1);
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] ?? "";
    expect(csp).toContain(`script-src 'sha256-${createHash("sha256").update(script).digest("base64")}'`);

    expect(page).toContain("Demo staff sign-in codes");
    expect(page).toContain("ops@portico.test");
    const codes = [totpCode(TOTP_SECRET, before), totpCode(TOTP_SECRET, after)];
    expect(codes.some((c) => page.includes(`>${c}<`))).toBe(true);
  });

  it("binds 127.0.0.1 only", async () => {
    expect(smtpUrl()).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    await expect(startMailCatcher({ host: "0.0.0.0" })).rejects.toThrow(/127\.0\.0\.1 only/);
    await expect(startMailCatcher({ host: "::" })).rejects.toThrow(/127\.0\.0\.1 only/);

    const port = emu.mail?.port ?? 0;
    const reach = (host: string) =>
      new Promise<boolean>((resolve) => {
        const socket = connect({ host, port, timeout: 2000 });
        socket.once("connect", () => {
          socket.destroy();
          resolve(true);
        });
        socket.once("error", () => resolve(false));
        socket.once("timeout", () => {
          socket.destroy();
          resolve(false);
        });
      });
    expect(await reach("127.0.0.1")).toBe(true);
    // Where the machine has another address, the catcher must not answer on it.
    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal)?.address;
    if (external) expect(await reach(external)).toBe(false);
  });

  it("can be turned off", async () => {
    const off = await startEmulator({ port: 0, quiet: true, mail: false });
    try {
      expect(off.smtpUrl).toBeNull();
      expect(off.mail).toBeNull();
      expect((await fetch(`${off.url}/_emulator/mail`)).status).toBe(404);
      const page = await fetch(`${off.url}/_emulator/inbox`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("The mail catcher is off");
    } finally {
      await off.stop();
    }
  });
});
