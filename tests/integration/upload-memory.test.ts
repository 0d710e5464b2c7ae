// The memory an upload holds does not grow with the file (issue 15, decision 6; decision
// 0032): a file far larger than any chunk goes through parseUploadForm (multipart parser,
// hashing, sealing, type and content checks) while the live memory of the process is
// sampled after full garbage collections. Not a timing test: it measures bytes.
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { Readable } from "node:stream";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localStorage, type FileStorage } from "../../app/infra/storage.server";
import { parseUploadForm } from "../../app/infra/uploads.server";
import { tempDir } from "../support/temp-db";

v8.setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
const BOUNDARY = "----portal-memory-test-7MA4YWxkTrZu0gW";

/** Bytes of live buffers (where file data lives) after a full collection. */
function live(): number {
  // The second collection waits for the first one's freeing of buffers (done concurrently).
  gc();
  gc();
  const m = process.memoryUsage();
  return m.arrayBuffers;
}

/**
 * A multipart body with one PDF of `fileBytes` under "declarations", produced 64 KiB at a
 * time (never held whole); `sample` runs before every 4 MiB are handed over.
 */
function pdfUpload(fileBytes: number, sample: () => void): Request {
  // One block of stream data, repeated: no "/" (no PDF names), so no active content.
  const block = Buffer.concat(Array.from({ length: CHUNK / 32 }, (_, i) => createHash("sha256").update(`block ${i}`).digest())).map((b) =>
    b === 0x2f ? 0x20 : b,
  );
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="declarations"; filename="Erklaerungen.pdf"\r\nContent-Type: application/pdf\r\n\r\n` +
      `%PDF-1.7\n1 0 obj << /Length ${fileBytes} >>\nstream\n`,
    "latin1",
  );
  const tail = Buffer.from(`\nendstream\nendobj\ntrailer << >>\n%%EOF\n\r\n--${BOUNDARY}--\r\n`, "latin1");
  const dataBytes = fileBytes - (head.length - head.indexOf("%PDF")) - tail.indexOf("\r\n--");
  let sent = -1;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent < 0) {
        controller.enqueue(head);
        sent = 0;
        return;
      }
      if (sent >= dataBytes) {
        controller.enqueue(tail);
        controller.close();
        return;
      }
      if (sent % (4 * MiB) === 0) sample();
      const n = Math.min(CHUNK, dataBytes - sent);
      // A fresh buffer per chunk, as a socket delivers them.
      controller.enqueue(Buffer.from(block.subarray(0, n)));
      sent += n;
    },
  });
  return new Request("http://portal.test/traeger/bewerbungen/a/unterlagen", {
    method: "POST",
    headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
}

/** The highest live memory above the start seen while `run` goes on (sampled every 4 MiB of the body and every 50 ms). */
async function peakGrowth(run: (sample: () => void) => Promise<unknown>): Promise<number> {
  const start = live();
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, live() - start);
  };
  const timer = setInterval(sample, 50);
  try {
    await run(sample);
  } finally {
    clearInterval(timer);
  }
  sample();
  return peak;
}

describe("memory of an upload", () => {
  let dir: string;
  let cleanup: () => void;
  let storage: FileStorage;
  const seal = { callId: "call-memory", key: randomBytes(32) };

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir("portal-upload-memory-"));
    storage = localStorage(path.join(dir, "files"));
    // Every module and code path loaded once before measuring.
    await parseUploadForm(pdfUpload(1 * MiB, () => {}), { fileFields: ["declarations"], maxBytesPerFile: 2 * MiB, storage, seal });
  });
  afterEach(() => cleanup());

  it("holds a bounded number of bytes while a 64 MiB sealed PDF streams through parsing, checks and storage", async () => {
    const fileBytes = 64 * MiB;
    let uploads: Awaited<ReturnType<typeof parseUploadForm>>["uploads"] = [];
    const growth = await peakGrowth(async (sample) => {
      ({ uploads } = await parseUploadForm(pdfUpload(fileBytes, sample), {
        fileFields: ["declarations"],
        maxBytesPerFile: 100 * MiB,
        storage,
        seal,
      }));
    });
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ ok: true, file: { sizeBytes: fileBytes, mediaType: "application/pdf" } });
    // A few chunks in flight, the inflater's window, the parser's state: far below the file.
    console.log("GROWTH", growth);
    expect(growth).toBeLessThan(4 * MiB);
  });

  it("sees the file in memory when a storage keeps it whole (the measure can fail)", async () => {
    const fileBytes = 16 * MiB;
    const keeping: FileStorage = {
      ...storage,
      async save(source, opts) {
        const chunks: Uint8Array[] = [];
        for await (const chunk of source) chunks.push(chunk);
        return storage.save(Readable.from(chunks), opts);
      },
    };
    const growth = await peakGrowth(async (sample) => {
      await parseUploadForm(pdfUpload(fileBytes, sample), { fileFields: ["declarations"], maxBytesPerFile: 100 * MiB, storage: keeping, seal });
    });
    expect(growth).toBeGreaterThan(fileBytes);
  });
});
