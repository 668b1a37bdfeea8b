import type { Migration } from "kysely";
import * as foundation from "./0001-foundation";
import * as dashboard from "./0002-dashboard";
import * as consoleTables from "./0003-console";
import * as syncState from "./0004-sync-state";
import * as accountSearch from "./0005-account-search";
import * as accountProfile from "./0006-account-profile";
import * as identity from "./0007-identity";
import * as singleSignOn from "./0008-single-sign-on";
import * as accountSettings from "./0009-account-settings";
import * as consoleIdentity from "./0010-console-identity";
import * as passkeys from "./0011-passkeys";
import * as accountTenantLink from "./0012-account-tenant-link";
import * as accountStatusCounts from "./0013-account-status-counts";

/**
 * Every migration, in order. Listed statically (not read from disk) so the same set runs from `next start`,
 * the standalone server and the CLI scripts.
 */
export const migrations: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-dashboard": dashboard,
  "0003-console": consoleTables,
  "0004-sync-state": syncState,
  "0005-account-search": accountSearch,
  "0006-account-profile": accountProfile,
  "0007-identity": identity,
  "0008-single-sign-on": singleSignOn,
  "0009-account-settings": accountSettings,
  "0010-console-identity": consoleIdentity,
  "0011-passkeys": passkeys,
  "0012-account-tenant-link": accountTenantLink,
  "0013-account-status-counts": accountStatusCounts,
};
