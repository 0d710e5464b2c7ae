// Backups while the portal runs (`npm run portal -- backup <dir>` / `restore <dir>`).
//
// Order that makes the copy consistent without stopping the server:
// 1. The database through SQLite's online backup API, in one step: one read transaction,
//    so the copy is the state of one moment (WAL: writers are not blocked meanwhile).
// 2. Exactly the local files the copied database references. A file is stored and fsynced
//    before the row that names it commits and is never changed afterwards, so every file
//    of the snapshot exists on disk; files of later uploads are not in the snapshot and are
//    left out (they would be orphans after a restore).
// 3. The outbox (mail written to DATA_DIR/outbox when no SMTP server is configured).
// 4. manifest.json: SHA-256 and size of every copied file, written last; a backup
//    without a manifest is incomplete. Restore checks every hash before touching DATA_DIR.
// Files kept by UploadThing are not copied (they live in UploadThing); the manifest counts them.
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import Database from "better-sqlite3";
import { ensurePrivateFile, makePrivateDir } from "./private-files.server";

export const MANIFEST = "manifest.json";
const DB_NAME = "portal.sqlite";
const FORMAT = "portal-backup-v1";

export type ManifestEntry = { path: string; sha256: string; bytes: number };
export type BackupManifest = {
  format: typeof FORMAT;
  createdAt: string;
  database: ManifestEntry;
  files: ManifestEntry[];
  outbox: ManifestEntry[];
  /** Rows whose bytes live in UploadThing and are not part of this backup. */
  remoteFiles: number;
};

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

