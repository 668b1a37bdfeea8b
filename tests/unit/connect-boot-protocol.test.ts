import { describe, expect, it } from "vitest";
import {
  decodeSlotProps,
  encodeSlotProps,
  scriptSafeJson,
  setterName,
} from "@/components/connect/boot/protocol";

describe("Connect boot protocol", () => {
  it("round-trips a slot's data props, Dates included (payment filters)", () => {
    const props = {
      payment: "pi_123",
      defaultFilters: {
        status: ["successful", "refunded"],
        amount: { between: { lowerBound: 100, upperBound: 500 } },
        date: { between: { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-02-01T12:30:00Z") } },
      },
    };
    const decoded = decodeSlotProps(encodeSlotProps(props));
    expect(decoded).toEqual(props);
    const date = (decoded.defaultFilters as { date: { between: { start: unknown } } }).date.between.start;
    expect(date).toBeInstanceOf(Date);
  });

  it("gives the same JSON for equal props on the server and in the browser (the adoption check compares it)", () => {
    const a = encodeSlotProps({ defaultFilters: { date: { after: new Date(0) } } });
    const b = encodeSlotProps({ defaultFilters: { date: { after: new Date(0) } } });
    expect(a).toBe(b);
  });

  it("keeps an ordinary object that merely has a $date key alongside others", () => {
    expect(decodeSlotProps('{"x":{"$date":"2026-01-01T00:00:00.000Z","other":1}}')).toEqual({
      x: { $date: "2026-01-01T00:00:00.000Z", other: 1 },
    });
  });

  it("reads anything but an object as no props", () => {
    expect(decodeSlotProps("[1,2]")).toEqual({});
    expect(decodeSlotProps("null")).toEqual({});
  });

  it("names setters the way connect.js does", () => {
    expect(setterName("onLoadError")).toBe("setOnLoadError");
    expect(setterName("defaultFilters")).toBe("setDefaultFilters");
    expect(setterName("payment")).toBe("setPayment");
  });

  it("makes JSON that cannot end an inline script or open a comment", () => {
    const json = scriptSafeJson({
      error: "</script><script>alert(1)</script><!--",
      sep: "\u2028\u2029",
      amp: "&",
    });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual({
      error: "</script><script>alert(1)</script><!--",
      sep: "\u2028\u2029",
      amp: "&",
    });
  });
});
