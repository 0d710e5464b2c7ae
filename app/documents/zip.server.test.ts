import { createHash } from "node:crypto";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { zipStream, type WrittenEntry, type ZipEntry } from "./zip.server";

const MTIME = new Date("2026-12-06T12:00:00Z");
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

describe("zipStream", () => {
  it("writes stored and deflated files that unzip to the same bytes, with each file's size and SHA-256 and its UTF-8 name", async () => {
    const pdf = new Uint8Array(70_000).map((_, i) => (i * 7919) % 251);
    const csv = new TextEncoder().encode("Träger;VZÄ\r\nBrücken bauen;1,50\r\n".repeat(200));
    async function* pieces() {
      yield pdf.subarray(0, 30_000);
      yield pdf.subarray(30_000);
    }
    const written: WrittenEntry[] = [];
    const entries = async function* (): AsyncGenerator<ZipEntry> {
      yield { path: "angebote/EB-1/dateien/01-Konzept Brücke.pdf", source: pieces() };
      yield { path: "bewertung/bewertungen.csv", source: csv, compress: true };
    };
    const zip = await collect(zipStream(entries(), written, MTIME));
    const files = unzipSync(zip);
    expect(Object.keys(files)).toEqual(["angebote/EB-1/dateien/01-Konzept Brücke.pdf", "bewertung/bewertungen.csv"]);
    expect(files["angebote/EB-1/dateien/01-Konzept Brücke.pdf"]).toEqual(pdf);
    expect(files["bewertung/bewertungen.csv"]).toEqual(csv);
    expect(written).toEqual([
      { path: "angebote/EB-1/dateien/01-Konzept Brücke.pdf", sizeBytes: pdf.length, sha256: sha256(pdf) },
      { path: "bewertung/bewertungen.csv", sizeBytes: csv.length, sha256: sha256(csv) },
    ]);
    // The text was deflated: the archive is smaller than what it holds.
    expect(zip.length).toBeLessThan(pdf.length + csv.length);
  });

  it("reads the next piece of a file only when the archive's reader asks for more bytes", async () => {
    let pulled = 0;
    async function* bigFile() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield new Uint8Array(64 * 1024).fill(i);
      }
    }
    const entries = async function* (): AsyncGenerator<ZipEntry> {
      yield { path: "gross.pdf", source: bigFile() };
    };
    const archive = zipStream(entries(), [], MTIME);
    let bytes = 0;
    for await (const chunk of archive) {
      bytes += chunk.length;
      // Never more than the piece being written (and the header before the first) ahead of the reader.
      expect(pulled * 64 * 1024 - bytes).toBeLessThanOrEqual(64 * 1024);
      if (bytes > 10 * 64 * 1024) break;
    }
    expect(pulled).toBeLessThan(15);
  });

  it("lists in `written` every file before it asks for the next entry, so that a last entry can describe the archive", async () => {
    const written: WrittenEntry[] = [];
    const seen: number[] = [];
    const entries = async function* (): AsyncGenerator<ZipEntry> {
      yield { path: "a.txt", source: new TextEncoder().encode("a") };
      seen.push(written.length);
      yield { path: "b.txt", source: new TextEncoder().encode("bb") };
      seen.push(written.length);
      yield { path: "manifest.json", source: new TextEncoder().encode(JSON.stringify(written)), compress: true };
    };
    const files = unzipSync(await collect(zipStream(entries(), written, MTIME)));
    expect(seen).toEqual([1, 2]);
    expect(JSON.parse(new TextDecoder().decode(files["manifest.json"])).map((w: WrittenEntry) => w.path)).toEqual(["a.txt", "b.txt"]);
  });
});
