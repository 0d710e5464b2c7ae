// The web fonts' faces and the Unicode ranges they are cut to, shared by the script that
// writes them (scripts/subset-fonts.ts) and the test that checks them. fonts.css states the
// same ranges as `unicode-range`, so that a character outside them (an Arabic language
// name, say) is drawn with the next font of the stack instead of a missing glyph.

export const WEB_FONT_FACES = [
  { weight: 400, source: "FiraSans-Regular.woff2", file: "fira-sans-400.woff2" },
  { weight: 500, source: "FiraSans-Medium.woff2", file: "fira-sans-500.woff2" },
  { weight: 600, source: "FiraSans-SemiBold.woff2", file: "fira-sans-600.woff2" },
] as const;

/**
 * Basic Latin and Latin-1 (German, §, ×, ÷, ±), Latin Extended-A (names of carriers and
 * people from neighbouring countries: Ł, ź, ő, č …), Σ and Δ of the arithmetic, general
 * punctuation (dashes, German quotes, …, •, ‰, thin spaces), €, arrows, − ≈ ≠ ≤ ≥.
 */
export const WEB_FONT_RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x100, 0x17f],
  [0x394, 0x394],
  [0x3a3, 0x3a3],
  [0x2000, 0x206f],
  [0x20ac, 0x20ac],
  [0x2122, 0x2122],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
  [0x2248, 0x2248],
  [0x2260, 0x2260],
  [0x2264, 0x2265],
];

/**
 * The OpenType layout features kept in the subsets. Fira Sans has four whose glyphs made up a
 * third of each subset and that no page asks for: `aalt` (every alternate, for design tools),
 * `smcp` and `c2sc` (small capitals) and `onum` (old-style figures). A browser applies them only
 * when CSS says font-variant-caps, font-variant-numeric: oldstyle-nums or font-feature-settings,
 * and no style of the portal does (a test checks). The rest stays: the features a browser
 * applies by default, `tnum` (Chromium sets tabular figures on list markers), and the small
 * ones (`sups`, `case`, …): cutting down to the defaults alone moved ², ≤, − and their like by
 * a pixel in Chromium, which hints these unhinted fonts itself and reads their features to do so.
 * Checked by rendering the public pages and every character of the ranges in three weights
 * with the old and the new subsets: identical pixels (decision 0028).
 */
export const WEB_FONT_FEATURES = [
  // what a browser applies to horizontal text by default (and frac/numr/dnom at a fraction slash)
  "rvrn", "ccmp", "locl", "rlig", "mark", "mkmk", "abvm", "blwm", "ltra", "ltrm", "rand",
  "kern", "liga", "clig", "calt", "rclt", "curs", "dist", "frac", "numr", "dnom",
  // the rest of Fira Sans's features, the four above left out
  "tnum", "pnum", "lnum", "case", "cpsp", "dlig", "mgrk", "ordn", "salt", "ss01", "ss02", "ss03", "subs", "sups", "zero",
] as const;

/** Fira Sans's features that the subsets leave out (see WEB_FONT_FEATURES). */
export const DROPPED_FONT_FEATURES = ["aalt", "smcp", "c2sc", "onum"] as const;

export function codePointsOfRanges(ranges: [number, number][]): number[] {
  return ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** The ranges as CSS `unicode-range` writes them: "U+20-7E, U+A0-FF, …". */
export function unicodeRange(ranges: [number, number][]): string {
  const hex = (n: number) => n.toString(16).toUpperCase();
  return ranges.map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`)).join(", ");
}
