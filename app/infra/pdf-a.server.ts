// What makes the portal's PDFs PDF/A-2b (ISO 19005-2, level B) besides their embedded fonts:
// XMP metadata that identifies the part and conformance and repeats the document information
// dictionary (title, author, subject, creator, producer, dates) and names the language; an
// output intent GTS_PDFA1 with the sRGB profile, since every colour is DeviceRGB; and a file
// identifier in the trailer. pdf-lib writes PDF 1.7 with a binary comment after the header,
// no encryption and no transparency (no colour is drawn with opacity), as PDF/A-2 asks.
// docs/decisions/0038-pdf-a-and-tagged-pdfs.md.
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import type { PDFDocument } from "pdf-lib";
import type { PdfLibModule } from "./pdf-tags.server";

/** The profile's name, as the output intent states it. */
export const SRGB = "sRGB IEC61966-2.1";
const ICC_FILE = "app/infra/icc/sRGB.icc"; // Debian's icc-profiles-free, zlib licence (./icc/README.md)

export type ArchiveMetadata = {
  title: string;
  author: string;
  subject: string;
  creator: string;
  /** BCP 47, as in the catalog's /Lang. */
  language: string;
  createdAt: Date;
};

/** Adds the XMP metadata, the sRGB output intent and a file identifier. */
export async function makePdfA(lib: PdfLibModule, doc: PDFDocument, meta: ArchiveMetadata): Promise<void> {
  const { PDFName, PDFHexString, PDFString } = lib;
  const context = doc.context;
  const xmp = new TextEncoder().encode(xmpPacket({ ...meta, producer: doc.getProducer() ?? "" }));
  // PDF/A: the metadata stream is not filtered, so that it can be read without the PDF's tools.
  const metadata = context.stream(xmp, { Type: "Metadata", Subtype: "XML" });
  doc.catalog.set(PDFName.of("Metadata"), context.register(metadata));

  const icc = await iccProfile();
  const profile = context.stream(icc, { N: 3, Filter: "FlateDecode" });
  const intent = context.obj({
    Type: "OutputIntent",
    S: "GTS_PDFA1",
    OutputConditionIdentifier: PDFString.of(SRGB),
    Info: PDFString.of(SRGB),
    DestOutputProfile: context.register(profile),
  });
  doc.catalog.set(PDFName.of("OutputIntents"), context.obj([intent]));

  // A new document: both parts of the identifier are the same (ISO 32000-1 § 14.4).
  const id = PDFHexString.of(randomBytes(16).toString("hex"));
  context.trailerInfo.ID = context.obj([id, id]);
}

/** The XMP packet (ISO 16684-1) with the PDF/A identification and the document's information. */
export function xmpPacket(meta: ArchiveMetadata & { producer: string }): string {
  const date = xmpDate(meta.createdAt);
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${xml(meta.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>${xml(meta.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>${date}</xmp:CreateDate>
   <xmp:ModifyDate>${date}</xmp:ModifyDate>
   <xmp:MetadataDate>${date}</xmp:MetadataDate>
   <pdf:Producer>${xml(meta.producer)}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** To the second in UTC, as pdf-lib writes the information dictionary's dates (D:YYYYMMDDHHmmSSZ). */
function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

let compressedProfile: Promise<Uint8Array> | null = null;

/** The sRGB profile, deflated once per process. */
function iccProfile(): Promise<Uint8Array> {
  compressedProfile ??= readIccFile().then(
    (bytes) => new Uint8Array(deflateSync(bytes)),
    (error: unknown) => {
      compressedProfile = null; // let the next document try again
      throw error;
    },
  );
  return compressedProfile;
}

/** From the project root (server and tests run there), else beside this module's source. */
async function readIccFile(): Promise<Uint8Array> {
  try {
    return await readFile(path.join(process.cwd(), ICC_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    return readFile(fileURLToPath(new URL("./icc/sRGB.icc", import.meta.url)));
  }
}
