import { describe, expect, it } from "vitest";
import { base32Decode, totpCode, totpSecondsLeft } from "../../emulator/mail/totp";

// RFC 6238 appendix B, SHA1 rows: the secret is the ASCII "12345678901234567890"; 6-digit codes are the last six
// digits of the 8-digit ones printed there.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const VECTORS: [seconds: number, eightDigits: string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("totpCode", () => {
  it("decodes the RFC's secret (RFC 4648 base32)", () => {
    expect(base32Decode(RFC_SECRET).toString("ascii")).toBe("12345678901234567890");
    expect(base32Decode("MZXW6YTBOI======").toString("ascii")).toBe("foobar");
    expect(base32Decode("MZXW6YQ=").toString("ascii")).toBe("foob");
  });

  it.each(VECTORS)("matches RFC 6238 at T=%i s", (seconds, eight) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(eight.slice(-6));
  });

  it("gives the named vectors", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpCode(RFC_SECRET, 1111111109_000)).toBe("081804");
    expect(totpCode(RFC_SECRET, 1234567890_000)).toBe("005924");
  });

  it("ignores case, spaces and padding in the secret", () => {
    const messy = "gezd gnbv gy3t qojq GEZD GNBV GY3T QOJQ====";
    expect(totpCode(messy, 59_000)).toBe("287082");
  });

  it("keeps a code for its whole 30 s step", () => {
    expect(totpCode(RFC_SECRET, 60_000)).toBe(totpCode(RFC_SECRET, 89_999));
    expect(totpCode(RFC_SECRET, 89_999)).not.toBe(totpCode(RFC_SECRET, 90_000));
    expect(totpSecondsLeft(60_000)).toBe(30);
    expect(totpSecondsLeft(89_999)).toBe(1);
  });

  it("rejects secrets that are not base32", () => {
    expect(() => totpCode("not-base32!", 0)).toThrow(/base32/);
    expect(() => totpCode("18", 0)).toThrow(/base32/);
    expect(() => totpCode("", 0)).toThrow(/empty/);
  });
});
