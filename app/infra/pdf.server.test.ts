// The PDF fonts shape each word once and put lines together from their words' glyphs
// (decision 0031): the glyphs and widths must be those fontkit gives for the whole line with
// all its default features, or lines would break and print differently.
import { readFile } from "node:fs/promises";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { embedFonts } from "./pdf.server";

const LINES = [
  "Fachliches Konzept und Methoden (25 %): Ziele, Methoden, Erreichbarkeit",
  "Straße, Größe, Öffnung: ﬁnanziell, official, affluent, ffi, fl, Tt. Vy, AV, LT",
  "Ğülşen Çelik, Łukasz Wąsowski, Dvořák, Ærø, Œuvre, e\u0301te\u0301 (composed accents)",
  "  leading, double  and trailing spaces  ",
  "EB-2026-ABCDE-FGHJK 5b74f963db2f567a717fcd04e541424f5907eceaac539a5569923296dc764829",
  "„Anführungszeichen“ – Gedankenstrich … 1.234,56 € § 58 Abs. 5 VgV",
];

describe("the PDF fonts", () => {
  it("give every line the glyphs and the width fontkit gives the whole line, though they shape each word once", async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedFonts(doc);
    for (const [name, font] of Object.entries(fonts)) {
      const file = path.join(process.cwd(), "node_modules/@kern-ux/native/dist/fonts/noto-sans", name === "bold" ? "NotoSans-Bold.woff" : "NotoSans-Regular.woff");
      const plain = fontkit.create(await readFile(file));
      const ours = (font as unknown as { embedder: { font: typeof plain } }).embedder.font; // pdf-lib keeps it private
      for (const line of LINES) {
        const expected = plain.layout(line).glyphs;
        // Twice: the second time from the words already known.
        for (let i = 0; i < 2; i++) {
          const glyphs = ours.layout(line).glyphs;
          expect(glyphs.map((g) => g.id), `${name}: ${line}`).toEqual(expected.map((g) => g.id));
          expect(font.widthOfTextAtSize(line, 10)).toBeCloseTo((expected.reduce((w, g) => w + g.advanceWidth, 0) * 10) / plain.unitsPerEm, 9);
        }
      }
    }
  });
});
