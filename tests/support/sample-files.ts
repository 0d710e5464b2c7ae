// Small, real files of each kind for upload tests: PDF (pdf-lib), DOCX and ODT (a tiny
// stored-zip writer), PNG, JPEG, a Windows executable, plain text.
import { createHash, randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";

export const MEDIA = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  odt: "application/vnd.oasis.opendocument.text",
  png: "image/png",
  jpeg: "image/jpeg",
} as const;

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export type Bytes = Uint8Array<ArrayBuffer>;

/** A one-page PDF saying `text`; `unique` adds the text as title and a random line, so that no two are alike. */
export async function makePdf(text = "Interessenbekundung – Konzept", opts: { unique?: boolean } = {}): Promise<Bytes> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text.replace("–", "-"), { x: 50, y: 780, size: 14, font });
  if (opts.unique) {
    doc.setTitle(text);
    doc.setCreationDate(new Date());
    page.drawText(`Erstellt fuer den Test ${randomBytes(8).toString("hex")}`, { x: 50, y: 750, size: 10, font });
  }
  return new Uint8Array(await doc.save());
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** An entry of a zip: `data` as stored (deflated when method 8), `size` and `crc` of the content. */
export type ZipEntry = { name: string; method: 0 | 8; data: Buffer; crc: number; size: number };

/** The fields the local header and the central directory share, written from `at`. */
function writeEntryFields(header: Buffer, at: number, entry: ZipEntry, nameLength: number) {
  header.writeUInt16LE(20, at); // version needed
  header.writeUInt16LE(0, at + 2); // flags
  header.writeUInt16LE(entry.method, at + 4);
  header.writeUInt16LE(0, at + 6); // time
  header.writeUInt16LE(0x21, at + 8); // date 1980-01-01
  header.writeUInt32LE(entry.crc, at + 10);
  header.writeUInt32LE(entry.data.length, at + 14);
  header.writeUInt32LE(entry.size, at + 18);
  header.writeUInt16LE(nameLength, at + 22);
}

/** A zip archive of `entries`, in the given order; what the sizes and checksums claim is the caller's. */
export function zipArchive(entries: ZipEntry[]): Bytes {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, entry, name.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by
    writeEntryFields(central, 6, entry, name.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/** An uncompressed ("stored") zip entry. */
export function storedEntry(name: string, content: string | Uint8Array): ZipEntry {
  const data = typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content);
  return { name, method: 0, data, crc: crc32(data), size: data.length };
}

/** A zip archive with uncompressed ("stored") entries, in the given order. */
export function storedZip(entries: Array<[name: string, content: string | Uint8Array]>): Bytes {
  return zipArchive(entries.map(([name, content]) => storedEntry(name, content)));
}

/** [Content_Types].xml of a minimal DOCX. */
export const DOCX_CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>`;

export function makeDocx(text = "Konzept zur sozialen Betreuung"): Bytes {
  return storedZip([
    ["[Content_Types].xml", DOCX_CONTENT_TYPES],
    [
      "_rels/.rels",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>`,
    ],
    [
      "word/document.xml",
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
    ],
  ]);
}

export function makeOdt(text = "Konzept"): Bytes {
  return storedZip([
    ["mimetype", MEDIA.odt],
    [
      "META-INF/manifest.xml",
      `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="${MEDIA.odt}"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`,
    ],
    [
      "content.xml",
      `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text><text:p>${text}</text:p></office:text></office:body></office:document-content>`,
    ],
  ]);
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([len, typeAndData, crc]);
}

/** A valid 1×1 grey PNG. */
export function makePng(): Bytes {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(1, 0); // width
  ihdr.writeUInt32BE(1, 4); // height
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.from([0, 0x80]); // filter byte + one pixel
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      pngChunk("IHDR", ihdr),
      pngChunk("IDAT", deflateSync(raw)),
      pngChunk("IEND", new Uint8Array()),
    ]),
  );
}

/** A minimal JPEG: SOI, JFIF APP0 header, EOI. */
export function makeJpeg(): Bytes {
  return new Uint8Array([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
    0x00, 0x00, 0xff, 0xd9,
  ]);
}

/** The start of a Windows PE executable: DOS header "MZ", e_lfanew → "PE\0\0" + COFF header. */
export function makeExe(): Bytes {
  const buf = Buffer.alloc(512);
  buf.write("MZ", 0, "latin1");
  buf.write("This program cannot be run in DOS mode.", 0x4e, "latin1");
  buf.writeUInt32LE(0x80, 0x3c); // e_lfanew
  buf.write("PE\0\0", 0x80, "latin1");
  buf.writeUInt16LE(0x14c, 0x84); // machine: i386
  buf.writeUInt16LE(1, 0x86); // number of sections
  return new Uint8Array(buf);
}

export function makeText(): Bytes {
  return new TextEncoder().encode("Sehr geehrte Damen und Herren,\nanbei unser Konzept.\n");
}

/** Delivers `bytes` in chunks of `chunkSize`, counting what was pulled. */
export function chunked(bytes: Uint8Array, chunkSize = 64 * 1024) {
  const stats = { pulledBytes: 0, pulledChunks: 0, finished: false };
  const source: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      for (let i = 0; i < bytes.length; i += chunkSize) {
        const chunk = bytes.subarray(i, Math.min(i + chunkSize, bytes.length));
        stats.pulledBytes += chunk.length;
        stats.pulledChunks += 1;
        yield chunk;
      }
      stats.finished = true;
    },
  };
  return { source, stats };
}
