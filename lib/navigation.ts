import type { ComponentKey } from "./access/account-session-plan";
import type { Permission } from "./access/permissions";

/** Icon path data (20×20 stroke icons) used by the sidebar. */
const icons = {
  home: "M3 9.5L10 4l7 5.5V16a1 1 0 01-1 1h-4v-5H8v5H4a1 1 0 01-1-1V9.5z",
  payments: "M2.5 5.5h15v9h-15zM2.5 8.5h15M5.5 12h3",
  disputes: "M10 3l7.5 13h-15L10 3zM10 8v3.5M10 14h.01",
  payouts: "M10 3v10M6 9l4 4 4-4M3.5 16.5h13",
  balances: "M3 16h14M5 13V9M9 13V6M13 13v-5M17 13V4",
  reports: "M5 2.5h7l3.5 3.5v11.5H5zM8 10h5M8 13h5",
  documents: "M6 2.5h8v15H6zM8.5 6h3M8.5 9h3",
  tax: "M4 16L16 4M6 5a1.5 1.5 0 100 .01M14 15a1.5 1.5 0 100 .01",
  account: "M10 10a3.5 3.5 0 100-7 3.5 3.5 0 000 7zM3.5 17a6.5 6.5 0 0113 0",
  team: "M7 9a3 3 0 100-6 3 3 0 000 6zM1.5 16a5.5 5.5 0 0111 0M13.5 4a3 3 0 010 5.5M15.5 16a5.5 5.5 0 00-2.5-4.6",
  settings:
    "M10 12.5a2.5 2.5 0 100-5 2.5 2.5 0 000 5zM10 1.5v2.5M10 16v2.5M1.5 10H4M16 10h2.5M4 4l1.8 1.8M14.2 14.2L16 16M4 16l1.8-1.8M14.2 5.8L16 4",
  cards: "M2.5 5h15v10h-15zM2.5 8h15",
  audit: "M4 3h12v14H4zM7 7h6M7 10h6M7 13h3",
  accounts: "M3 6h14M3 10h14M3 14h9",
  terminal: "M6 2.5h8v15H6zM8 6h4M8 10h.01M10 10h.01M12 10h.01M8 13h.01M10 13h.01M12 13h.01",
} as const;

export interface NavItem {
  href: string;
  /** Key in messages/*.json under "nav". */
  labelKey: string;
  icon: string;
  /** Shown only with this permission (lib/access/permissions.ts), the same one the page itself asks for. */
  permission?: Permission;
  /** Shown when the Account Session plan enables any of these components; always shown when absent. */
  anyOf?: ComponentKey[];
  /** Carries the notification banner's count (components/connect/notification-count.tsx). */
  notificationBadge?: true;
}

/**
 * The items a request may open: its permissions and its plan's components decide, as they do on the pages.
 * `summaries` are the pages that show Portico's read-only summary in place of components the request does not get
 * (the Tax page, for views of the account).
 */
export function visibleNav(
  items: readonly NavItem[],
  permissions: ReadonlySet<Permission>,
  enabled: ReadonlySet<ComponentKey>,
  summaries: ReadonlySet<string> = new Set(),
): NavItem[] {
  return items.filter(
    (item) =>
      (!item.permission || permissions.has(item.permission)) &&
      (!item.anyOf || item.anyOf.some((key) => enabled.has(key)) || summaries.has(item.href)),
  );
}

export const dashboardNav: NavItem[] = [
  { href: "/", labelKey: "home", icon: icons.home },
  { href: "/payments", labelKey: "payments", icon: icons.payments, anyOf: ["payments"] },
  { href: "/disputes", labelKey: "disputes", icon: icons.disputes, anyOf: ["disputes_list"] },
  { href: "/payouts", labelKey: "payouts", icon: icons.payouts, anyOf: ["payouts", "payouts_list"] },
  { href: "/balances", labelKey: "balances", icon: icons.balances, anyOf: ["balances"] },
  {
    href: "/reports",
    labelKey: "reports",
    icon: icons.reports,
    anyOf: ["balance_report", "payout_reconciliation_report"],
  },
  { href: "/documents", labelKey: "documents", icon: icons.documents, anyOf: ["documents"] },
  { href: "/tax", labelKey: "tax", icon: icons.tax, anyOf: ["tax_settings", "tax_registrations"] },
  { href: "/cards", labelKey: "issuing", icon: icons.cards, anyOf: ["issuing_card", "issuing_cards_list"] },
  {
    href: "/financial-account",
    labelKey: "financialAccount",
    icon: icons.balances,
    anyOf: ["financial_account"],
  },
  {
    href: "/terminal",
    labelKey: "terminal",
    icon: icons.terminal,
    anyOf: ["terminal_hardware_shop", "terminal_hardware_orders"],
  },
  {
    href: "/account",
    labelKey: "account",
    icon: icons.account,
    permission: "account.view",
    notificationBadge: true,
  },
  { href: "/team", labelKey: "team", icon: icons.team, permission: "team.view" },
  {
    href: "/settings/payments",
    labelKey: "paymentMethods",
    icon: icons.payments,
    anyOf: ["payment_method_settings"],
  },
  { href: "/settings", labelKey: "settings", icon: icons.settings },
];

export const adminNav: readonly NavItem[] = [
  { href: "/admin", labelKey: "adminOverview", icon: icons.home },
  { href: "/admin/accounts", labelKey: "adminAccounts", icon: icons.accounts },
  { href: "/admin/audit", labelKey: "adminAudit", icon: icons.audit },
  { href: "/admin/staff", labelKey: "adminStaff", icon: icons.team, permission: "staff.manage" },
  { href: "/admin/settings", labelKey: "adminSettings", icon: icons.settings },
];

export { icons as navIcons };
