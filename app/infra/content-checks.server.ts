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

/** What the inflated entries of one archive, or the streams of one PDF, may add up to. */
export const MAX_INFLATED_BYTES = 100 * 1024 * 1024;
const MAX_ZIP_ENTRIES = 10_000;

export type ContentProblem = "zip-bomb" | "zip-unsupported" | "pdf-active-content";

const ZIP_TYPES = ["application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.oasis.opendocument.text"];

/** A problem of the stored temp file `file` of type `mediaType`, or null. */
export async function contentProblem(file: string | (() => Promise<Buffer>), mediaType: string): Promise<ContentProblem | null> {
  // A sealed upload is encrypted on disk: the caller then passes a reader of the plaintext.
  const read = typeof file === "string" ? () => fsp.readFile(file) : file;
  if (ZIP_TYPES.includes(mediaType)) return zipProblem(await read());
  if (mediaType === "application/pdf") return pdfProblem(await read());
  return null;
}

/** Inflates `data` and counts the bytes; stops as soon as `budget` is exceeded (returns -1). */
function inflatedSize(data: Uint8Array, budget: number, raw: boolean): Promise<number> {
  return new Promise((resolve) => {
    const inflater = raw ? createInflateRaw() : createInflate();
    let size = 0;
    let done = false;
    const finish = (value: number) => {
      if (done) return;
      done = true;
      inflater.removeAllListeners("data");
      inflater.destroy();
      resolve(value);
    };
    inflater.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > budget) finish(-1);
    });
    inflater.on("end", () => finish(size));
    // A broken stream counts what it gave (a damaged file is not a bomb).
    inflater.on("error", () => finish(size));
    inflater.end(data);
  });
}

export async function zipProblem(zip: Buffer): Promise<ContentProblem | null> {
  // End of central directory: 22 bytes plus a comment of up to 65535 bytes at the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return "zip-unsupported";
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  if (entries === 0xffff || at === 0xffffffff || entries > MAX_ZIP_ENTRIES) return "zip-unsupported";
  let budget = MAX_INFLATED_BYTES;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return "zip-unsupported";
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const uncompressed = zip.readUInt32LE(at + 24);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || local === 0xffffffff) return "zip-unsupported";
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50) return "zip-unsupported";
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, Math.min(zip.length, start + compressed));
    let size: number;
    if (method === 0) size = data.length;
    else if (method === 8) size = await inflatedSize(data, budget, true);
    else return "zip-unsupported";
    if (size < 0 || size > budget) return "zip-bomb";
    budget -= size;
  }
  return null;
}

const ACTIVE_NAMES = new Set(["JavaScript", "JS", "Launch"]);

/** PDF names in `text` (latin1), #xx escapes decoded, that are active content. */
function hasActiveName(text: string): boolean {
  for (const match of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const name = match[1].replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (ACTIVE_NAMES.has(name)) return true;
  }
  return false;
}

export async function pdfProblem(pdf: Buffer): Promise<ContentProblem | null> {
  const text = pdf.toString("latin1");
  if (hasActiveName(text)) return "pdf-active-content";
  let budget = MAX_INFLATED_BYTES;
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const end = text.indexOf("endstream", start);
    if (end < 0) break;
    const data = pdf.subarray(start, end);
    // Flate streams begin with a zlib header (0x78); others (images, fonts) are skipped.
    if (data[0] !== 0x78) continue;
    const size = await inflatedSize(data, budget, false);
    if (size < 0) return "zip-bomb"; // a PDF whose streams inflate beyond the bound
    if (size > 0) {
      const inflated = await inflateText(data, size);
      if (hasActiveName(inflated)) return "pdf-active-content";
    }
    budget -= size;
  }
  return null;
}

function inflateText(data: Uint8Array, size: number): Promise<string> {
  return new Promise((resolve) => {
    const inflater = createInflate();
    const chunks: Buffer[] = [];
    let total = 0;
    inflater.on("data", (chunk: Buffer) => {
      if (total < size) chunks.push(chunk);
      total += chunk.length;
    });
    const finish = () => resolve(Buffer.concat(chunks).toString("latin1"));
    inflater.on("end", finish);
    inflater.on("error", finish);
    inflater.end(data);
  });
}
