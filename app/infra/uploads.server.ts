// Parsing a multipart form in a Remix action without buffering files: each file part streams
// straight into FileStorage.save (hashed, size- and type-checked there); text fields come
// back as strings.
//
// Parser: busboy (decision 0032), the streaming parser behind multer and most Node upload
// code. It hands each file over as a stream of the body's own chunks (no copy per chunk), waits
// while storage is busy (backpressure), and parses quoted Content-Disposition parameters
// properly, so „Konzept; Stand 2.pdf“ and „Los=1.pdf“ arrive as sent. Remix's
// unstable_parseMultipartFormData, used before, cost four to seven times the CPU per megabyte
// (two byte-by-byte searches in JavaScript and several copies of every chunk) and split
// Content-Disposition at every ";" and "=", even inside quotes.
import { Readable } from "node:stream";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { z } from "zod";
import type { Refusal } from "./errors";
import {
  ALLOWED_UPLOAD_TYPES,
  fileStorage,
  UploadRejected,
  type AllowedType,
  type FileStorage,
  type SavedFile,
  type SealWith,
} from "./storage.server";

// ---------------------------------------------------------------------------------------
// Configuration

const MiB = 1024 * 1024;

const UploadConfigSchema = z
  .object({
    MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(20 * MiB),
    MAX_APPLICATION_BYTES: z.coerce.number().int().positive().default(200 * MiB),
    // Every file stored for an application counts, replaced ones too: each slot takes one
    // file, but a replaced one stays stored for the versions that name it (G7).
    MAX_APPLICATION_FILES: z.coerce.number().int().positive().default(50),
  })
  .refine((c) => c.MAX_APPLICATION_BYTES >= c.MAX_UPLOAD_BYTES, {
    path: ["MAX_APPLICATION_BYTES"],
    message: "must be at least MAX_UPLOAD_BYTES",
  });

export type UploadConfig = z.infer<typeof UploadConfigSchema>;

