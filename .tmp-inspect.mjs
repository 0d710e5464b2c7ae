import { PDFDocument, PDFName, PDFDict, PDFRawStream, decodePDFRawStream } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";
import { readFileSync } from "node:fs";
const doc = await PDFDocument.load(readFileSync(process.argv[2]));
for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
  if (obj instanceof PDFDict && obj.get(PDFName.of("FontFile2"))) {
    const stream = doc.context.lookup(obj.get(PDFName.of("FontFile2")));
    const bytes = decodePDFRawStream(stream).decode();
    const f = fontkit.create(bytes);
    console.log("tables", Object.keys(f.directory.tables), "locfmt", f.head.indexToLocFormat, "glyphs", f.numGlyphs, "bytes", bytes.length);
    console.log("maxp", f.maxp.maxFunctionDefs, f.maxp.maxSizeOfInstructions);
    console.log("loca", Array.from(f.loca.offsets).slice(0, 30));
    for (let g = 0; g < Math.min(f.numGlyphs, 30); g++) { try { const gl = f.getGlyph(g); console.log(g, gl.path.commands.length, gl.advanceWidth); } catch (e) { console.log(g, "ERR", e.message); } }
  }
}
