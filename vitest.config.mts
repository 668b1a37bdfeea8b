import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Next.js guards server modules with "server-only"; tests run on the server side.
      "server-only": path.join(root, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    pool: "forks",
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 20_000 },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          testTimeout: 60_000,
          // One app and one emulator serve every file; fault injection is global, so files run one at a time.
          fileParallelism: false,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
