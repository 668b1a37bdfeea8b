import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    "bench/baseline-app/.next/**",
    "bench/baseline-app/next-env.d.ts",
    "node_modules/**",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "next-env.d.ts",
  ]),
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The sandbox and tests are not Next.js pages.
    files: ["emulator/**", "tests/**", "scripts/**", "bench/**"],
    rules: { "@next/next/no-html-link-for-pages": "off", "react-hooks/rules-of-hooks": "off" },
  },
]);
