// File storage: one interface, two backends (local disk under DATA_DIR, or UploadThing).
//
// Rules (docs/architecture.md, Files): a file is checked by its bytes (type and size), never by its name; its
// SHA-256 is computed while it streams, never by reading it all into memory; stored names
// are random ids and the carrier's file name is metadata only; files live outside public/.
// "Nothing is lost": bytes go to a temp file in the target directory while hashing, the file
// is fsynced, renamed to its final name, and the directory fsynced. A refused file is not
// kept: its temp file is removed.
//
// Both backends verify identically (receiveVerified): the UploadThing backend writes the
// verified temp file locally first and only then uploads it, so a refused file never leaves
// the machine.
//
// Sealed files (bid files, VgV § 54): with `seal` set, the bytes are encrypted with the
// call's key (app/infra/sealing.server.ts) as they stream into the temp file, so plaintext
// never reaches disk or UploadThing. The hash and size are those of the plaintext (receipts
// and the opening compare them); the type is detected from a decrypting read of the temp
// file, and the content checks read it in pieces through a decrypting positional reader
// (decision 0032). `read` returns the stored bytes as they are: decrypting is the business of
// app/infra/stored-files.server.ts.
import { createHash } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { fileTypeFromFile, fileTypeFromStream } from "file-type";
import type { UTApi } from "uploadthing/server";
import { contentProblem, MAX_INFLATED_BYTES } from "./content-checks.server";
import type { MessageKey } from "../i18n";
import { env } from "./env.server";
import { refusal, type MessageRef, type Refusal, type RefusalValue } from "./errors";
import { randomId } from "./ids";
import { makePrivateDir } from "./private-files.server";
import { fileSealer, openFileStream, sealedFileReader } from "./sealing.server";

export type AllowedType = { mime: string; label: string };

/** What carriers may upload: PDF, ODT, DOCX, JPEG, PNG (decided from the bytes). */
export const ALLOWED_UPLOAD_TYPES: AllowedType[] = [
  { mime: "application/pdf", label: "PDF" },
  { mime: "application/vnd.oasis.opendocument.text", label: "ODT" },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "DOCX" },
  { mime: "image/jpeg", label: "JPEG" },
  { mime: "image/png", label: "PNG" },
];

export type SavedFile = {
  backend: "local" | "uploadthing";
  storageKey: string;
  sizeBytes: number;
  sha256: string;
  mediaType: string;
  /** Set when the file is stored encrypted with this call's key (sizeBytes, sha256: plaintext). */
  sealedCallId?: string;
};

export type SealWith = { callId: string; key: Buffer };

export type SaveOptions = {
  fileName: string;
  maxBytes: number;
  allowed?: AllowedType[];
  /** Encrypt with this call's key before anything is written (sealed bid files). */
  seal?: SealWith;
  /**
   * A document the portal itself made (opening record, letters, Vergabevermerk, case file):
   * its type is checked, its content not. The content checks look for what an uploader could
   * hide, and read names in every byte: the random bytes of a compressed stream now and then
   * spell one (a tagged PDF/A opening record was refused so in CI).
   */
  madeByPortal?: boolean;
};

/** A file refused for its content; the refusal (a catalogue key) names the file and the reason. */
export class UploadRejected extends Error {
  constructor(
    readonly reason: "too-large" | "type-not-allowed" | "empty" | "active-content",
    readonly fileName: string,
    readonly refusal: Refusal,
  ) {
    super(`${reason}: ${refusal.key}`);
    this.name = "UploadRejected";
  }
}

