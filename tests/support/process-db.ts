// Points the process-wide database (db(), read by routes and by code that takes no handle) at a
// test's database: DATA_DIR, and on PostgreSQL DATABASE_URL too, from `t.env`. Returns what
// puts the environment back as it was.
import { closeDb } from "../../app/infra/db.server";
import { resetEnvForTests } from "../../app/infra/env.server";
import type { TempDb } from "./temp-db";

/** The variables tempDatabase's `env` may set: all are restored, set or not. */
const KEYS = ["DATA_DIR", "DATABASE_URL", "DATABASE_OWNER_URL"] as const;

export function useProcessDatabase(t: Pick<TempDb, "env">): () => void {
  const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));
  for (const key of KEYS) {
    if (t.env[key] === undefined) delete process.env[key];
    else process.env[key] = t.env[key];
  }
  resetEnvForTests();
  closeDb();
  return () => {
    closeDb();
    for (const key of KEYS) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
    resetEnvForTests();
  };
}
