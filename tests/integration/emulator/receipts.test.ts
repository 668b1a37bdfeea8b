import Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import type { MailMessage, RunningEmulator } from "../../../emulator/index";
import { control, PLATFORM_CONTROLLED, useEmulator } from "./helpers";

let emu: RunningEmulator;
let stripe: Stripe;
let account: string;

useEmulator((e, s) => {
  emu = e;
  stripe = s;
});

beforeAll(async () => {
  const created = await stripe.accounts.create({
    ...PLATFORM_CONTROLLED,
    business_profile: { name: "Willow Ceramics" },
  });
  account = created.id;
  await control(emu.url, "POST", `accounts/${account}/state`, { state: "enabled" });
});

async function inbox(to: string): Promise<MailMessage[]> {
  const r = await control<{ data: MailMessage[] }>(emu.url, "GET", `mail?to=${encodeURIComponent(to)}`);
  return r.data;
}

async function waitForInbox(to: string): Promise<MailMessage[]> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const mails = await inbox(to);
    if (mails.length > 0 || Date.now() > deadline) return mails;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("receipts", () => {
  it("a payment with a receipt_email mails its receipt from the business, with amount and currency", async () => {
    const to = "buyer@example.test";
    const intent = await stripe.paymentIntents.create(
      {
        amount: 4_250,
        currency: "usd",
        receipt_email: to,
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      { stripeAccount: account },
    );
    expect(intent.status).toBe("succeeded");
    const [receipt, ...more] = await waitForInbox(to);
    expect(more).toHaveLength(0);
    expect(receipt?.subject).toMatch(/^Your receipt from Willow Ceramics #\d{4}-\d{4}$/);
    expect(receipt?.text).toContain("Amount paid: $42.50");
    expect(receipt?.text).toContain("Currency: USD");
    expect(receipt?.text).toContain("VISA – 4242");
    expect(receipt?.from).toBe(`receipts+${account.toLowerCase()}@stripe.com`);
    // The charge has the number the receipt gave.
    const charge = await stripe.charges.retrieve(
      String(intent.latest_charge),
      {},
      { stripeAccount: account },
    );
    expect(receipt?.subject).toContain(`#${String(charge.receipt_number)}`);
  });

  it("nothing is mailed without a receipt_email, nor for a payment held for capture", async () => {
    const held = "held@example.test";
    await stripe.paymentIntents.create(
      {
        amount: 1_000,
        currency: "usd",
        receipt_email: held,
        capture_method: "manual",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      { stripeAccount: account },
    );
    await stripe.paymentIntents.create(
      {
        amount: 1_000,
        currency: "usd",
        payment_method: "pm_card_visa",
        confirm: true,
        automatic_payment_methods: { enabled: true, allow_redirects: "never" },
      },
      { stripeAccount: account },
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await inbox(held)).toHaveLength(0);
  });
});

describe("objects that do not exist", () => {
  it("are a 404 resource_missing, as Stripe answers", async () => {
    for (const retrieve of [
      () => stripe.paymentIntents.retrieve("pi_NoSuchPayment000", {}, { stripeAccount: account }),
      () => stripe.charges.retrieve("ch_NoSuchCharge0000", {}, { stripeAccount: account }),
      () => stripe.charges.retrieve("py_NoSuchPayment000", {}, { stripeAccount: account }),
    ]) {
      const error: unknown = await retrieve().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(error).toMatchObject({ statusCode: 404, code: "resource_missing" });
    }
  });
});

describe("an enabled account's sample details", () => {
  it("read as a business's, not as Stripe's verification tokens", async () => {
    const acct = await stripe.accounts.retrieve(account);
    const person = acct.individual ?? null;
    const shown = JSON.stringify({
      url: acct.business_profile?.url,
      address: person?.address ?? acct.company?.address,
      phone: person?.phone ?? acct.company?.phone,
    });
    expect(shown).not.toMatch(/_match|_mismatch|address_|\+10000000000|accessible\.stripe\.com/);
    expect(person?.address ?? acct.company?.address).toMatchObject({
      line1: "548 Market Street",
      country: "US",
    });
    expect(acct.business_profile?.url).toBe("https://willow-ceramics.example.com");
  });
});
