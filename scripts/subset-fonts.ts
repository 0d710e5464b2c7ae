// Writes the web fonts the pages load: KERN's Fira Sans in the three weights its CSS uses
// (400 regular, 500 medium, 600 semibold; no italics, the pages set none), cut to the
// characters German text, carriers' names and the portal's signs need, and without the
// OpenType features no style asks for (small caps, old-style figures, aalt; see
// WEB_FONT_FEATURES). KERN ships every weight and style whole (~130 KB each, 1.3 MB for a
// first visit); the subsets are an eighth of that (issue 15, decision 4). Run again only
// when KERN's fonts, the ranges or the features change:
//   npx tsx scripts/subset-fonts.ts
// The output is committed (app/styles/fonts/); app/styles/web-fonts.test.ts checks that it
// covers every character of the message catalogues that the ranges promise.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import subsetFont from "subset-font";
import { WEB_FONT_FACES, WEB_FONT_FEATURES, WEB_FONT_RANGES, codePointsOfRanges } from "../app/styles/web-fonts";

const KERN_FONTS = "node_modules/@kern-ux/native/dist/fonts/fira-sans";
const text = String.fromCodePoint(...codePointsOfRanges(WEB_FONT_RANGES));

for (const face of WEB_FONT_FACES) {
  const source = await readFile(path.join(KERN_FONTS, face.source));
  const subset = await subsetFont(source, text, { targetFormat: "woff2", noHinting: true, keepFeatures: [...WEB_FONT_FEATURES] });
  await writeFile(path.join("app/styles/fonts", face.file), subset);
  console.log(`${face.file}: ${source.length} → ${subset.length} bytes`);
}
