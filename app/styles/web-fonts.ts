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

export function codePointsOfRanges(ranges: [number, number][]): number[] {
  return ranges.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

/** The ranges as CSS `unicode-range` writes them: "U+20-7E, U+A0-FF, …". */
export function unicodeRange(ranges: [number, number][]): string {
  const hex = (n: number) => n.toString(16).toUpperCase();
  return ranges.map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`)).join(", ");
}
