// Checks of an upload's content beyond its type (files are checked by their bytes:
// docs/architecture.md, Files).
// The city opens bid files on its own computers, so two kinds are refused at upload:
//
// - a DOCX or ODT (both ZIP archives) that inflates beyond a bound ("zip bomb"): every entry
//   is really inflated, with one budget for the whole archive, so sizes declared in the
//   archive are not trusted; only the methods Office and LibreOffice write (stored,
//   deflate) are accepted, and no ZIP64 (no office document under the upload limit needs it);
// - a PDF with active content: JavaScript or a launch action (names /JavaScript, /JS,
//   /Launch, also #-escaped), looked for in the file and in its Flate-compressed streams
//   (object streams can hide them). Refusing beats marking: there is nowhere to keep a mark
//   that every reader would see, and a carrier can always print to a plain PDF.
import fsp from "node:fs/promises";
import { createInflateRaw, createInflate } from "node:zlib";
import type { PositionalReader } from "./sealing.server";

/** What the inflated entries of one archive, or the streams of one PDF, may add up to. */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 10_000;

export type ContentProblem = "zip-bomb" | "zip-unsupported" | "pdf-active-content";

const ZIP_TYPES = ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.oasis.opendocument.text"];

// Every check reads the file in pieces of this size and inflates as it reads: the memory a
// check holds does not grow with the file (docs/architecture.md, Files; decision 0032).
const CHUNK_BYTES = 64 * 1024;

/**
 * A problem of the stored temp file `file` (a path, or a reader of its plaintext when the
 * upload is sealed on disk) of type `mediaType`, or null.
 */
export async function contentProblem(file: string | PositionalReader, mediaType: string): Promise<ContentProblem | null> {
  if (!ZIP_TYPES.includes(mediaType) && mediaType !== "application/pdf") return null;
  if (typeof file !== "string") return checkContent(file, mediaType);
  const fh = await fsp.open(file, "r");
  try {
    return await checkContent(await plainFileReader(fh), mediaType);
  } finally {
    await fh.close();
  }
}

function checkContent(file: PositionalReader, mediaType: string): Promise<ContentProblem | null> {
  return ZIP_TYPES.includes(mediaType) ? zipProblemIn(file) : pdfProblemIn(file);
}

/** Positional reads of a plain file. */
export async function plainFileReader(fh: fsp.FileHandle): Promise<PositionalReader> {
  const { size } = await fh.stat();
  return {
    size,
    async read(position, length) {
      const end = Math.min(size, position + length);
      if (position >= end) return Buffer.alloc(0);
      const buf = Buffer.allocUnsafe(end - position);
      const { bytesRead } = await fh.read(buf, 0, buf.length, position);
      return buf.subarray(0, bytesRead);
    },
  };
}

function bufferReader(bytes: Buffer): PositionalReader {
  return { size: bytes.length, read: async (position, length) => bytes.subarray(position, Math.min(bytes.length, position + length)) };
}

/**
 * Inflates what is pushed, counting the output against a budget and handing each piece of
 * output on; holds no more than zlib's window and one piece. Over the budget it stops at once.
 */
class Inflation {
  size = 0;
  over = false;
  private stopped = false;
  private readonly inflater;
  private readonly closed: Promise<void>;

  constructor(budget: number, raw: boolean, onOutput?: (piece: Buffer) => void) {
    this.inflater = raw ? createInflateRaw() : createInflate();
    this.closed = new Promise((resolve) => this.inflater.once("close", () => resolve()));
    this.inflater.on("data", (piece: Buffer) => {
      if (this.stopped) return;
      this.size += piece.length;
      if (this.size > budget) {
        this.over = true;
        this.stop();
        return;
      }
      onOutput?.(piece);
    });
    // A broken stream counts what it gave (a damaged file is not a bomb).
    this.inflater.on("error", () => this.stop());
  }

  stop() {
    this.stopped = true;
    this.inflater.destroy();
  }

  /** Resolves once the piece is inflated (or the inflater has stopped). */
  async push(piece: Uint8Array): Promise<void> {
    if (this.stopped || piece.length === 0) return;
    await Promise.race([new Promise<void>((resolve) => this.inflater.write(piece, () => resolve())), this.closed]);
  }

  /** The inflated size, or -1 when it went over the budget. */
  async end(): Promise<number> {
    if (!this.stopped) this.inflater.end();
    await this.closed;
    return this.over ? -1 : this.size;
  }
}

