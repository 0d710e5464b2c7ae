// The e2e files that start every server they use (startOwnServer, startPortal, server.mjs):
// each may run while any other e2e file runs. Every other e2e file uses what the global
// setup shares (its server and DATA_DIR, mail directory, clock) and runs alone among those
// (shared-server.ts); a new file is one of those until it is listed here.
import path from "node:path";

export const OWN_SERVER_FILES = [
  "tests/e2e/access-sweep.test.ts",
  "tests/e2e/authoring.test.ts",
  "tests/e2e/award.test.ts",
  "tests/e2e/axe-contrast.test.ts",
  "tests/e2e/bad-input-sweep.test.ts",
  "tests/e2e/crash-safety.test.ts",
  "tests/e2e/evaluation.test.ts",
  "tests/e2e/officer-procedure.test.ts",
  "tests/e2e/page-cache.test.ts",
  "tests/e2e/operations.test.ts",
  "tests/e2e/refusals-in-english.test.ts",
  "tests/e2e/result.test.ts",
  "tests/e2e/sealed-until-opening.test.ts",
  "tests/e2e/two-instances.test.ts",
];

/** Whether `file` (absolute, or relative to the checkout) is one of OWN_SERVER_FILES. */
export function usesOwnServers(file: string): boolean {
  return OWN_SERVER_FILES.includes(path.relative(process.cwd(), path.resolve(file)).split(path.sep).join("/"));
}
