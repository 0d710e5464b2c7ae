// Vitest globalSetup: one throwaway PostgreSQL cluster per test run (tests/support/postgres.ts),
// its superuser URL handed to the test files as inject("postgresUrl"). Each file takes a
// database of its own with createDatabase(inject("postgresUrl"), name), so files run in
// parallel on the one cluster. The cluster stops, and its directory goes, after the run.
import type { TestProject } from "vitest/node";
import { startPostgres, type PostgresCluster } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The superuser URL of the run's PostgreSQL cluster (its database `portal`). */
    postgresUrl: string;
  }
}

let cluster: PostgresCluster | undefined;

export default async function setup(project: TestProject) {
  cluster = await startPostgres();
  process.stderr.write(`[postgres] A throwaway cluster at ${new URL(cluster.url).host} started in ${cluster.startedInMs} ms.\n`);
  project.provide("postgresUrl", cluster.url);
  return () => {
    cluster?.stop();
    cluster = undefined;
  };
}