// ---------------------------------------------------------------------------------------
// ZIP (DOCX, ODT)

/** The ZIP check of bytes in memory (tests, small files). */
export function zipProblem(zip: Buffer): Promise<ContentProblem | null> {
  return zipProblemIn(bufferReader(zip));
}

/** Small reads at increasing positions through one window (the central directory). */
function windowed(file: PositionalReader): (position: number, length: number) => Promise<Buffer> {
  let start = 0;
  let window: Buffer = Buffer.alloc(0);
  return async (position, length) => {
    if (position < start || position + length > start + window.length) {
      window = await file.read(position, Math.max(length, CHUNK_BYTES));
      start = position;
    }
    return window.subarray(position - start, position - start + length);
  };
}

async function zipProblemIn(zip: PositionalReader): Promise<ContentProblem | null> {
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes at the end.
  const tailStart = Math.max(0, zip.size - 22 - 65535);
  const tail = await zip.read(tailStart, zip.size - tailStart);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "zip-unsupported";
  const entries = tail.readUInt16LE(eocd + 10);
  let at = tail.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff || entries > MAX_ZIP_ENTRIES) return "zip-unsupported";
  const central = windowed(zip);
  let budget = MAX_INFLATED_BYTES;
  for (let n = 0; n < entries; n++) {
    const entry = await central(at, 46);
    if (entry.length < 46 || entry.readUInt32LE(0) !== 0x02014b50) return "zip-unsupported";
    const method = entry.readUInt16LE(10);
    const compressed = entry.readUInt32LE(20);
    const uncompressed = entry.readUInt32LE(24);
    const local = entry.readUInt32LE(42);
    at += 46 + entry.readUInt16LE(28) + entry.readUInt16LE(30) + entry.readUInt16LE(32);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || local === 0xffffffff) return "zip-unsupported";
    const header = await zip.read(local, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) return "zip-unsupported";
    const start = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const end = Math.min(zip.size, start + compressed);
    let size: number;
    if (method === 0) size = Math.max(0, end - start);
    else if (method === 8) {
      const inflation = new Inflation(budget, true);
      for (let p = start; p < end && !inflation.over; p += CHUNK_BYTES) {
        await inflation.push(await zip.read(p, Math.min(CHUNK_BYTES, end - p)));
      }
      size = await inflation.end();
    } else return "zip-unsupported";
    if (size < 0 || size > budget) return "zip-bomb";
    budget -= size;
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// PDF

const ACTIVE_NAMES = new Set(["JavaScript", "JS", "Launch"]);
// "/JavaScript" with every letter #-escaped has 31 characters: a longer name is none of them.
const MAX_ACTIVE_NAME_CHARS = 40;
// What ends a PDF name: white space (as JavaScript's \s in latin1) and the delimiters.
const ENDS_NAME = new Uint8Array(256);
for (const c of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, ..."/<>[]()%{}"].map((x) => (typeof x === "number" ? x : x.charCodeAt(0)))) {
  ENDS_NAME[c] = 1;
}

/** The name that starts with the "/" at `at`: active content, not, or cut off by the end of `buf`. */
function nameAt(buf: Buffer, at: number): "active" | "inactive" | "cut" {
  let end = at + 1;
  while (end < buf.length && !ENDS_NAME[buf[end]]) {
    if (end - at > MAX_ACTIVE_NAME_CHARS) return "inactive";
    end++;
  }
  if (end === buf.length) return "cut";
  return isActiveName(buf.toString("latin1", at + 1, end)) ? "active" : "inactive";
}

/** A PDF name (without "/"), #xx escapes decoded, that is active content. */
function isActiveName(raw: string): boolean {
  const name = raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return ACTIVE_NAMES.has(name);
}

/**
 * Active names in bytes that arrive in pieces, found by their "/" (no text copy of a piece):
 * a name cut by a piece's end is held back (at most MAX_ACTIVE_NAME_CHARS bytes).
 */
class ActiveNameScan {
  found = false;
  private held: Buffer | null = null;

