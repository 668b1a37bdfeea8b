/**
 * npm run staff:create -- --email <address> --role admin|support [--name "<name>"] [--reset]
 *
 * How a deployment gets its first admin (and how a staff member who lost their way in gets a new one): makes the
 * platform staff member without a password and prints a one-time set-password link (24 hours, single use) for the
 * operator to hand over privately. Works on a fresh production database (migrations run first). An existing staff
 * member is refused unless --reset, which starts their account over: password, second factor, sessions and older
 * links end, and a new link is printed. Prints nothing but the link and a summary; the action is in the audit log.
 */

const USAGE = `Usage: npm run staff:create -- --email <address> --role admin|support [--name "<name>"] [--reset]

  --email   the staff member's email address (their sign-in)
  --role    admin (everything, including staff) or support (accounts, audit log, "view as")
  --name    how the console shows them (default: the address's local part)
  --reset   for someone who is already staff: start their account over with a new link`;

class UsageError extends Error {}

interface Args {
  email: string;
  role: "admin" | "support";
  name: string | null;
  reset: boolean;
}

function parseArgs(argv: string[]): Args | "help" {
  const raw: { email?: string; role?: string; name?: string; reset: boolean } = { reset: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--help" || arg === "-h") return "help";
    if (arg === "--reset") {
      raw.reset = true;
      continue;
    }
    const match = /^--(email|role|name)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unknown argument "${arg}".`);
    const key = match[1] as "email" | "role" | "name";
    const value = match[2] ?? argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${key} needs a value.`);
    raw[key] = value;
  }
  const email = (raw.email ?? "").trim().toLowerCase();
  if (!email) throw new UsageError("Give the staff member's email with --email.");
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw new UsageError(`"${raw.email ?? ""}" is not a valid email address.`);
  }
  const role = (raw.role ?? "").trim().toLowerCase();
  if (role !== "admin" && role !== "support") {
    throw new UsageError(
      raw.role === undefined
        ? "Give the role with --role admin or --role support."
        : `"${raw.role}" is not a platform role: use --role admin or --role support.`,
    );
  }
  const name = raw.name === undefined ? null : raw.name.trim();
  if (name !== null && (name.length === 0 || name.length > 100)) {
    throw new UsageError("--name must be 1 to 100 characters.");
  }
  return { email, role, name, reset: raw.reset };
}

async function main(): Promise<number> {
  let args: Args | "help";
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === "help") {
    console.log(USAGE);
    return 0;
  }
  // Only the link and the summary go to the terminal: no log lines around them.
  process.env.LOG_LEVEL = "silent";
  const { getEnv } = await import("../lib/env");
  const { ensureMigrated, getDbHandle } = await import("../lib/db");
  const { AppError } = await import("../lib/errors");
  const { DEMO_EMAIL_DOMAINS } = await import("../lib/seed/demo-data");
  const { createStaffFromCommandLine } = await import("../lib/staff/staff");

  const env = getEnv();
  const domain = args.email.split("@")[1] ?? "";
  if (env.isProduction && !env.isLocalApp && (DEMO_EMAIL_DOMAINS as readonly string[]).includes(domain)) {
    console.error(
      `@${domain} is a sandbox demo domain: a production deployment refuses to start with demo users. Use a real address.`,
    );
    return 1;
  }
  try {
    await ensureMigrated();
    const made = await createStaffFromCommandLine(args);
    const until = new Date(made.expiresAt).toISOString().slice(0, 16).replace("T", " ");
    const what = made.startedOver
      ? `Started over the account of platform ${made.role} ${made.email} (${made.name}): any password, second factor, session and older link of theirs ended.`
      : `${made.created ? "Created" : "Restored"} platform ${made.role} ${made.email} (${made.name}), without a password.`;
    console.log(what);
    console.log(`Set-password link (works once, until ${until} UTC; hand it over privately):`);
    console.log(made.url);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      const hint =
        error.details.reason === "already_staff"
          ? " Add --reset to start their account over with a new link."
          : "";
      console.error(`${error.message}${hint}`);
      return 1;
    }
    throw error;
  } finally {
    await getDbHandle().close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
