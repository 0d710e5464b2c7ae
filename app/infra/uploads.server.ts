// Parsing a multipart form in a Remix action without buffering files: each file part streams
// straight into FileStorage.save (hashed, size- and type-checked there); text fields come
// back as strings.
//
// Parser: Remix's own unstable_parseMultipartFormData (@remix-run/node, over
// @web3-storage/multipart-parser), which hands every part over as an async iterable. Not
// @remix-run/form-data-parser: it collects each part's content in memory before calling the
// upload handler, and a file over maxFileSize aborts the whole form instead of refusing
// just that file.
//
// Two quirks of the Remix parser are handled here:
// - It splits Content-Disposition at every ";" and "=", even inside quotes, so a file named
//   „Konzept; Stand 2.pdf“ or „Los=1.pdf“ made the whole request fail. The body is passed
//   through a small filter that swaps ";" and "=" inside quoted strings of Content-Disposition
//   header lines for private-use characters, swapped back afterwards.
// - A part whose data the handler does not consume is buffered in memory by the parser, so
//   every refused file is drained (read and dropped) here.
import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
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
  })
  .refine((c) => c.MAX_APPLICATION_BYTES >= c.MAX_UPLOAD_BYTES, {
    path: ["MAX_APPLICATION_BYTES"],
    message: "must be at least MAX_UPLOAD_BYTES",
  });

export type UploadConfig = z.infer<typeof UploadConfigSchema>;

/** Reads MAX_UPLOAD_BYTES / MAX_APPLICATION_BYTES; fails naming the variable. */
export function readUploadConfig(source: Record<string, string | undefined> = process.env): UploadConfig {
  const parsed = UploadConfigSchema.safeParse({
    MAX_UPLOAD_BYTES: source.MAX_UPLOAD_BYTES,
    MAX_APPLICATION_BYTES: source.MAX_APPLICATION_BYTES,
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
  // The same split as Remix's parser, so both agree on the boundary.
  const [type, boundary] = contentType.split(/\s*;\s*boundary=/);
  if (type !== "multipart/form-data" || !boundary || !request.body) {
    throw badRequest("Erwartet wurden Formulardaten (multipart/form-data).");
  }

  const fields = new Map<string, string[]>();
  const uploads: UploadOutcome[] = [];
  const stored: SavedFile[] = [];

  const handler: UploadHandler = async (part) => {
    const field = unprotect(part.name);
    const data = guarded(part.data);
    const isFileField = opts.fileFields.includes(field);
    // Browsers send an empty file input as filename=""; undici's FormData leaves filename out.
    // Either way a part under a file field is a file, never a text field.
    if (part.filename === undefined && !isFileField) {
      const value = await readText(data);
      fields.set(field, [...(fields.get(field) ?? []), value]);
      return null;
    }
    const fileName = unprotect(part.filename ?? "");
    if (!isFileField) {
      await drain(data);
      return null;
    }
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
    return null;
  };

  const filtered = new Request(request.url, {
    method: "POST",
    headers: request.headers,
    body: request.body.pipeThrough(protectDispositionParams(boundary)),
    duplex: "half",
  } as RequestInit);

  try {
    await unstable_parseMultipartFormData(filtered, handler);
  } catch (error) {
    // The caller never learns these keys: take the files back.
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

/** The part's data, with the parser's errors marked as errors of the body. */
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

async function readText(data: AsyncIterable<Uint8Array>): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.length;
    if (size > MAX_TEXT_FIELD_BYTES) {
      throw new Response("Ein Formularfeld ist zu lang.", { status: 413 });
    }
    chunks.push(chunk);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

// Stand-ins for ";" and "=" inside quoted Content-Disposition parameters (private use area).
const SEMI = "\uE03B";
const EQ = "\uE03D";
const SEMI_UTF8_AS_LATIN1 = Buffer.from(SEMI, "utf8").toString("latin1");
const EQ_UTF8_AS_LATIN1 = Buffer.from(EQ, "utf8").toString("latin1");

function unprotect(value: string): string {
  return value.replaceAll(SEMI, ";").replaceAll(EQ, "=");
}

function protectHeaderBlock(block: Buffer): Buffer {
  // latin1 keeps every byte as one char; ";" '"' "=" are ASCII, UTF-8 sequences stay intact.
  const text = block.toString("latin1");
  const out = text
    .split("\r\n")
    .map((line) =>
      /^content-disposition\s*:/i.test(line)
        ? line.replace(
            /"((?:[^"\\]|\\.)*)"/g,
            (_, inner: string) => `"${inner.replaceAll(";", SEMI_UTF8_AS_LATIN1).replaceAll("=", EQ_UTF8_AS_LATIN1)}"`,
          )
        : line,
    )
    .join("\r\n");
  return out === text ? block : Buffer.from(out, "latin1");
}

const HEADER_END = Buffer.from("\r\n\r\n", "latin1");
const MAX_HEADER_BLOCK = 64 * 1024;

/**
 * Passes a multipart body through unchanged except for the part header blocks (after each
 * "--boundary\r\n" up to the blank line), whose Content-Disposition lines get protectHeaderBlock.
 * Holds back at most one delimiter's length of body bytes (or one header block) at a time.
 */
export function protectDispositionParams(boundary: string): TransformStream<Uint8Array, Uint8Array> {
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  let carry: Buffer = Buffer.alloc(0);
  let inHeaders = false;

  /** Whether a delimiter begins in `carry` and goes on in `incoming` (or that cannot be told yet). */
  const delimiterAcross = (incoming: Buffer): boolean => {
    if (incoming.length <= delimiter.length) return true;
    const at = Buffer.concat([carry, incoming.subarray(0, delimiter.length)]).indexOf(delimiter);
    return at >= 0 && at < carry.length;
  };

  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const incoming = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let buf = incoming;
      if (carry.length > 0) {
        if (inHeaders || delimiterAcross(incoming)) {
          // A header block or a delimiter cut by the chunk's start: rare (once per part at most).
          buf = Buffer.concat([carry, incoming]);
        } else {
          // The bytes held back start no delimiter: passed on, and the chunk is read as it is
          // (no copy of every chunk).
          controller.enqueue(carry);
        }
      }
      carry = Buffer.alloc(0);
      const emit = (from: number, to: number) => {
        if (to > from) controller.enqueue(buf.subarray(from, to));
      };
      let pos = 0;
      for (;;) {
        if (inHeaders) {
          const end = buf.indexOf(HEADER_END, pos);
          if (end < 0) {
            if (buf.length - pos > MAX_HEADER_BLOCK) throw new Error("multipart part headers too long");
            carry = Buffer.from(buf.subarray(pos));
            return;
          }
          controller.enqueue(protectHeaderBlock(buf.subarray(pos, end)));
          pos = end; // the blank line goes out with the body
          inHeaders = false;
          continue;
        }
        const at = buf.indexOf(delimiter, pos);
        if (at < 0) {
          const keep = Math.min(buf.length - pos, delimiter.length + 1);
          emit(pos, buf.length - keep);
          carry = Buffer.from(buf.subarray(buf.length - keep));
          return;
        }
        const after = at + delimiter.length;
        if (after + 2 > buf.length) {
          emit(pos, at);
          carry = Buffer.from(buf.subarray(at));
          return;
        }
        emit(pos, after);
        pos = after;
        inHeaders = buf[after] === 0x0d && buf[after + 1] === 0x0a; // else "--" (end) or noise
      }
    },
    flush(controller) {
      if (carry.length > 0) controller.enqueue(carry);
    },
  });
}
