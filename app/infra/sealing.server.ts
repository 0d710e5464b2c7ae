// Sealed storage (VgV § 54; docs/architecture.md, Sealed until opening; decision 0005): bids are kept encrypted until the four-eyes opening.
//
// Keys: every call has its own random 256-bit data key (table call_keys), stored only
// wrapped (AES-256-GCM) by the master key from configuration (PORTAL_MASTER_KEY), which never
// enters the database. A copy of the database alone, or of the files alone, or of both,
// opens nothing without the master key.
//
// Envelope (values and files alike, version 1):
//   magic "PSV1" | "PSF1" | "PSK1" (4 bytes) · IV (12 random bytes) · ciphertext · GCM tag (16)
// The associated data binds each envelope to its place (kind and call id), so a sealed value
// copied to another call or column does not open. A flipped bit anywhere fails the tag.
//
// Who may unwrap a call's key is decided by the callers: app/submission/access.server.ts
// (the carrier's own data; the city only after the opening), the carrier's own working copy
// (applications.server.ts), the opening itself (opening.server.ts) and operator tools
// (stored-files.server.ts: readStoredFilePlain).
import { createCipheriv, createDecipheriv, createHash, randomBytes, type CipherGCM, type DecipherGCM } from "node:crypto";
import fs from "node:fs";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { first, type Db, type Tx } from "./db.server";
import { env } from "./env.server";
import { callKeys } from "./schema";
import { readOrCreateSecretFile } from "./private-files.server";

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const MAGIC_BYTES = 4;
const HEADER_BYTES = MAGIC_BYTES + IV_BYTES;

/** Envelope kinds: a sealed value (JSON, text), a sealed file, a wrapped call key. */
const MAGIC = { value: Buffer.from("PSV1"), file: Buffer.from("PSF1"), key: Buffer.from("PSK1") } as const;
type Kind = keyof typeof MAGIC;

/** A sealed value or file that does not open: wrong key, altered bytes, or not an envelope. */
export class SealBroken extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealBroken";
  }
}

/** Associated data: where an envelope belongs. Changing these strings breaks stored data. */
export const sealContext = {
  submissionContent: (callId: string) => `submission-content:${callId}`,
  draft: (callId: string) => `draft-lot-bid:${callId}`,
  file: (callId: string) => `file:${callId}`,
  callKey: (callId: string) => `call-key:${callId}`,
};

// ---------------------------------------------------------------------------------------
// Values

function seal(kind: Kind, key: Buffer, plaintext: Buffer, context: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC[kind], iv, body, cipher.getAuthTag()]);
}

