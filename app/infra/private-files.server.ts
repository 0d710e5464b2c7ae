// Everything under DATA_DIR is readable by the portal's user only (G16): bids before the
// opening, keys, personal data. Files are created 0600 and directories 0700 by the code that
// makes them, whatever the process umask (a mode passed to open or mkdir is only ever
// narrowed by the umask, never widened), and what an older version or an operator left
// wider is tightened at start (tightenDataDir).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** mkdir -p with mode 0700 for every directory it creates; returns the first one created. */
export function makePrivateDirSync(dir: string): string | undefined {
  return fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** mkdir -p with mode 0700 for every directory it creates; returns the first one created. */
export function makePrivateDir(dir: string): Promise<string | undefined> {
  return fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/**
 * Creates `file` empty with mode 0600 if it does not exist, or narrows an existing one to
 * 0600. For files another library creates (SQLite: its -wal and -shm files take the mode of
 * the database file, so they follow).
 */
export function ensurePrivateFile(file: string): void {
  makePrivateDirSync(path.dirname(file));
  const fd = fs.openSync(file, fs.constants.O_RDWR | fs.constants.O_CREAT, PRIVATE_FILE_MODE);
  try {
    if ((fs.fstatSync(fd).mode & 0o777) !== PRIVATE_FILE_MODE) fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a generated secret file (the session secret, the master key), generating it first when
 * it is missing. Written whole to a temp file, fsynced, then linked into place: a second
 * process starting at the same moment on the same DATA_DIR either wins the link or reads the
 * complete file, never an empty one, and both use the same secret. `read` checks the content.
 */
export function readOrCreateSecretFile<T>(file: string, generate: () => string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  makePrivateDirSync(path.dirname(file));
  const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = fs.openSync(temp, "wx", PRIVATE_FILE_MODE);
  try {
    fs.writeSync(fd, generate());
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return read();
}

export class PermissionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermissionsError";
  }
}

/**
 * Narrows DATA_DIR, every directory below it to 0700 and every file to 0600 (group and others
 * lose all access; the owner keeps what it had, so a read-only file stays read-only).
 * Symbolic links are left alone and not followed. Returns the paths it changed, relative to
 * `dataDir`; throws naming the path when one cannot be changed (owned by another user).
 */
export function tightenDataDir(dataDir: string): string[] {
  const root = path.resolve(dataDir);
  const changed: string[] = [];
  if (!fs.existsSync(root)) return changed;
  const visit = (p: string) => {
    const stat = fs.lstatSync(p);
    if (stat.isSymbolicLink() || !(stat.isFile() || stat.isDirectory())) return;
    const wanted = stat.isDirectory() ? PRIVATE_DIR_MODE : (stat.mode & PRIVATE_FILE_MODE);
    if ((stat.mode & 0o777) !== wanted) {
      try {
        fs.chmodSync(p, wanted);
      } catch (error) {
        throw new PermissionsError(
          `${p}: cannot narrow its permissions to ${wanted.toString(8).padStart(4, "0")} (${(error as NodeJS.ErrnoException).code}); ` +
            "everything under DATA_DIR must belong to the portal's user (chown -R)",
        );
      }
      changed.push(path.relative(root, p) || ".");
    }
    if (stat.isDirectory()) for (const name of fs.readdirSync(p)) visit(path.join(p, name));
  };
  visit(root);
  return changed;
}
