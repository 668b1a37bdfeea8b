"use client";

import { connectBoot } from "./boot/boot-api";

/**
 * Ends the page's Account Session (the Connect instance logs out and is forgotten): called before everything that
 * changes whose data the page may show — sign-out, starting, switching or stopping a "view as". It reaches the
 * instance through the boot script, which holds it whether or not a dashboard layout is mounted.
 */
export async function logoutConnect(): Promise<void> {
  await connectBoot()?.reset();
}