function open(kind: Kind, key: Buffer, envelope: Buffer, context: string): Buffer {
  if (envelope.length < HEADER_BYTES + TAG_BYTES || !envelope.subarray(0, MAGIC_BYTES).equals(MAGIC[kind])) {
    throw new SealBroken("not a sealed envelope of this kind");
  }
  const decipher = createDecipheriv("aes-256-gcm", key, envelope.subarray(MAGIC_BYTES, HEADER_BYTES));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(envelope.subarray(envelope.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(envelope.subarray(HEADER_BYTES, envelope.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealBroken("sealed value does not open (wrong key or altered bytes)");
  }
}

/** Encrypts bytes with a call key for one context. */
export function sealValue(key: Buffer, plaintext: Buffer, context: string): Buffer {
  return seal("value", key, plaintext, context);
}

/** Decrypts what sealValue made; SealBroken on a wrong key, context or any altered bit. */
export function openValue(key: Buffer, envelope: Buffer, context: string): Buffer {
  return open("value", key, envelope, context);
}

/** Whether bytes are a sealed value (older rows hold plain JSON, which starts with "{"). */
export function isSealedValue(bytes: Buffer): boolean {
  return bytes.length >= HEADER_BYTES + TAG_BYTES && bytes.subarray(0, MAGIC_BYTES).equals(MAGIC.value);
}

// A draft lot bid (concept texts, offered posts, cost plan) is kept as one sealed document in
// the JSON column lot_bids.concept (type Record<string, string>): one entry under this name,
// the base64 of the envelope.
const SEALED_FIELD = "$sealed";

export function sealDraft(key: Buffer, callId: string, value: unknown): Record<string, string> {
  const envelope = sealValue(key, Buffer.from(JSON.stringify(value), "utf8"), sealContext.draft(callId));
  return { [SEALED_FIELD]: envelope.toString("base64") };
}

export function isSealedDraft(stored: Record<string, string>): boolean {
  return typeof stored[SEALED_FIELD] === "string";
}

/** What sealDraft sealed; SealBroken on a wrong key, another call or altered bytes. */
export function openDraft<T>(key: Buffer, callId: string, stored: Record<string, string>): T {
  if (!isSealedDraft(stored)) throw new SealBroken("not a sealed draft");
  const plain = openValue(key, Buffer.from(stored[SEALED_FIELD], "base64"), sealContext.draft(callId));
  return JSON.parse(plain.toString("utf8")) as T;
}

// ---------------------------------------------------------------------------------------
// Files (streamed: never the whole file in memory)

export type FileSealer = {
  /** The envelope's first bytes (magic and IV): write them before any chunk. */
  header: Buffer;
  update(chunk: Uint8Array): Buffer;
  /** The rest of the ciphertext and the tag: write them last. */
  final(): Buffer;
};

export function fileSealer(key: Buffer, callId: string): FileSealer {
  const iv = randomBytes(IV_BYTES);
  const cipher: CipherGCM = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(sealContext.file(callId), "utf8"));
  return {
    header: Buffer.concat([MAGIC.file, iv]),
    update: (chunk) => cipher.update(chunk),
    final: () => Buffer.concat([cipher.final(), cipher.getAuthTag()]),
  };
}

/** Bytes a sealed file of `plainBytes` takes in storage. */
export function sealedFileSize(plainBytes: number): number {
  return HEADER_BYTES + plainBytes + TAG_BYTES;
}

/**
 * Decrypts a sealed file while it streams. The tag is the last 16 bytes, so plaintext is
 * yielded before it is verified: a file whose tag fails makes the stream throw SealBroken at
 * its end (a download breaks off, a re-hash fails); nothing trusts the bytes before that.
 */
export async function* openFileStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  key: Buffer,
  callId: string,
): AsyncGenerator<Buffer> {
  let header = Buffer.alloc(0);
  let decipher: DecipherGCM | undefined;
  let held = Buffer.alloc(0); // the last TAG_BYTES seen so far
  for await (const raw of source) {
    let chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (!decipher) {
      header = Buffer.concat([header, chunk]);
      if (header.length < HEADER_BYTES) continue;
      if (!header.subarray(0, MAGIC_BYTES).equals(MAGIC.file)) throw new SealBroken("not a sealed file");
      decipher = createDecipheriv("aes-256-gcm", key, header.subarray(MAGIC_BYTES, HEADER_BYTES));
      decipher.setAAD(Buffer.from(sealContext.file(callId), "utf8"));
      chunk = header.subarray(HEADER_BYTES);
    }
    const all = held.length ? Buffer.concat([held, chunk]) : chunk;
    const cut = Math.max(0, all.length - TAG_BYTES);
    held = Buffer.from(all.subarray(cut));
    if (cut > 0) {
      const plain = decipher.update(all.subarray(0, cut));
      if (plain.length) yield plain;
    }
  }
  if (!decipher || held.length < TAG_BYTES) throw new SealBroken("sealed file is truncated");
  decipher.setAuthTag(held);
  let last: Buffer;
  try {
    last = decipher.final();
  } catch {
    throw new SealBroken("sealed file does not open (wrong key or altered bytes)");
  }
  if (last.length) yield last;
}

/** Reads any range of a file's plaintext without holding the file (content checks). */
export type PositionalReader = {
  /** Plaintext bytes. */
  size: number;
  /** Up to `length` bytes from `position` (fewer only at the end). */
  read(position: number, length: number): Promise<Buffer>;
};

const BLOCK_BYTES = 16;

/**
 * The plaintext of a sealed file at any position, for the content checks of an upload (a
 * ZIP's central directory lies at its end; decision 0032). GCM encrypts with AES-CTR whose
 * counter for plaintext block b is IV ‖ (2 + b) (NIST SP 800-38D, 96-bit IV), so a range is
 * decrypted on its own. The tag (and with it the call in the associated data) is not checked
 * here: only the upload's own temp file, written a moment ago in this request, is read so;
 * every later read (openFileStream) checks it.
 */
export async function sealedFileReader(fh: FileHandle, key: Buffer): Promise<PositionalReader> {
  const { size: stored } = await fh.stat();
  const header = Buffer.alloc(HEADER_BYTES);
  const { bytesRead } = await fh.read(header, 0, HEADER_BYTES, 0);
  if (bytesRead < HEADER_BYTES || stored < HEADER_BYTES + TAG_BYTES || !header.subarray(0, MAGIC_BYTES).equals(MAGIC.file)) {
    throw new SealBroken("not a sealed file");
  }
  const iv = header.subarray(MAGIC_BYTES, HEADER_BYTES);
  const size = stored - HEADER_BYTES - TAG_BYTES;
  if (size / BLOCK_BYTES >= 2 ** 32 - 2) throw new SealBroken("sealed file too large for positional reads");
  return {
    size,
    async read(position, length) {
      const end = Math.min(size, position + length);
      if (position >= end) return Buffer.alloc(0);
      const block = Math.floor(position / BLOCK_BYTES);
      const from = block * BLOCK_BYTES;
      const cipherText = Buffer.allocUnsafe(end - from);
      const got = (await fh.read(cipherText, 0, cipherText.length, HEADER_BYTES + from)).bytesRead;
      const counter = Buffer.concat([iv, Buffer.alloc(4)]);
      counter.writeUInt32BE(2 + block, IV_BYTES);
      const plain = createDecipheriv("aes-256-ctr", key, counter).update(cipherText.subarray(0, got));
      return plain.subarray(position - from);
    },
  };
}

// ---------------------------------------------------------------------------------------
// Master key

export type MasterKey = { key: Buffer; id: string };

/** A short, non-secret id of a master key, stored beside each wrapped key (rotation). */
export function masterKeyId(key: Buffer): string {
  return createHash("sha256").update("portal-master-key-id:v1:").update(key).digest("hex").slice(0, 16);
}

let cachedMaster: { source: string; master: MasterKey } | undefined;
const warnedFor = new Set<string>();

/**
 * PORTAL_MASTER_KEY, or (unset) a key generated once into DATA_DIR/keys/master.key with mode
 * 0600 and a warning: such a key lies next to the data it protects, which is fine for the
 * demo and tests and wrong for production.
 */
export function masterKey(): MasterKey {
  const { PORTAL_MASTER_KEY, dataDir } = env();
  const source = PORTAL_MASTER_KEY ? `env:${PORTAL_MASTER_KEY}` : `file:${dataDir}`;
  if (cachedMaster?.source === source) return cachedMaster.master;
  const key = PORTAL_MASTER_KEY ? Buffer.from(PORTAL_MASTER_KEY, "base64") : keyFromFile(path.join(dataDir, "keys", "master.key"));
  const master = { key, id: masterKeyId(key) };
  cachedMaster = { source, master };
  return master;
}

function keyFromFile(file: string): Buffer {
  if (!warnedFor.has(file)) {
    warnedFor.add(file);
    console.warn(
      `[sealing] PORTAL_MASTER_KEY is not set: using ${file} (generated on first start). ` +
        "Production must set PORTAL_MASTER_KEY and keep it away from DATA_DIR and its backups.",
    );
  }
  const read = () => {
    const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64");
    if (key.length !== KEY_BYTES) throw new Error(`${file}: not a 32-byte base64 master key`);
    return key;
  };
  return readOrCreateSecretFile(file, () => `${randomBytes(KEY_BYTES).toString("base64")}\n`, read);
}

/** For tests that change PORTAL_MASTER_KEY or DATA_DIR between cases. */
export function resetMasterKeyForTests() {
  cachedMaster = undefined;
}

// ---------------------------------------------------------------------------------------
// Call keys

export function wrapCallKey(master: MasterKey, callId: string, callKey: Buffer): Buffer {
  return seal("key", master.key, callKey, sealContext.callKey(callId));
}

export function unwrapCallKey(master: MasterKey, callId: string, row: { wrappedKey: Buffer; masterKeyId: string }): Buffer {
  if (row.masterKeyId !== master.id) {
    throw new SealBroken(
      `call key of ${callId} was wrapped by master key ${row.masterKeyId}, configured is ${master.id}`,
    );
  }
  return open("key", master.key, row.wrappedKey, sealContext.callKey(callId));
}

/**
 * The call's data key, created and stored (wrapped) on first need. Inside a writing
 * transaction, so two first uploads at once end with one key.
 */
export async function ensureCallKey(tx: Tx | Db, callId: string): Promise<Buffer> {
  const existing = await callKeyOf(tx, callId);
  if (existing) return existing;
  const master = masterKey();
  const key = randomBytes(KEY_BYTES);
  await tx.insert(callKeys).values({ callId, wrappedKey: wrapCallKey(master, callId, key), masterKeyId: master.id });
  return key;
}

/** At start: loads the master key and counts call keys wrapped by a different one. */
export async function checkMasterKey(database: Pick<Db, "select">): Promise<{ masterKeyId: string; foreignKeys: number }> {
  const master = masterKey();
  const rows = await database.select({ masterKeyId: callKeys.masterKeyId }).from(callKeys);
  return { masterKeyId: master.id, foreignKeys: rows.filter((r) => r.masterKeyId !== master.id).length };
}

/**
 * The call's data key unwrapped, or null when the call has none yet. No access check here:
 * see the callers named at the top of this file.
 */
export async function callKeyOf(database: Pick<Db, "select">, callId: string): Promise<Buffer | null> {
  const row = await first(
    database
      .select({ wrappedKey: callKeys.wrappedKey, masterKeyId: callKeys.masterKeyId })
      .from(callKeys)
      .where(eq(callKeys.callId, callId)),
  );
  return row ? unwrapCallKey(masterKey(), callId, row) : null;
}
