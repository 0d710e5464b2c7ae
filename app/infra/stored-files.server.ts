// Reading a stored file as plaintext: from the backend it was stored in, decrypted with its
// call's key when it is sealed. Who may read is not decided here: downloads go through
// app/submission/access.server.ts (openFileForActor), the opening through opening.server.ts;
// readStoredFilePlain is for operator tools (audit:verify, backups) that hold the master key.
// Recording a saved file as a row (recordStoredFile) is here too, so every upload is written alike.
import path from "node:path";
import { Readable } from "node:stream";
import { eq } from "drizzle-orm";
import { db as defaultDb, first, type Db, type Tx } from "./db.server";
import { env } from "./env.server";
import { callKeyOf, openFileStream, SealBroken } from "./sealing.server";
import { storedFiles } from "./schema";
import { fileStorage, localStorage, type FileStorage, type SavedFile } from "./storage.server";

export type StoredFileLocation = {
  backend: "local" | "uploadthing";
  storageKey: string;
  /** The call whose key seals the file; null for a plain file. */
  sealedCallId: string | null;
};

/**
 * Records a saved (stored and checked) file as a row of stored_files and returns its id.
 * Whose file it is and who uploaded it are the caller's to say; `createdAt` defaults to the
 * database's time.
 */
export async function recordStoredFile(
  tx: Pick<Tx, "insert">,
  file: SavedFile,
  row: { originalName: string; uploadedByUserId: string; organisationId: string | null; applicationId?: string; createdAt?: Date },
): Promise<string> {
  const [recorded] = await tx
    .insert(storedFiles)
    .values({
      backend: file.backend,
      storageKey: file.storageKey,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
      encrypted: Boolean(file.sealedCallId),
      sealedCallId: file.sealedCallId ?? null,
      ...row,
    })
    .returning({ id: storedFiles.id });
  return recorded.id;
}

/** The storage a file was stored in: `preferred`, the configured one, or local disk for older files. */
/**
 * Takes back a file saved for a transaction that failed, unless a row records it. On PostgreSQL
 * a COMMIT that fails on the way back (the connection dropped) may yet have committed, and the
 * committed row would point at a removed file; when even the check fails, the file stays for
 * the orphan report (app/infra/orphans.server.ts) rather than risk that.
 */
export async function removeUnlessRecorded(database: Db, storage: FileStorage, storageKey: string): Promise<void> {
  const recorded = await first(database.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.storageKey, storageKey))).catch(() => ({ id: "unknown" }));
  if (!recorded) await storage.remove(storageKey).catch(() => {});
}

export function storageOf(backend: "local" | "uploadthing", preferred?: FileStorage): FileStorage {
  if (preferred && preferred.backend === backend) return preferred;
  const configured = fileStorage();
  if (configured.backend === backend) return configured;
  if (backend === "local") return localStorage(path.join(env().dataDir, "files"));
  throw new Error(`Speicher ${backend} ist nicht eingerichtet`);
}

/**
 * The file's plaintext as a stream. `key`: the sealing call's key, obtained by the caller
 * after its own access check (a sealed file without a key throws SealBroken). A sealed
 * file whose bytes were altered makes the stream fail at its end.
 */
export async function openStoredFile(
  file: StoredFileLocation,
  key: Buffer | null,
  preferred?: FileStorage,
): Promise<Readable> {
  const raw = await storageOf(file.backend, preferred).read(file.storageKey);
  if (!file.sealedCallId) return raw;
  if (!key) {
    raw.destroy();
    throw new SealBroken(`file is sealed with the key of call ${file.sealedCallId}, which is not available`);
  }
  const plain = Readable.from(openFileStream(raw, key, file.sealedCallId));
  plain.on("close", () => raw.destroy());
  return plain;
}

/**
 * Operator tools: the plaintext bytes of any stored file by its id, decrypted with its call's
 * key where sealed (no access check: the caller runs with the master key on the server).
 * Throws when the file row or the stored bytes are missing, and SealBroken when a sealed file
 * was altered or the master key is wrong.
 */
export async function readStoredFilePlain(fileId: string, opts: { db?: Db; storage?: FileStorage } = {}): Promise<Buffer> {
  const database = opts.db ?? defaultDb();
  const row = await first(
    database
      .select({ backend: storedFiles.backend, storageKey: storedFiles.storageKey, sealedCallId: storedFiles.sealedCallId })
      .from(storedFiles)
      .where(eq(storedFiles.id, fileId)),
  );
  if (!row) throw new Error(`stored file ${fileId} not found`);
  const key = row.sealedCallId ? await callKeyOf(database, row.sealedCallId) : null;
  const chunks: Buffer[] = [];
  for await (const chunk of await openStoredFile(row, key, opts.storage)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
