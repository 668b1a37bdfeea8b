"use client";

type Logout = () => Promise<void>;

const hooks = new Set<Logout>();

/**
 * The page's Connect instance registers its `logout()` here, so that everything that changes whose data the page may
 * show — sign-out, starting, switching or stopping a "view as" — ends the Account Session first.
 */
export function registerConnectLogout(hook: Logout): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

export async function logoutConnect(): Promise<void> {
  await Promise.allSettled([...hooks].map((hook) => hook()));
}
