// subset-font ships no types (and @types/subset-font lacks `noHinting`): the call we make.
// keepFeatures: the OpenType layout features to keep (harfbuzz's layout-features); all when absent.
declare module "subset-font" {
  export default function subsetFont(
    font: Buffer,
    text: string,
    options?: { targetFormat?: "sfnt" | "woff" | "woff2"; noHinting?: boolean; keepFeatures?: string[] },
  ): Promise<Buffer>;
}
