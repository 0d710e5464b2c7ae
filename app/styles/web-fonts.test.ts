import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { describe, expect, it } from "vitest";
import { messageAreas } from "../i18n/catalogue";
import { DROPPED_FONT_FEATURES, WEB_FONT_FACES, WEB_FONT_FEATURES, WEB_FONT_RANGES, codePointsOfRanges, unicodeRange } from "./web-fonts";

const KERN_FONTS = "node_modules/@kern-ux/native/dist/fonts/fira-sans";
type Font = { hasGlyphForCodePoint(cp: number): boolean; numGlyphs: number; availableFeatures: string[] };
const open = (file: string) => fontkit.create(readFileSync(file)) as unknown as Font;

const inRanges = (cp: number) => WEB_FONT_RANGES.some(([from, to]) => cp >= from && cp <= to);
const catalogueText = JSON.stringify(Object.values(messageAreas));

describe("the web fonts", () => {
  const css = readFileSync(path.join("app/styles/fonts.css"), "utf8");
  const faces = [...css.matchAll(/@font-face\s*{([^}]*)}/g)].map((m) => m[1]);

  it("declare one face per subset file, each with the ranges the subsets were cut to", () => {
    expect(faces).toHaveLength(WEB_FONT_FACES.length);
    for (const face of WEB_FONT_FACES) {
      const rule = faces.find((f) => f.includes(`fonts/${face.file}`));
      expect(rule, face.file).toBeDefined();
      expect(rule).toContain(`font-weight: ${face.weight};`);
      expect(rule).toContain(`unicode-range: ${unicodeRange(WEB_FONT_RANGES)};`);
    }
  });

  it("keep every glyph of the ranges that KERN's font has, and are a fraction of its size", () => {
    const promised = codePointsOfRanges(WEB_FONT_RANGES);
    for (const face of WEB_FONT_FACES) {
      const sourceFile = path.join(KERN_FONTS, face.source);
      const subsetFile = path.join("app/styles/fonts", face.file);
      const [source, subset] = [open(sourceFile), open(subsetFile)];
      const missing = promised.filter((cp) => source.hasGlyphForCodePoint(cp) && !subset.hasGlyphForCodePoint(cp));
      expect(missing.map((cp) => cp.toString(16)), face.file).toEqual([]);
      expect(subset.numGlyphs).toBeLessThan(source.numGlyphs / 2);
      expect(readFileSync(subsetFile).length).toBeLessThan(readFileSync(sourceFile).length / 4);
    }
  });

  it("cover every character of the message catalogues that Fira Sans can draw", () => {
    const regular = open(path.join(KERN_FONTS, "FiraSans-Regular.woff2"));
    const outside = [...new Set(catalogueText)].map((ch) => ch.codePointAt(0)!).filter((cp) => cp >= 0x20 && regular.hasGlyphForCodePoint(cp) && !inRanges(cp));
    expect(outside.map((cp) => String.fromCodePoint(cp))).toEqual([]);
  });

  it("leave out small capitals, old-style figures and the alternates list, and keep the features a browser applies", () => {
    for (const face of WEB_FONT_FACES) {
      const source = open(path.join(KERN_FONTS, face.source)).availableFeatures;
      const subset = open(path.join("app/styles/fonts", face.file)).availableFeatures;
      // The test means something only while KERN's font has what it cuts.
      expect(source, face.source).toEqual(expect.arrayContaining([...DROPPED_FONT_FEATURES, "kern", "liga", "calt", "tnum"]));
      expect(subset.filter((f) => (DROPPED_FONT_FEATURES as readonly string[]).includes(f)), face.file).toEqual([]);
      expect(subset, face.file).toEqual(expect.arrayContaining(["kern", "liga", "calt", "tnum", "sups", "case"]));
      expect(subset.filter((f) => !(WEB_FONT_FEATURES as readonly string[]).includes(f)), face.file).toEqual([]);
    }
  });

  it("are not asked for a feature they leave out by any style of the portal", () => {
    // font-variant-caps (small caps), oldstyle-nums, font-variant-alternates and
    // font-feature-settings would need a feature the subsets left out (or one they never had).
    const asks = /small-caps|petite-caps|titling-caps|unicase|oldstyle-nums|font-feature-settings|fontFeatureSettings|font-variant-alternates|fontVariantAlternates|fontVariantCaps/;
    const sources = readdirSync("app", { recursive: true, encoding: "utf8" })
      // web-fonts.ts names these properties in the comment that explains the cut.
      .filter((f) => /\.(css|tsx?)$/.test(f) && !/\.test\.tsx?$/.test(f) && f !== path.join("styles", "web-fonts.ts"))
      .map((f) => path.join("app", f));
    const styles = [...sources, "node_modules/@kern-ux/native/dist/kern.min.css"];
    expect(sources.length).toBeGreaterThan(50);
    expect(styles.filter((f) => asks.test(readFileSync(f, "utf8")))).toEqual([]);
  });
});
