import { describe, expect, it } from "vitest";
import { renderMail } from "@/lib/mail/templates";

describe("payment mails' wording", () => {
  it("a dispute says the amount, the reason in plain words, the deadline and where to respond", () => {
    const mail = renderMail("dispute_created", "en", {
      amount: "$49.00",
      business: "Acme Bikes",
      reason: "product not received",
      dueBy: "March 3, 2027",
      url: "https://portico.example/payments/pi_123456789",
    });
    expect(mail.subject).toBe("New dispute: $49.00 on Acme Bikes");
    expect(mail.text).toContain("disputed a payment of $49.00 to Acme Bikes (reason: product not received)");
    expect(mail.text).toContain("before March 3, 2027");
    expect(mail.text).toContain("Review the dispute: https://portico.example/payments/pi_123456789");
    expect(mail.html).toContain('href="https://portico.example/payments/pi_123456789"');
  });

  it("a dispute without a deadline does not invent one", () => {
    const mail = renderMail("dispute_created", "fr", {
      amount: "49,00 $US",
      business: "Acme Bikes",
      reason: "produit non reçu",
      dueBy: "none",
      url: "https://portico.example/disputes",
    });
    expect(mail.text).toContain("dès que possible");
    expect(mail.text).not.toContain("none");
  });

  it("a failed payout says the amount, why it failed and links to the payout", () => {
    const mail = renderMail("payout_failed", "en", {
      amount: "$120.00",
      business: "Acme Bikes",
      failure: "the bank account could not be found",
      url: "https://portico.example/payouts/po_123456789",
    });
    expect(mail.subject).toBe("A payout of $120.00 failed for Acme Bikes");
    expect(mail.text).toContain("failed: the bank account could not be found.");
    expect(mail.text).toContain("Review the payout: https://portico.example/payouts/po_123456789");
    expect(mail.text).toContain("turn these mails off in Settings");
  });

  it("renders the new kinds in both languages", () => {
    for (const locale of ["en", "fr"] as const) {
      const changed = renderMail("password_changed", locale, {
        time: "2027-01-01 10:00",
        url: "https://portico.example/forgot-password",
      });
      expect(changed.text).toContain("2027-01-01 10:00");
      const deleted = renderMail("account_deleted", locale, { url: "https://portico.example/signup" });
      expect(deleted.subject.length).toBeGreaterThan(10);
    }
  });
});
