import path from "node:path";
import platformConfig from "../portico.config";
import { parsePlatformConfig } from "../lib/config/platform-config";
import { DEMO_PASSWORD, demoStaff, demoTenants } from "../lib/seed/demo-data";
import { startSandboxEmulator, startSandboxIdp } from "./lib/emulator";
import { bin, buildIfNeeded, root, run, startApp, waitForHttp } from "./lib/stack";

/**
 * npm run sandbox — everything local: the Stripe sandbox emulator, the database (migrated and seeded) and the
 * production build of the app on http://localhost:3000. State lives under ./data so a restart remembers it.
 */
async function main(): Promise<void> {
  if (
    process.env.STRIPE_SECRET_KEY ||
    process.env.STRIPE_PUBLISHABLE_KEY ||
    process.env.STRIPE_WEBHOOK_SECRET
  ) {
    throw new Error(
      "npm run sandbox runs on the local Stripe sandbox: unset STRIPE_SECRET_KEY, STRIPE_PUBLISHABLE_KEY and STRIPE_WEBHOOK_SECRET (use npm run build && npm start with real keys).",
    );
  }
  const port = Number(process.env.PORT ?? 3000);
  const emulatorPort = Number(process.env.EMULATOR_PORT ?? 12111);
  const appUrl = process.env.APP_URL ?? `http://localhost:${port}`;
  const dataDir = path.resolve(root, process.env.PORTICO_DATA_DIR ?? "data");

  const emulator = await startSandboxEmulator({
    appOrigin: appUrl,
    port: emulatorPort,
    dataFile: path.join(dataDir, "emulator.json"),
    totpSecrets: demoStaff.map((s) => ({ label: s.email, secret: s.totpSecret })),
  });
  // The sandbox's OpenID provider, for single sign-on (its demo identities sign staff in to the console).
  const idp = await startSandboxIdp({
    appOrigins: [appUrl],
    port: Number(process.env.OIDC_PORT ?? emulatorPort + 1),
  }).catch(async (error: unknown) => {
    await emulator.stop();
    throw error;
  });
  const env = {
    ...idp.env,
    APP_URL: appUrl,
    EMULATOR_URL: emulator.url,
    // Every mail the app sends lands in the sandbox's inbox (nothing leaves this machine).
    SMTP_URL: emulator.smtpUrl ?? "",
    MAIL_FROM: "Portico sandbox <no-reply@portico.test>",
    PORTICO_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const stopAll: (() => Promise<void>)[] = [() => emulator.stop(), () => idp.stop()];
  const shutdown = async (code: number) => {
    for (const stop of stopAll.reverse()) await stop().catch(() => undefined);
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    if ((await run(bin("tsx"), ["--conditions=react-server", "scripts/seed.ts", "--platform"], env)) !== 0) {
      throw new Error("Seeding the database failed (see above).");
    }
    await buildIfNeeded();
    const app = startApp({ port, env: { ...env, NODE_ENV: "production" } });
    stopAll.push(() => app.stop());
    app.process.on("exit", (code) => void shutdown(code ?? 1));
    await waitForHttp(`${appUrl}/api/health`, 60_000, app);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
    return;
  }

  const logins = [
    ...demoStaff.map((s) => `${s.email.padEnd(24)} platform ${s.role} (TOTP secret ${s.totpSecret})`),
    ...demoTenants.flatMap((t) => t.members.map((m) => `${m.email.padEnd(24)} ${m.role} of ${t.name}`)),
  ];
  const ssoLogins = idp.identities.map(
    (i) =>
      `${i.email.padEnd(26)} ${i.name.padEnd(12)} groups [${i.groups.join(", ")}]  ${i.amr.includes("mfa") ? "MFA at the IdP" : "password only at the IdP"}`,
  );
  console.log(`
  Portico sandbox is running — everything is local, nothing reaches Stripe.

    App                 ${appUrl}
    Stripe sandbox      ${emulator.url}   (secret key sk_test_portico_sandbox)
    Mail inbox          ${emulator.inboxUrl}   (SMTP ${emulator.smtpUrl ?? "off"}; staff sign-in codes too)
    Identity provider   ${idp.issuer}   (OpenID Connect; client ${idp.env.OIDC_CLIENT_ID})
    Data                ${dataDir}

  Demo logins (password "${DEMO_PASSWORD}"; staff then give a code — add the secret to an authenticator app,
  or read the current code on the mail inbox page):
    ${logins.join("\n    ")}

  Single sign-on ("${parsePlatformConfig(platformConfig).singleSignOn.buttonLabel}" on the sign-in page; password "${idp.password}" at the IdP):
    ${ssoLogins.join("\n    ")}

  Press Ctrl+C to stop.
`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