export interface FileStorage {
  readonly backend: "local" | "uploadthing";
  /**
   * Streams `source` to storage while hashing it. Throws UploadRejected for a refused file
   * (nothing kept). Stops pulling from `source` as soon as it exceeds maxBytes: draining the
   * rest (e.g. of a multipart body) is the caller's business. Errors thrown by `source` are
   * rethrown unchanged.
   */
  save(source: AsyncIterable<Uint8Array>, opts: SaveOptions): Promise<SavedFile>;
  read(storageKey: string): Promise<Readable>;
  remove(storageKey: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Messages

/** The file's name as a refusal shows it; a file without one is called so. */
function nameOf(fileName: string): RefusalValue {
  return fileName === "" ? { message: "upload.unnamed" } : fileName;
}

// Names for what was found instead, for the most likely mistakes.
const DETECTED_LABELS: Record<string, MessageKey> = {
  "application/x-msdownload": "upload.detected.windowsProgram",
  "application/x-elf": "upload.detected.linuxProgram",
  "application/x-mach-binary": "upload.detected.macProgram",
  "application/x-apple-diskimage": "upload.detected.macDiskImage",
  "application/vnd.android.package-archive": "upload.detected.androidApp",
  "application/java-archive": "upload.detected.javaArchive",
  "application/x-sh": "upload.detected.shellScript",
  "application/zip": "upload.detected.zip",
  "application/x-rar-compressed": "upload.detected.rar",
  "application/x-7z-compressed": "upload.detected.sevenZip",
  "application/gzip": "upload.detected.gzip",
  "application/x-tar": "upload.detected.tar",
  "application/x-cfb": "upload.detected.oldOffice",
  "application/vnd.ms-word.document.macroenabled.12": "upload.detected.docm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "upload.detected.xlsx",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "upload.detected.pptx",
  "application/vnd.oasis.opendocument.spreadsheet": "upload.detected.ods",
  "application/vnd.oasis.opendocument.presentation": "upload.detected.odp",
  "application/rtf": "upload.detected.rtf",
  "image/gif": "upload.detected.gif",
  "image/webp": "upload.detected.webp",
  "image/heic": "upload.detected.heic",
  "image/heif": "upload.detected.heif",
  "image/tiff": "upload.detected.tiff",
  "image/bmp": "upload.detected.bmp",
  "image/svg+xml": "upload.detected.svg",
  "application/xml": "upload.detected.xml",
  "text/html": "upload.detected.html",
};

/** A name for a refused file's content (file-type's answer, or a text/unknown guess). */
function describeContent(detected: { mime: string; ext: string } | undefined, head: Buffer): MessageRef {
  if (detected) {
    const known = DETECTED_LABELS[detected.mime];
    return known ? { message: known } : { message: "upload.detected.other", params: { ext: detected.ext.toUpperCase() } };
  }
  return { message: looksLikeText(head) ? "upload.detected.text" : "upload.detected.unknown" };
}

const TEXT_SAMPLE_BYTES = 4096;

/** `head`: the first TEXT_SAMPLE_BYTES of the (plain) file. */
function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    // A multi-byte sequence may be cut at the end of the sample; drop up to 3 bytes.
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 3)));
    return true;
  } catch {
    return false;
  }
}

const CONTENT_REFUSALS: Record<"zip-bomb" | "zip-unsupported" | "pdf-active-content", (name: RefusalValue) => Refusal> = {
  "zip-bomb": (name) => refusal("upload.refused.zipBomb", { name, limit: { bytes: MAX_INFLATED_BYTES } }),
  "zip-unsupported": (name) => refusal("upload.refused.zipUnsupported", { name }),
  "pdf-active-content": (name) => refusal("upload.refused.activeContent", { name }),
};

// ---------------------------------------------------------------------------------------
// Receiving and verifying (shared by both backends)

type Verified = { tempPath: string; sizeBytes: number; sha256: string; mediaType: string; ext: string };

