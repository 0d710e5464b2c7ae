// One carrier's upload attached from a process of its own, as a second server instance on the
// same database would: for the test that uploads in parallel cannot pass the per-application
// file limit (tests/integration/file-limit.test.ts).
//
// DATABASE_URL=… (PostgreSQL) or DATA_DIR=… (SQLite), as the test database's `env` gives them:
// tsx tests/support/attach-in-process.ts <application id> <user id> <organisation id> <now ISO> <go file>
// Waits until <go file> exists (so that all processes attach at the same moment), then prints
// one JSON line: {"ok":true,"fileId":…} or {"ok":false,"key":…}.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { closeDatabaseAndWait, db as processDb } from "../../app/infra/db.server";
import { DomainError } from "../../app/infra/errors";
import { attachFile } from "../../app/submission/applications.server";

const [applicationId, userId, organisationId, nowIso, goFile] = process.argv.slice(2);
// The process-wide database of this environment, opened (as a server instance opens it) before the wait.
const db = processDb();
while (!fs.existsSync(goFile)) await new Promise((resolve) => setTimeout(resolve, 2));
try {
  const { fileId } = await attachFile({
    actor: { userId, organisationId },
    applicationId,
    target: { kind: "references" },
    upload: { backend: "local", storageKey: randomBytes(8).toString("hex"), sizeBytes: 1234, sha256: randomBytes(32).toString("hex"), mediaType: "application/pdf" },
    originalName: `parallel-${process.pid}.pdf`,
    maxApplicationBytes: 10_000_000,
    maxApplicationFiles: 50,
    now: new Date(nowIso),
    db,
  });
  console.log(JSON.stringify({ ok: true, fileId }));
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.log(JSON.stringify({ ok: false, key: error.key }));
} finally {
  await closeDatabaseAndWait(db);
}
