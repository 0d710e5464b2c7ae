// Tests run without the Remix Vite plugin: unit and integration tests import app modules
// directly; end-to-end tests drive the built server in Debian's Chromium.
//
// Three workers on the two cores of the machines this runs on take unit and e2e files from
// one queue (tests/e2e/support/sequencer.ts). An e2e file mostly waits for its browser and
// server: with two workers a quiet run used about a third of the machine's CPU (454 s of CPU
// in a 632 s run), so a third worker fills the waits (a quiet run: 632 s → about 350 s). On a
// machine loaded by other work (load 10–13) the two gave about the same: 897 s and 938 s. Of
// the e2e files that use the global setup's shared server only one runs at a time
// (tests/e2e/support/shared-server.ts).
import { defineConfig } from "vitest/config";
import { E2eSequencer } from "./tests/e2e/support/sequencer";

export default defineConfig({
  test: {
    setupFiles: ["tests/setup/fail-on-console-error.ts"],
    poolOptions: { forks: { maxForks: 3 } },
    sequence: { sequencer: E2eSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "tests/integration/**/*.test.ts"],
          environment: "node",
          // Files share their worker's module loads (a tenth less wall time, an eighth less
          // CPU than isolated): modules that keep state have resets for tests, and every
          // file passes either way.
          poolOptions: { forks: { isolate: false } },
          // A guard against hangs, not a speed check: on a loaded CI machine an integration
          // test that seeds a whole award took over 30 s.
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/support/global-setup.ts"],
          setupFiles: ["tests/e2e/support/shared-server.ts"],
          // Guards against hangs; a scenario step with several pages took over 60 s at a load of 16.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
