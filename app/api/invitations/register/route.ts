import { z } from "zod";
import { activeTenantCookie } from "@/lib/access/context";
import { getEnv } from "@/lib/env";
import { passwordField } from "@/lib/auth/password-rules";
import { signedInResponse } from "@/lib/auth/sign-in-response";
import { AppError } from "@/lib/errors";
import { clientIpKey } from "@/lib/http/client-ip";
import { publicRoute, readJson } from "@/lib/http/route";
import { hitThrottle } from "@/lib/throttle";
import { registerWithInvitation } from "@/lib/tenancy/invitations";

const body = z.strictObject({
  token: z.string().trim().min(1, "The link is missing its token.").max(200),
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  password: passwordField,
});

/** An invitee without an account creates one with the mailed link (which proves the address) and joins. */
export const POST = publicRoute(async ({ req, log }) => {
  const throttle = await hitThrottle(`invitation-register:${clientIpKey(req.headers)}`, 20, 10 * 60_000);
  if (!throttle.allowed) {
    throw new AppError("too_many_requests", "Too many attempts from this address. Try again later.", {
      retryAfterSeconds: throttle.retryAfterSeconds,
    });
  }
  const input = await readJson(req, body);
  const joined = await registerWithInvitation(input.token, { name: input.name, password: input.password });
  log.info(
    { event: "team.joined", userId: joined.userId, tenantId: joined.tenantId, role: joined.role },
    "invitee created an account and joined",
  );
  const response = await signedInResponse(
    req.headers,
    joined.email,
    input.password,
    { redirectTo: "/" },
    201,
  );
  response.headers.append(
    "set-cookie",
    activeTenantCookie(joined.tenantId, getEnv().appUrl.protocol === "https:"),
  );
  return response;
});
