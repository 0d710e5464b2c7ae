// subset-font ships no types (and @types/subset-font lacks `noHinting`): the call we make.
declare module "subset-font" {
  export default function subsetFont(font: Buffer, text: string, options?: { targetFormat?: "sfnt" | "woff" | "woff2"; noHinting?: boolean }): Promise<Buffer>;
}
