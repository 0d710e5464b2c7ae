// A fresh, migrated SQLite file in its own temporary directory, for integration tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeDatabase, openDatabase, type Db } from "../../app/infra/db.server";

export type TempDb = { db: Db; dir: string; file: string; cleanup: () => void };

export function tempDir(prefix = "portal-test-"): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export function tempDatabase(): TempDb {
  return tempDatabaseFrom(null);
}

/** Like tempDatabase, starting from `image`, the bytes of another (better-sqlite3's serialize()). */
export function tempDatabaseFrom(image: Buffer | null): TempDb {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, "portal.sqlite");
  if (image) fs.writeFileSync(file, image);
  const db = openDatabase(file);
  return {
    db,
    dir,
    file,
    cleanup: () => {
      closeDatabase(db);
      cleanup();
    },
  };
}
