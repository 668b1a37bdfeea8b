"use client";

import type { NotificationCount } from "@stripe/connect-js/pure";
import { createContext, useContext, useState, type ReactNode } from "react";

interface NotificationCountState {
  count: NotificationCount | null;
  setCount(count: NotificationCount): void;
}

const NotificationCountContext = createContext<NotificationCountState | null>(null);

/**
 * What the notification banner last reported (`onNotificationsChange`), shared with the navigation's badge. It lives
 * in the dashboard layout, so the badge keeps the count across client-side navigations away from Home.
 */
export function NotificationCountProvider({ children }: { children: ReactNode }) {
  const [count, setCount] = useState<NotificationCount | null>(null);
  return <NotificationCountContext value={{ count, setCount }}>{children}</NotificationCountContext>;
}

/** The shared count, or null outside the dashboard (the platform console has no banner). */
export function useNotificationCount(): NotificationCountState | null {
  return useContext(NotificationCountContext);
}
