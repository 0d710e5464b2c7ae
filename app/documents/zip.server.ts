// A ZIP archive written as it is read (fflate's streaming Zip): the consumer pulls bytes,
// and only then is the next piece of the next file read. The archive never holds more than
// one piece of one file, whatever the files add up to (a case file with a hundred bids of
// 5 MB each). Each file's SHA-256 and size are taken from its bytes as they pass, for the
// manifest that describes the archive (docs/decisions/0037-case-file-export.md).
import { createHash } from "node:crypto";
import { Zip, ZipDeflate, ZipPassThrough, type ZipInputFile } from "fflate";

export type ZipEntry = {
  /** The path inside the archive, with "/" between folders. */
  path: string;
  source: Uint8Array | AsyncIterable<Uint8Array>;
  /** Deflate it (text: JSON, CSV); PDFs and office files are compressed already and are stored. */
  compress?: boolean;
};

export type WrittenEntry = { path: string; sizeBytes: number; sha256: string };

/**
 * The archive of `entries`, as bytes to pull. Every entry written is appended to `written`
 * before the next entry is asked for, so that a generator of entries can describe what it
 * wrote so far in a last entry (the manifest). `mtime`: the time every entry carries.
 */
export async function* zipStream(entries: AsyncIterable<ZipEntry>, written: WrittenEntry[], mtime: Date): AsyncGenerator<Uint8Array> {
  let out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  const take = () => {
    if (failure) throw failure;
    const pieces = out;
    out = [];
    return pieces;
  };
  for await (const entry of entries) {
    const file: ZipInputFile & { push(chunk: Uint8Array, final?: boolean): void } = entry.compress
      ? new ZipDeflate(entry.path, { level: 6 })
      : new ZipPassThrough(entry.path);
    file.mtime = mtime;
    zip.add(file);
    const hash = createHash("sha256");
    let sizeBytes = 0;
    const chunks = entry.source instanceof Uint8Array ? [entry.source] : entry.source;
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      hash.update(chunk);
      sizeBytes += chunk.length;
      file.push(chunk);
      yield* take();
    }
    file.push(new Uint8Array(0), true);
    yield* take();
    written.push({ path: entry.path, sizeBytes, sha256: hash.digest("hex") });
  }
  zip.end();
  yield* take();
}
