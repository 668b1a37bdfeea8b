/** Card number helpers: brand, formatting, Luhn, expiry. */

export type Brand = "visa" | "mastercard" | "amex" | "discover" | "unknown";

export function digits(value: string): string {
  return value.replace(/\D/g, "");
}

export function brandOf(number: string): Brand {
  const n = digits(number);
  if (/^4/.test(n)) return "visa";
  if (/^(5[1-5]|2[2-7])/.test(n)) return "mastercard";
  if (/^3[47]/.test(n)) return "amex";
  if (/^6(011|5)/.test(n)) return "discover";
  return "unknown";
}

export function cardLength(brand: Brand): number {
  return brand === "amex" ? 15 : 16;
}

export function formatNumber(value: string): string {
  const n = digits(value).slice(0, 19);
  if (brandOf(n) === "amex")
    return [n.slice(0, 4), n.slice(4, 10), n.slice(10, 15)].filter(Boolean).join(" ");
  return n.replace(/(\d{4})(?=\d)/g, "$1 ");
}

export function luhn(number: string): boolean {
  const n = digits(number);
  let sum = 0;
  for (let i = 0; i < n.length; i++) {
    let d = Number(n[n.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return n.length > 0 && sum % 10 === 0;
}

export function formatExpiry(value: string): string {
  const n = digits(value).slice(0, 4);
  if (n.length === 1 && Number(n) > 1) return `0${n} / `;
  if (n.length <= 2) return n.length === 2 && value.length > 2 ? `${n} / ` : n;
  return `${n.slice(0, 2)} / ${n.slice(2)}`;
}

export function parseExpiry(value: string): { month: number; year: number } | undefined {
  const n = digits(value);
  if (n.length !== 4) return undefined;
  const month = Number(n.slice(0, 2));
  const year = 2000 + Number(n.slice(2));
  if (month < 1 || month > 12) return undefined;
  return { month, year };
}

export function expiryInPast(exp: { month: number; year: number }, now = new Date()): boolean {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  return exp.year < y || (exp.year === y && exp.month < m);
}