async function fsyncPath(p: string): Promise<void> {
  if (process.platform === "win32") return;
  const fh = await fsp.open(p, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Copies a file while hashing it, fsyncs the copy; returns the hash and size. */
async function copyHashed(from: string, to: string): Promise<{ sha256: string; bytes: number }> {
  await makePrivateDir(path.dirname(to));
  const hash = createHash("sha256");
  let bytes = 0;
  const out = await fsp.open(to, "wx", 0o600);
  try {
    for await (const chunk of fs.createReadStream(from)) {
      const buf = chunk as Buffer;
      hash.update(buf);
      bytes += buf.length;
      let offset = 0;
      while (offset < buf.length) offset += (await out.write(buf, offset, buf.length - offset)).bytesWritten;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { sha256: hash.digest("hex"), bytes };
}

async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}

function checkIntegrity(file: string): void {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const result = copy.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new BackupError(`${file}: integrity_check reports ${String(result)}`);
  } finally {
    copy.close();
  }
}

/** Relative path of a local stored file under DATA_DIR (see localStorage in storage.server.ts). */
function localFilePath(storageKey: string): string {
  if (!/^[A-Za-z0-9_-]{22}$/.test(storageKey)) throw new BackupError(`unexpected storage key ${JSON.stringify(storageKey)}`);
  return path.join("files", storageKey.slice(0, 2), storageKey);
}

export type BackupResult = { dir: string; manifest: BackupManifest };

/**
 * Backs up DATA_DIR into `targetDir` (which must be empty or not exist) while the server may
 * keep writing. `afterSnapshot` lets a test write between the snapshot and the file copy.
 */
export async function backup(opts: { dataDir: string; targetDir: string; now: Date; afterSnapshot?: () => void | Promise<void> }): Promise<BackupResult> {
  const dataDir = path.resolve(opts.dataDir);
  const target = path.resolve(opts.targetDir);
  const source = path.join(dataDir, DB_NAME);
  if (!fs.existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (target === dataDir || target.startsWith(dataDir + path.sep)) throw new BackupError("the backup directory must lie outside DATA_DIR");
  if (!isEmptyDir(target)) throw new BackupError(`${target} is not empty: a backup goes into a new or empty directory`);
  await makePrivateDir(target);

  // 1. One step copies every page inside one read transaction: a snapshot of one moment.
  const dbCopy = path.join(target, DB_NAME);
  ensurePrivateFile(dbCopy); // an empty file is an empty database: SQLite writes into it, keeping 0600
  const live = new Database(source, { readonly: true, fileMustExist: true });
  try {
    live.pragma("busy_timeout = 5000");
    await live.backup(dbCopy, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
  // A self-contained single file (no -wal beside it); restore turns WAL on again.
  const copy = new Database(dbCopy, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  await fsyncPath(dbCopy);
  checkIntegrity(dbCopy);
  await opts.afterSnapshot?.();

  // 2. The files the snapshot references.
  const snapshot = new Database(dbCopy, { readonly: true, fileMustExist: true });
  let rows: { id: string; backend: string; storage_key: string }[];
  try {
    rows = snapshot.prepare("SELECT id, backend, storage_key FROM stored_files ORDER BY id").all() as typeof rows;
  } finally {
    snapshot.close();
  }
  const files: ManifestEntry[] = [];
  let remoteFiles = 0;
  for (const row of rows) {
    if (row.backend !== "local") {
      remoteFiles++;
      continue;
    }
    const rel = localFilePath(row.storage_key);
    const from = path.join(dataDir, rel);
    if (!fs.existsSync(from)) {
      throw new BackupError(`stored file ${row.id} (${rel}) is missing in DATA_DIR: it was removed during the backup or is damaged; run the backup again or check with audit:verify`);
    }
    files.push({ path: rel, ...(await copyHashed(from, path.join(target, rel))) });
  }

  // 3. The outbox, as it is now (complete messages only: temp files start with a dot).
  const outbox: ManifestEntry[] = [];
  const outboxDir = path.join(dataDir, "outbox");
  if (fs.existsSync(outboxDir)) {
    for (const name of fs.readdirSync(outboxDir).sort()) {
      if (name.startsWith(".")) continue;
      const rel = path.join("outbox", name);
      if (!fs.statSync(path.join(dataDir, rel)).isFile()) continue;
      outbox.push({ path: rel, ...(await copyHashed(path.join(dataDir, rel), path.join(target, rel))) });
    }
  }

  // 4. The manifest last, written atomically: its presence marks a complete backup.
  const manifest: BackupManifest = {
    format: FORMAT,
    createdAt: opts.now.toISOString(),
    database: { path: DB_NAME, ...(await sha256File(dbCopy)) },
    files,
    outbox,
    remoteFiles,
  };
  const temp = path.join(target, `.${MANIFEST}.tmp`);
  await fsp.writeFile(temp, JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
  await fsyncPath(temp);
  await fsp.rename(temp, path.join(target, MANIFEST));
  for (const dir of new Set([target, ...[...files, ...outbox].map((f) => path.dirname(path.join(target, f.path)))])) await fsyncPath(dir);
  return { dir: target, manifest };
}

function readManifest(dir: string): BackupManifest {
  const file = path.join(dir, MANIFEST);
  if (!fs.existsSync(file)) throw new BackupError(`${file} is missing: not a backup, or an incomplete one`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as BackupManifest;
  if (manifest.format !== FORMAT) throw new BackupError(`unknown backup format ${JSON.stringify(manifest.format)}`);
  return manifest;
}

function safeRelative(rel: string): string {
  const normal = path.normalize(rel);
  if (path.isAbsolute(normal) || normal.startsWith("..")) throw new BackupError(`manifest names a path outside the backup: ${rel}`);
  return normal;
}

/** Every file of the manifest is present with its hash; the list of problems, empty when sound. */
export async function verifyBackup(dir: string): Promise<{ manifest: BackupManifest; problems: string[] }> {
  const manifest = readManifest(dir);
  const problems: string[] = [];
  for (const entry of [manifest.database, ...manifest.files, ...manifest.outbox]) {
    const file = path.join(dir, safeRelative(entry.path));
    if (!fs.existsSync(file)) {
      problems.push(`${entry.path}: missing`);
      continue;
    }
    const actual = await sha256File(file);
    if (actual.sha256 !== entry.sha256 || actual.bytes !== entry.bytes) problems.push(`${entry.path}: SHA-256 or size differs from the manifest`);
  }
  if (problems.length === 0) checkIntegrity(path.join(dir, manifest.database.path));
  return { manifest, problems };
}

/**
 * Restores a verified backup into `dataDir`, which must be empty or not exist; `force`
 * replaces the database, files and outbox of a non-empty one. The server must be stopped.
 */
export async function restore(opts: { backupDir: string; dataDir: string; force?: boolean }): Promise<{ manifest: BackupManifest }> {
  const backupDir = path.resolve(opts.backupDir);
  const dataDir = path.resolve(opts.dataDir);
  const { manifest, problems } = await verifyBackup(backupDir);
  if (problems.length) throw new BackupError(`the backup does not match its manifest; nothing restored:\n  ${problems.join("\n  ")}`);
  if (!isEmptyDir(dataDir)) {
    if (!opts.force) throw new BackupError(`${dataDir} is not empty: restore into a fresh DATA_DIR, or pass --force to replace its data`);
    for (const name of [DB_NAME, `${DB_NAME}-wal`, `${DB_NAME}-shm`, `${DB_NAME}-journal`, "files", "outbox"]) {
      await fsp.rm(path.join(dataDir, name), { recursive: true, force: true });
    }
  }
  await makePrivateDir(dataDir);
  // Files first, the database last: a restore that stops half-way leaves no database that
  // names files which are not there.
  for (const entry of [...manifest.files, ...manifest.outbox]) {
    const rel = safeRelative(entry.path);
    const copied = await copyHashed(path.join(backupDir, rel), path.join(dataDir, rel));
    if (copied.sha256 !== entry.sha256) throw new BackupError(`${entry.path}: changed while restoring`);
  }
  const temp = path.join(dataDir, `.${DB_NAME}.restoring`);
  await fsp.rm(temp, { force: true });
  const copied = await copyHashed(path.join(backupDir, manifest.database.path), temp);
  if (copied.sha256 !== manifest.database.sha256) throw new BackupError(`${manifest.database.path}: changed while restoring`);
  await fsp.rename(temp, path.join(dataDir, DB_NAME));
  await fsyncPath(dataDir);
  return { manifest };
}
