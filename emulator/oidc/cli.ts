import { OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_DEMO_PASSWORD, OIDC_IDENTITIES } from "./identities";
import { startOidcProvider } from "./provider";

/** `tsx emulator/oidc/cli.ts` — the sandbox OpenID provider on 127.0.0.1:12112 (or OIDC_PORT). */
function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

async function main(): Promise<void> {
  const port = Number(process.env.OIDC_PORT ?? 12112);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`OIDC_PORT must be a port number, got "${process.env.OIDC_PORT ?? ""}".`);
    process.exit(1);
  }
  const redirectUris = list(process.env.OIDC_REDIRECT_URI);
  if (redirectUris.length === 0) {
    console.error(
      "Set OIDC_REDIRECT_URI to the app's callback URL (comma-separated for several), e.g.\n" +
        "  OIDC_REDIRECT_URI=http://localhost:3000/<the app's OIDC callback path> npx tsx emulator/oidc/cli.ts",
    );
    process.exit(1);
  }
  const postLogoutRedirectUris = list(process.env.OIDC_POST_LOGOUT_REDIRECT_URI);
  const idp = await startOidcProvider({
    port,
    ...(process.env.OIDC_HOST ? { host: process.env.OIDC_HOST } : {}),
    redirectUris,
    postLogoutRedirectUris,
  });
  const lines = [
    `Portico sandbox identity provider (OpenID Connect) listening on ${idp.issuer}`,
    `  Issuer:        ${idp.issuer}  (discovery: ${idp.issuer}/.well-known/openid-configuration)`,
    `  Client id:     ${OIDC_CLIENT_ID}`,
    `  Client secret: ${OIDC_CLIENT_SECRET}  (client_secret_basic or client_secret_post; PKCE S256 required)`,
    `  Redirect URIs: ${redirectUris.join(", ")}`,
    `  Post-logout:   ${postLogoutRedirectUris.length > 0 ? postLogoutRedirectUris.join(", ") : "none (set OIDC_POST_LOGOUT_REDIRECT_URI)"}`,
    `  Demo identities (password "${OIDC_DEMO_PASSWORD}"):`,
    ...OIDC_IDENTITIES.map(
      (i) =>
        `    ${i.email.padEnd(26)} ${i.name.padEnd(12)} groups [${i.groups.join(", ")}]  amr [${i.amr.join(", ")}]`,
    ),
    `  Signing keys and sessions are new on every start.`,
  ];
  console.log(lines.join("\n"));
  const shutdown = () => {
    void idp.stop().then(() => process.exit(0));
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`The sandbox identity provider could not start: ${message}`);
  process.exit(1);
});
