import { CommonDashboard } from "./common-dashboard";

export const dynamic = "force-dynamic";

/** A payments page written the common way: everything Connect starts in the browser after hydration. */
export default function CommonPage() {
  const emulator = process.env.EMULATOR_URL ?? "http://127.0.0.1:12111";
  return (
    <main>
      <h1>Payments</h1>
      <CommonDashboard
        scriptUrl={`${emulator}/_sandbox/connect.js`}
        publishableKey="pk_test_portico_sandbox"
      />
    </main>
  );
}
