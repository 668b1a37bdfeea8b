import { toNextJsHandler } from "better-auth/next-js";
import type { NextRequest } from "next/server";
import { getAuth } from "@/lib/auth";

// better-auth checks Origin on cookie-bearing requests and rate-limits sign-in per IP itself.
function handle(request: NextRequest): Promise<Response> {
  const handlers = toNextJsHandler(getAuth());
  return handlers.POST(request);
}

function handleGet(request: NextRequest): Promise<Response> {
  return toNextJsHandler(getAuth()).GET(request);
}

export { handleGet as GET, handle as POST, handle as PATCH, handle as PUT, handle as DELETE };
