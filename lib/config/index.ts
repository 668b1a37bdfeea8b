import rawConfig from "@/portico.config";
import { parsePlatformConfig, type PlatformConfig } from "./platform-config";

let cached: PlatformConfig | undefined;

/** The validated platform configuration (portico.config.ts). Safe for server and client components. */
export function getPlatformConfig(): PlatformConfig {
  cached ??= parsePlatformConfig(rawConfig);
  return cached;
}

export type { PlatformConfig, SupportedLocale } from "./platform-config";
export { supportedLocales } from "./platform-config";