async function fsyncDir(dir: string): Promise<void> {
  if (process.platform === "win32") return; // directories cannot be opened for fsync there
  const fh = await fsp.open(dir, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** mkdir -p (mode 0700), fsyncing the parent of every directory it had to create. */
async function ensureDir(dir: string): Promise<void> {
  const created = await makePrivateDir(dir);
  if (!created) return;
  for (let d = dir; ; d = path.dirname(d)) {
    await fsyncDir(path.dirname(d));
    if (d === created || path.dirname(d) === d) break;
  }
}

async function writeAll(fh: fsp.FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

// Chunks are gathered up to this size and written with one writev: a quarter of the writes
// (each a trip to the thread pool) for the chunks of a network stream, and no copy.
const WRITE_BATCH_BYTES = 256 * 1024;
// Well below IOV_MAX (1024 on Linux), so that one writev takes every buffer of a batch.
const WRITE_BATCH_BUFFERS = 256;

/** Writes chunks in batches; `flush` writes what is pending. */
function batchedWriter(fh: fsp.FileHandle) {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const buffers = pending;
    const total = pendingBytes;
    pending = [];
    pendingBytes = 0;
    const { bytesWritten } = await fh.writev(buffers);
    if (bytesWritten < total) {
      // A short write (rare on files): the rest one by one.
      let skip = bytesWritten;
      for (const b of buffers) {
        if (skip >= b.length) skip -= b.length;
        else {
          await writeAll(fh, b.subarray(skip));
          skip = 0;
        }
      }
    }
  };
  return {
    async write(chunk: Uint8Array) {
      if (chunk.length === 0) return;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= WRITE_BATCH_BYTES || pending.length >= WRITE_BATCH_BUFFERS) await flush();
    },
    flush,
  };
}

/**
 * Streams `source` into `tempPath` (created exclusively, mode 0600) while hashing and
 * counting; refuses too large, empty and not-allowed files (temp file removed); on success
 * the temp file is complete and fsynced, and the caller owns it.
 */
async function receiveVerified(
  source: AsyncIterable<Uint8Array>,
  tempPath: string,
  opts: SaveOptions,
): Promise<Verified> {
  const allowed = opts.allowed ?? ALLOWED_UPLOAD_TYPES;
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const fh = await fsp.open(tempPath, "wx+", 0o600);
  let closed = false;
  const sealer = opts.seal ? fileSealer(opts.seal.key, opts.seal.callId) : null;
  const headChunks: Buffer[] = []; // the first bytes, for the text guess of a refused file
  let headBytes = 0;
  try {
    const out = batchedWriter(fh);
    if (sealer) await out.write(sealer.header);
    let tooLarge = false;
    for await (const chunk of source) {
      sizeBytes += chunk.length;
      if (sizeBytes > opts.maxBytes) {
        tooLarge = true;
        break; // pull nothing more; the rest is the caller's to drain
      }
      hash.update(chunk);
      if (headBytes < TEXT_SAMPLE_BYTES) {
        headChunks.push(Buffer.from(chunk.subarray(0, TEXT_SAMPLE_BYTES - headBytes)));
        headBytes += Math.min(chunk.length, TEXT_SAMPLE_BYTES - headBytes);
      }
      // Ciphertext is the cipher's own fresh buffer and may wait in a batch; a plain chunk is
      // written at once, since a source may reuse its memory after the next pull.
      if (sealer) await out.write(sealer.update(chunk));
      else await writeAll(fh, chunk);
    }
    if (tooLarge) {
      throw new UploadRejected("too-large", opts.fileName, refusal("upload.refused.tooLarge", { name: nameOf(opts.fileName), limit: { bytes: opts.maxBytes } }));
    }
    if (sizeBytes === 0) {
      throw new UploadRejected("empty", opts.fileName, refusal("upload.refused.empty", { name: nameOf(opts.fileName) }));
    }
    if (sealer) await out.write(sealer.final());
    await out.flush();
    // Page cache makes the written bytes visible to file-type's own read of the file; a
    // sealed file is decrypted on the fly for it (file-type reads only what it needs).
    const detected = opts.seal ? await detectSealed(tempPath, opts.seal) : await fileTypeFromFile(tempPath);
    const ok = detected && allowed.find((t) => t.mime === detected.mime);
    if (!detected || !ok) {
      const found = describeContent(detected, Buffer.concat(headChunks));
      throw new UploadRejected(
        "type-not-allowed",
        opts.fileName,
        refusal("upload.refused.type", { name: nameOf(opts.fileName), types: { fileTypes: allowed.map((t) => t.label) }, found }),
      );
    }
    // Read in pieces through the open handle; a sealed file is decrypted piece by piece.
    const problem = opts.madeByPortal ? null : await contentProblem(opts.seal ? await sealedFileReader(fh, opts.seal.key) : tempPath, detected.mime);
    if (problem) throw new UploadRejected("active-content", opts.fileName, CONTENT_REFUSALS[problem](nameOf(opts.fileName)));
    await fh.sync();
    await fh.close();
    closed = true;
    return { tempPath, sizeBytes, sha256: hash.digest("hex"), mediaType: detected.mime, ext: detected.ext };
  } catch (error) {
    if (!closed) await fh.close().catch(() => {});
    await fsp.rm(tempPath, { force: true });
    throw error;
  }
}

async function detectSealed(file: string, seal: SealWith) {
  const raw = fs.createReadStream(file);
  const plain = Readable.from(openFileStream(raw, seal.key, seal.callId));
  try {
    // As a web stream: file-type answers undefined for a Node stream here.
    return await fileTypeFromStream(Readable.toWeb(plain) as unknown as Parameters<typeof fileTypeFromStream>[0]);
  } finally {
    plain.destroy();
    raw.destroy();
  }
}

function sealedBy(opts: SaveOptions): { sealedCallId?: string } {
  return opts.seal ? { sealedCallId: opts.seal.callId } : {};
}

// ---------------------------------------------------------------------------------------
// Local backend

const LOCAL_KEY = /^[A-Za-z0-9_-]{22}$/; // randomId(): 16 bytes, base64url

/**
 * Files under `<dir>/<first two chars of key>/<key>`; `dir` is the files directory itself
 * (fileStorage() passes `<DATA_DIR>/files`). Temp files are `.<key>.part` in the same
 * subdirectory.
 */
export function localStorage(dir: string): FileStorage {
  const root = path.resolve(dir);
  const fileOf = (key: string) => {
    if (!LOCAL_KEY.test(key)) throw new Error(`Ungültiger Speicherschlüssel: ${JSON.stringify(key)}`);
    return path.join(root, key.slice(0, 2), key);
  };

  return {
    backend: "local",

    async save(source, opts) {
      const key = randomId();
      const final = fileOf(key);
      const sub = path.dirname(final);
      await ensureDir(sub);
      const verified = await receiveVerified(source, path.join(sub, `.${key}.part`), opts);
      try {
        await fsp.rename(verified.tempPath, final);
        await fsyncDir(sub);
      } catch (error) {
        await fsp.rm(verified.tempPath, { force: true });
        throw error;
      }
      const { sizeBytes, sha256, mediaType } = verified;
      return { backend: "local", storageKey: key, sizeBytes, sha256, mediaType, ...sealedBy(opts) };
    },

    async read(storageKey) {
      const fh = await fsp.open(fileOf(storageKey), "r"); // a missing file rejects here (ENOENT)
      return fh.createReadStream();
    },

    async remove(storageKey) {
      const file = fileOf(storageKey);
      await fsp.rm(file, { force: true });
      await fsyncDir(path.dirname(file)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    },
  };
}

// ---------------------------------------------------------------------------------------
// UploadThing backend

export type UploadThingStorageOptions = {
  /** UPLOADTHING_TOKEN: base64 JSON { apiKey, appId, regions }. */
  token: string;
  /** Local directory for the verified temp file before upload (removed afterwards). */
  tempDir: string;
  /**
   * ACL sent with each upload. "private" (default) requires the UploadThing app to allow ACL
   * overrides; if it does not, uploads fail loudly instead of silently being public. Pass
   * null to send none (the app's default ACL applies).
   */
  acl?: "private" | "public-read" | null;
  /** Lifetime of the signed URL `read` fetches through. Default 300 s. */
  signedUrlTtlSeconds?: number;
  // Overrides for the SDK; unset, it reads UPLOADTHING_API_URL, UPLOADTHING_INGEST_URL,
  // UPLOADTHING_UFS_HOST, UPLOADTHING_UFS_APP_ID_LOCATION from the environment, else uses
  // api.uploadthing.com, https://<region>.<ingestHost of the token>, <appId>.ufs.sh.
  apiUrl?: string;
  ingestUrl?: string;
  ufsHost?: string;
  ufsAppIdLocation?: "subdomain" | "path";
  fetch?: typeof globalThis.fetch;
  logLevel?: "All" | "Fatal" | "Error" | "Warning" | "Info" | "Debug" | "Trace" | "None";
};

const UPLOADTHING_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/;

export function uploadThingStorage(opts: UploadThingStorageOptions): FileStorage {
  const fetchFn = opts.fetch ?? globalThis.fetch;
  const sdkOptions = Object.fromEntries(
    Object.entries({
      token: opts.token,
      apiUrl: opts.apiUrl,
      ingestUrl: opts.ingestUrl,
      ufsHost: opts.ufsHost,
      ufsAppIdLocation: opts.ufsAppIdLocation,
      logLevel: opts.logLevel,
      fetch: opts.fetch,
    }).filter(([, v]) => v !== undefined),
  ) as ConstructorParameters<typeof UTApi>[0];
  // The SDK (with effect) takes over a second of CPU to load: loaded at the first use, so a
  // server on local storage, the CLI and the tests never load it.
  let sdk: Promise<UTApi> | undefined;
  const api = () => (sdk ??= import("uploadthing/server").then(({ UTApi }) => new UTApi(sdkOptions)));
  const acl = opts.acl === undefined ? "private" : opts.acl;
  const tempDir = path.resolve(opts.tempDir);
  const checkKey = (key: string) => {
    if (!UPLOADTHING_KEY.test(key)) throw new Error(`Ungültiger Speicherschlüssel: ${JSON.stringify(key)}`);
  };

  return {
    backend: "uploadthing",

    async save(source, saveOpts) {
      await ensureDir(tempDir);
      const verified = await receiveVerified(source, path.join(tempDir, `.${randomId()}.part`), saveOpts);
      try {
        // A file-backed Blob: undici streams it from disk into the multipart PUT.
        // A sealed file goes up as opaque bytes: not even its type is told.
        const type = saveOpts.seal ? "application/octet-stream" : verified.mediaType;
        const blob = await fs.openAsBlob(verified.tempPath, { type });
        // The carrier's name stays in our database; UploadThing gets a random one.
        const file = new File([blob], `${randomId()}.${saveOpts.seal ? "bin" : verified.ext}`, { type });
        const result = await (await api()).uploadFiles(file, {
          contentDisposition: "attachment",
          ...(acl ? { acl } : {}),
        });
        if (result.error) {
          throw new Error(`UploadThing: Hochladen fehlgeschlagen (${result.error.code}: ${result.error.message})`);
        }
        return {
          backend: "uploadthing",
          storageKey: result.data.key,
          sizeBytes: verified.sizeBytes,
          sha256: verified.sha256,
          mediaType: verified.mediaType,
          ...sealedBy(saveOpts),
        };
      } finally {
        await fsp.rm(verified.tempPath, { force: true });
      }
    },

    async read(storageKey) {
      checkKey(storageKey);
      const { ufsUrl } = await (await api()).generateSignedURL(storageKey, { expiresIn: opts.signedUrlTtlSeconds ?? 300 });
      const response = await fetchFn(ufsUrl);
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        throw new Error(`UploadThing: Datei ${storageKey} nicht lesbar (HTTP ${response.status})`);
      }
      return Readable.fromWeb(response.body as NodeWebReadableStream<Uint8Array>);
    },

    async remove(storageKey) {
      checkKey(storageKey);
      const result = await (await api()).deleteFiles(storageKey);
      if (!result.success) throw new Error(`UploadThing: Datei ${storageKey} nicht gelöscht`);
    },
  };
}

// ---------------------------------------------------------------------------------------

let cached: FileStorage | undefined;

/** The process-wide storage: UploadThing when UPLOADTHING_TOKEN is set, else local disk. */
export function fileStorage(): FileStorage {
  if (cached) return cached;
  const { UPLOADTHING_TOKEN, dataDir } = env();
  cached = UPLOADTHING_TOKEN
    ? uploadThingStorage({ token: UPLOADTHING_TOKEN, tempDir: path.join(dataDir, "uploadthing-tmp") })
    : localStorage(path.join(dataDir, "files"));
  return cached;
}

/** For tests that change the environment between cases. */
export function resetFileStorageForTests() {
  cached = undefined;
}