/** Reads MAX_UPLOAD_BYTES / MAX_APPLICATION_BYTES / MAX_APPLICATION_FILES; fails naming the variable. */
export function readUploadConfig(source: Record<string, string | undefined> = process.env): UploadConfig {
  const parsed = UploadConfigSchema.safeParse({
    MAX_UPLOAD_BYTES: source.MAX_UPLOAD_BYTES,
    MAX_APPLICATION_BYTES: source.MAX_APPLICATION_BYTES,
    MAX_APPLICATION_FILES: source.MAX_APPLICATION_FILES,
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

const config = readUploadConfig();
/** Largest single file (bytes); MAX_UPLOAD_BYTES, default 20 MB. */
export const MAX_UPLOAD_BYTES: number = config.MAX_UPLOAD_BYTES;
/** Largest total of all files of one application (bytes); MAX_APPLICATION_BYTES, default 200 MB. */
export const MAX_APPLICATION_BYTES: number = config.MAX_APPLICATION_BYTES;
/** Most files stored for one application, replaced ones included; MAX_APPLICATION_FILES, default 50. */
export const MAX_APPLICATION_FILES: number = config.MAX_APPLICATION_FILES;
/** Largest text field of a multipart form (bytes); more answers 413. */
export const MAX_TEXT_FIELD_BYTES = 1 * MiB;

// ---------------------------------------------------------------------------------------
// API

export type UploadOutcome = { field: string; fileName: string } & (
  | { ok: true; file: SavedFile }
  | { ok: false; reason: UploadRejected["reason"]; refusal: Refusal }
);

export type ParseUploadFormOptions = {
  /** Names of the file inputs; files under other names are drained and ignored. */
  fileFields: string[];
  maxBytesPerFile: number;
  storage?: FileStorage;
  /** Default ALLOWED_UPLOAD_TYPES. */
  allowed?: AllowedType[];
  /** Bid files: encrypted with the call's key before any byte is stored (sealed storage). */
  seal?: SealWith;
};

/**
 * Parses a multipart/form-data request. Each file under one of `fileFields` is streamed to
 * storage and yields an outcome (stored, or refused with a refusal to render; a refused file is
 * not kept). An empty file input (no file chosen) yields none. A body that is not
 * multipart/form-data, or is truncated or malformed, answers `Response` 400 (files stored
 * so far are removed again); a text field over MAX_TEXT_FIELD_BYTES answers 413. Storage
 * failures are rethrown as they are.
 */
export async function parseUploadForm(
  request: Request,
  opts: ParseUploadFormOptions,
): Promise<{ fields: Record<string, string | string[]>; uploads: UploadOutcome[] }> {
  const storage = opts.storage ?? fileStorage();
  const contentType = request.headers.get("Content-Type") ?? "";
  const [type, boundary] = contentType.split(/\s*;\s*boundary=/);
  if (type !== "multipart/form-data" || !boundary || !request.body) {
    throw badRequest("Erwartet wurden Formulardaten (multipart/form-data).");
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8", // browsers send file and field names as UTF-8
      // busboy marks a field truncated once it reaches the limit: one byte more tells "over".
      limits: { fieldSize: MAX_TEXT_FIELD_BYTES + 1 },
    });
  } catch {
    throw badRequest("Erwartet wurden Formulardaten (multipart/form-data).");
  }

  const fields = new Map<string, string[]>();
  const uploads: UploadOutcome[] = [];
  const stored: SavedFile[] = [];

  async function saveFile(field: string, fileName: string, data: AsyncIterable<Uint8Array>): Promise<void> {
    try {
      const file = await storage.save(data, {
        fileName,
        maxBytes: opts.maxBytesPerFile,
        allowed: opts.allowed ?? ALLOWED_UPLOAD_TYPES,
        seal: opts.seal,
      });
      stored.push(file);
      uploads.push({ field, fileName, ok: true, file });
    } catch (error) {
      if (error instanceof UploadRejected) {
        await drain(data); // the rest of a too-large file
        if (!(error.reason === "empty" && fileName === "")) {
          uploads.push({ field, fileName, ok: false, reason: error.reason, refusal: error.refusal });
        }
      } else if (error instanceof MalformedBody) {
        throw error;
      } else {
        throw new StorageFailure(error);
      }
    }
  }

  // Parts are handled one after another, in the order they arrive; busboy waits meanwhile,
  // since a file's stream is read only by its own save.
  const state: { failure?: { error: unknown } } = {};
  let fail: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = (error) => {
      state.failure ??= { error };
      reject(state.failure.error);
    };
  });
  failed.catch(() => {}); // observed through the race below
  let queue = Promise.resolve();
  const enqueue = (task: () => Promise<void>) => {
    queue = queue.then(() => (state.failure ? undefined : task())).catch(fail);
  };

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) {
      fail(new Response("Ein Formularfeld ist zu lang.", { status: 413 }));
    } else if (opts.fileFields.includes(name)) {
      // A part under a file field is a file, even when a client sent it without a filename.
      enqueue(() => saveFile(name, "", Readable.from([Buffer.from(value, "utf8")])));
    } else {
      fields.set(name, [...(fields.get(name) ?? []), value]);
    }
  });
  parser.on("file", (name, stream, info) => {
    // A broken body errors the part's stream before its turn comes: its reader sees that error.
    stream.on("error", () => {});
    const data = guarded(stream);
    if (!opts.fileFields.includes(name)) enqueue(() => drain(data));
    else enqueue(() => saveFile(name, info.filename ?? "", data));
  });
  const parsed = new Promise<void>((resolve, reject) => {
    parser.once("close", resolve);
    // on, not once: a broken body can make busboy report more than one error.
    parser.on("error", (error) => reject(new MalformedBody(error)));
  });
  parsed.catch(() => {}); // observed through the race below

  const source = Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>);
  source.once("error", (error) => parser.destroy(error));
  source.pipe(parser);

  try {
    await Promise.race([parsed.then(() => queue), failed]);
    if (state.failure) throw state.failure.error;
  } catch (error) {
    // The rest of the body stays unread (not destroyed): the answer (400, 413) must still
    // reach the client, and the HTTP server discards what follows.
    source.unpipe(parser);
    parser.destroy();
    // The caller never learns these keys: take the files back.
    await queue.catch(() => {});
    await Promise.allSettled(stored.map((f) => storage.remove(f.storageKey)));
    if (error instanceof Response) throw error;
    if (error instanceof StorageFailure) throw error.cause;
    throw badRequest("Die Formulardaten sind unvollständig oder fehlerhaft. Bitte senden Sie das Formular erneut.");
  }

  return {
    fields: Object.fromEntries([...fields].map(([k, v]) => [k, v.length === 1 ? v[0] : v])),
    uploads,
  };
}

// ---------------------------------------------------------------------------------------
// Internals

function badRequest(message: string): Response {
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** An error of the request body (truncated, malformed), as opposed to one of storage. */
class MalformedBody extends Error {
  constructor(cause: unknown) {
    super("malformed multipart body", { cause });
    this.name = "MalformedBody";
  }
}

class StorageFailure extends Error {
  constructor(readonly cause: unknown) {
    super("storage failed", { cause });
    this.name = "StorageFailure";
  }
}

/**
 * The part's data, with the parser's errors marked as errors of the body. It has no return():
 * storage that stops reading early (a file over the limit) must not destroy the part's stream,
 * which busboy would wait for; the rest is drained instead.
 */
function guarded(data: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  const it = data[Symbol.asyncIterator]();
  const wrapped: AsyncIterator<Uint8Array> = {
    async next() {
      try {
        return await it.next();
      } catch (error) {
        throw new MalformedBody(error);
      }
    },
  };
  return { [Symbol.asyncIterator]: () => wrapped };
}

async function drain(data: AsyncIterable<Uint8Array>): Promise<void> {
  for await (const _ of data) {
    // dropped
  }
}