  push(piece: Buffer): void {
    if (this.found) return;
    if (this.held) {
      const stitched = Buffer.concat([this.held, piece.subarray(0, MAX_ACTIVE_NAME_CHARS + 1)]);
      this.held = null;
      const name = nameAt(stitched, 0);
      if (name === "active") this.found = true;
      if (name === "cut") this.held = stitched;
      if (name !== "inactive") return;
    }
    // The rest of a held name holds no "/": scanning the piece from its start is right.
    for (let i = piece.indexOf(0x2f); i >= 0; i = piece.indexOf(0x2f, i + 1)) {
      const name = nameAt(piece, i);
      if (name === "active") {
        this.found = true;
        return;
      }
      if (name === "cut") {
        this.held = Buffer.from(piece.subarray(i));
        return;
      }
    }
  }

  /** Whether active content was found; a name held back ends with the bytes. */
  end(): boolean {
    if (this.held && !this.found) this.found = isActiveName(this.held.toString("latin1", 1));
    this.held = null;
    return this.found;
  }
}

/** The PDF check of bytes in memory (tests, small files). */
export function pdfProblem(pdf: Buffer): Promise<ContentProblem | null> {
  return pdfProblemIn(bufferReader(pdf));
}

const STREAM = Buffer.from("stream", "latin1");
const ENDSTREAM = Buffer.from("endstream", "latin1");
// Each read starts this many bytes before the previous one ended, so that a keyword (with
// its line end) cut by a read boundary is whole in the next read.
const OVERLAP = 16;

type OpenStream = { dataStart: number; fed: number; inflation: Inflation | null | undefined; names: ActiveNameScan };

/**
 * Names of active content in the file, and in every Flate stream ("stream" EOL data
 * "endstream" whose data starts with a zlib header, 0x78): object streams can hide them.
 * The streams are inflated as the file is read, all together within MAX_INFLATED_BYTES.
 */
async function pdfProblemIn(pdf: PositionalReader): Promise<ContentProblem | null> {
  const names = new ActiveNameScan();
  let budget = MAX_INFLATED_BYTES;
  let pos = 0; // where the search for the next "stream" goes on
  let open: OpenStream | null = null;
  try {
    for (let at = 0; at < pdf.size; at += CHUNK_BYTES) {
      const from = Math.max(0, at - OVERLAP);
      const end = Math.min(pdf.size, at + CHUNK_BYTES);
      const buf = await pdf.read(from, end - from);
      const last = end === pdf.size;
      names.push(buf.subarray(at - from));
      if (names.found) return "pdf-active-content";
      for (;;) {
        if (!open) {
          const i = buf.indexOf(STREAM, Math.max(0, pos - from));
          if (i < 0) break;
          const eolAt = i + STREAM.length;
          if (eolAt + 2 > buf.length && !last) {
            pos = from + i; // its line end is in the next read
            break;
          }
          const eol = buf[eolAt] === 0x0a ? 1 : buf[eolAt] === 0x0d && buf[eolAt + 1] === 0x0a ? 2 : 0;
          if (!eol) {
            pos = from + i + 1;
            continue;
          }
          const dataStart = from + eolAt + eol;
          open = { dataStart, fed: dataStart, inflation: undefined, names: new ActiveNameScan() };
        }
        const stream: OpenStream = open;
        const j = buf.indexOf(ENDSTREAM, Math.max(0, stream.fed - from));
        // Without "endstream" in this read, the last bytes may be its start: kept for the next.
        const limit = j >= 0 ? from + j : last ? end : end - (ENDSTREAM.length - 1);
        if (stream.inflation === undefined) {
          if (stream.dataStart >= end) break; // its first byte is in the next read
          const flate = (j < 0 || from + j > stream.dataStart) && buf[stream.dataStart - from] === 0x78;
          stream.inflation = flate ? new Inflation(budget, false, (piece) => stream.names.push(piece)) : null;
        }
        if (stream.inflation && limit > stream.fed) {
          await stream.inflation.push(buf.subarray(stream.fed - from, limit - from));
          if (stream.inflation.over) return "zip-bomb"; // a PDF whose streams inflate beyond the bound
          if (stream.names.found) return "pdf-active-content";
        }
        stream.fed = Math.max(stream.fed, limit);
        if (j < 0 && !last) break;
        if (stream.inflation) {
          const size = await stream.inflation.end();
          if (size < 0) return "zip-bomb";
          if (stream.names.end()) return "pdf-active-content";
          budget -= size;
        }
        open = null;
        pos = j >= 0 ? from + j + ENDSTREAM.length : end;
        if (j < 0) break;
      }
    }
    return names.end() ? "pdf-active-content" : null;
  } finally {
    open?.inflation?.stop();
  }
}
