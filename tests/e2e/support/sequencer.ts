// The order in which the two workers take test files (vitest.config.ts). Within each kind
// vitest's order stays (failed, then slowest or largest first); the kinds are taken in turn:
// an e2e file that starts its own servers, then one on the shared server, … so that a worker
// seldom waits for the shared server's lock (shared-server.ts) while the other holds it; the
// many short unit files come last and even out the end of the run.
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { usesOwnServers } from "./own-server-files";

export class E2eSequencer extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const e2e = sorted.filter((f) => f.project.name === "e2e");
    const own = e2e.filter((f) => usesOwnServers(f.moduleId));
    const shared = e2e.filter((f) => !own.includes(f));
    const order: TestSpecification[] = [];
    while (own.length || shared.length) {
      if (own.length) order.push(own.shift()!);
      if (shared.length) order.push(shared.shift()!);
    }
    return [...order, ...sorted.filter((f) => f.project.name !== "e2e")];
  }
}
