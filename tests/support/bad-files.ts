// Files an attacker (or an unlucky carrier) might upload, for the upload checks and the
// bad-input sweep: executables renamed to .pdf, a DOCX whose document inflates far beyond
// its size (zip bomb), a PDF that runs JavaScript when opened.
import { createDeflateRaw, crc32 as zlibCrc32 } from "node:zlib";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { DOCX_CONTENT_TYPES, storedEntry, zipArchive, type Bytes } from "./sample-files";

/** The start of a Linux ELF executable (64-bit, little-endian). */
export function makeElf(): Bytes {
  const buf = Buffer.alloc(512);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]).copy(buf, 0);
  buf.writeUInt16LE(2, 16); // ET_EXEC
  buf.writeUInt16LE(0x3e, 18); // x86-64
  return new Uint8Array(buf);
}

/** `size` zero bytes, deflated (raw) while streaming, so the test never holds them. */
async function deflatedZeros(size: number): Promise<{ data: Buffer; crc: number }> {
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflater.on("end", resolve));
  const chunk = Buffer.alloc(4 * 1024 * 1024);
  let crc = 0;
  for (let written = 0; written < size; written += chunk.length) {
    const part = chunk.subarray(0, Math.min(chunk.length, size - written));
    if (!deflater.write(part)) await new Promise((resolve) => deflater.once("drain", resolve));
    crc = zlibCrc32(part, crc);
  }
  deflater.end();
  await done;
  return { data: Buffer.concat(out), crc };
}

/**
 * A DOCX (detected as one by its bytes) whose word/document.xml inflates to `inflated`
 * bytes (default 200 MiB) from a few hundred KB: a zip bomb. The declared size can lie.
 */
export async function makeZipBombDocx(opts: { inflated?: number; declared?: number } = {}): Promise<Bytes> {
  const inflated = opts.inflated ?? 200 * 1024 * 1024;
  const { data, crc } = await deflatedZeros(inflated);
  return zipArchive([
    storedEntry("[Content_Types].xml", DOCX_CONTENT_TYPES),
    storedEntry("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`),
    { name: "word/document.xml", method: 8, data, crc, size: opts.declared ?? inflated },
  ]);
}

/** A PDF that runs JavaScript when opened (an OpenAction), saved with object streams. */
export async function makePdfWithJavaScript(): Promise<Bytes> {
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]);
  const action = doc.context.obj({ Type: "Action", S: "JavaScript", JS: PDFString.of("app.alert('Hallo')") });
  doc.catalog.set(PDFName.of("OpenAction"), doc.context.register(action));
  return new Uint8Array(await doc.save({ useObjectStreams: true }));
}
