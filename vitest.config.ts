// Tests run without the Remix Vite plugin: unit and integration tests import app modules
// directly; end-to-end tests drive the built server in Debian's Chromium.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "tests/integration/**/*.test.ts"],
          environment: "node",
          // Another pool than the e2e project's: vitest runs the files of different pools at
          // the same time, but those of one pool (forks) one project after the other. So the
          // unit files use the second core while the e2e files wait for the browser and the
          // server, instead of running before them.
          pool: "threads",
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One browser at a time on a 2-core machine; the files share one server.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
