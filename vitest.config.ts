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

// The integration tests run a second time on PostgreSQL (issue 17, decision 0041), on a
// throwaway cluster the "pg" project's global setup starts. Left out are the files about SQLite
// itself (its pragmas, file backups, migration of old files, raw access to the file) and those
// that touch no database; the CLI, HTTP and e2e files that run on PostgreSQL are listed in
// docs/scaling.md.
const SQLITE_ONLY = [
  "backup", // SQLite's online backup of the file (PostgreSQL: pg_dump, docs/operations.md)
  "durability", // SQLite's pragmas and fsync
  "weekly-hours-migration", // migrations of old SQLite files
  "contract-terms-migration",
  "sealed-storage", // copies the SQLite file to show what a thief of the file holds
  "audit-verify", // rewrites the SQLite file behind the portal's back
];
const WITHOUT_DATABASE = ["upload-memory", "upload-streaming", "uploads", "uploadthing", "secure-cookie", "server-options", "import-cycles", "audit-gate", "promises"];

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
          name: "pg",
          include: ["tests/integration/**/*.test.ts"],
          exclude: [...SQLITE_ONLY, ...WITHOUT_DATABASE].map((name) => `tests/integration/${name}.test.ts`),
          environment: "node",
          env: { PORTAL_TEST_DB: "postgres" },
          globalSetup: ["tests/support/postgres-global-setup.ts"],
          poolOptions: { forks: { isolate: false } },
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
