import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makePdfWithJavaScript, makeZipBombDocx } from "../../tests/support/bad-files";
import { tempDir } from "../../tests/support/temp-db";
import {
  MEDIA,
  chunked,
  makeDocx,
  makeExe,
  makeJpeg,
  makeOdt,
  makePdf,
  makePng,
  makeText,
  sha256,
} from "../../tests/support/sample-files";
import { randomBytes } from "node:crypto";
import { openFileStream, sealedFileSize } from "./sealing.server";
import { localStorage, UploadRejected, type FileStorage } from "./storage.server";

const MB = 1024 * 1024;

/** Every regular file below dir (temp files included), relative. */
function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(dir, p)).isFile());
}

async function readAll(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function rejection(promise: Promise<unknown>): Promise<UploadRejected> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UploadRejected);
  return error as UploadRejected;
}

async function decrypted(sealed: Buffer, key: Buffer, callId: string): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of openFileStream([sealed], key, callId)) out.push(c);
  return Buffer.concat(out);
}

describe("sealed saving (bid files)", () => {
  let dir: string;
  let cleanup: () => void;
  let storage: FileStorage;
  const seal = { callId: "call-1", key: randomBytes(32) };

  beforeEach(() => {
    ({ dir, cleanup } = tempDir("portal-sealed-"));
    storage = localStorage(path.join(dir, "files"));
  });
  afterEach(() => cleanup());

  it("writes only ciphertext, with the plaintext's hash, size and type detected through decryption", async () => {
    for (const [bytes, mediaType] of [
      [makeDocx("Versiegelter Text DOCX"), MEDIA.docx],
      [makeOdt("Versiegelter Text ODT"), MEDIA.odt],
      [await makePdf(), MEDIA.pdf],
      [makePng(), MEDIA.png],
    ] as const) {
      const saved = await storage.save(chunked(bytes, 700).source, { fileName: "a", maxBytes: MB, seal });
      expect(saved).toMatchObject({ sizeBytes: bytes.length, sha256: sha256(bytes), mediaType, sealedCallId: "call-1" });
      const stored = await readAll(storage, saved.storageKey);
      expect(stored.length).toBe(sealedFileSize(bytes.length));
      expect(stored.includes(Buffer.from("Versiegelter Text"))).toBe(false);
      expect((await decrypted(stored, seal.key, "call-1")).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it("refuses a renamed program or a text file as before and keeps nothing", async () => {
    const exe = await rejection(storage.save(chunked(makeExe()).source, { fileName: "bericht.pdf", maxBytes: MB, seal }));
    expect(exe.refusal.params?.found).toEqual({ message: "upload.detected.windowsProgram" });
    const text = await rejection(storage.save(chunked(makeText()).source, { fileName: "brief.pdf", maxBytes: MB, seal }));
    expect(text.refusal.params?.found).toEqual({ message: "upload.detected.text" });
    expect(filesBelow(dir)).toEqual([]);
  });

  it("checks the decrypted content: refuses a zip bomb in a DOCX and a PDF with JavaScript, keeps nothing", async () => {
    const bomb = await rejection(storage.save(chunked(await makeZipBombDocx()).source, { fileName: "konzept.docx", maxBytes: MB, seal }));
    expect(bomb.reason).toBe("active-content");
    const script = await rejection(storage.save(chunked(await makePdfWithJavaScript()).source, { fileName: "konzept.pdf", maxBytes: MB, seal }));
    expect(script.reason).toBe("active-content");
    expect(filesBelow(dir)).toEqual([]);
  });
});

describe("local file storage", () => {
  let dir: string;
  let cleanup: () => void;
  let storage: FileStorage;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir("portal-files-"));
    storage = localStorage(path.join(dir, "files"));
  });
  afterEach(() => cleanup());

  it("checks the type but not the content of a document the portal made itself", async () => {
    // Bytes that read as an active name (as random bytes of a compressed stream now and then do).
    const pdf = Buffer.from(await makePdfWithJavaScript());
    const refused = await rejection(storage.save(chunked(pdf).source, { fileName: "protokoll.pdf", maxBytes: MB }));
    expect(refused.reason).toBe("active-content");
    const kept = await storage.save(chunked(pdf).source, { fileName: "protokoll.pdf", maxBytes: MB, madeByPortal: true });
    expect(kept.mediaType).toBe(MEDIA.pdf);
    const text = await rejection(storage.save(chunked(Buffer.from("kein PDF")).source, { fileName: "protokoll.pdf", maxBytes: MB, madeByPortal: true }));
    expect(text.reason).toBe("type-not-allowed");
  });

  it("stores a PDF under a random key with its hash, size and type, and reads it back", async () => {
    const pdf = await makePdf();
    const saved = await storage.save(chunked(pdf, 1000).source, { fileName: "konzept.pdf", maxBytes: 20 * MB });

    expect(saved).toEqual({
      backend: "local",
      storageKey: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      mediaType: MEDIA.pdf,
    });
    expect(saved.storageKey).not.toContain("konzept");
    expect(filesBelow(path.join(dir, "files"))).toEqual([path.join(saved.storageKey.slice(0, 2), saved.storageKey)]);
    expect((await readAll(storage, saved.storageKey)).equals(Buffer.from(pdf))).toBe(true);

    const other = await storage.save(chunked(pdf).source, { fileName: "konzept.pdf", maxBytes: 20 * MB });
    expect(other.storageKey).not.toBe(saved.storageKey);
  });

  it("accepts DOCX and ODT by their zip contents, PNG and JPEG by their headers", async () => {
    const cases: Array<[string, Uint8Array, string]> = [
      ["antrag.docx", makeDocx(), MEDIA.docx],
      ["antrag.odt", makeOdt(), MEDIA.odt],
      ["foto.png", makePng(), MEDIA.png],
      ["foto.jpg", makeJpeg(), MEDIA.jpeg],
      // the name does not matter, the bytes do
      ["scan.pdf", makePng(), MEDIA.png],
    ];
    for (const [fileName, bytes, mediaType] of cases) {
      const saved = await storage.save(chunked(bytes, 100).source, { fileName, maxBytes: MB });
      expect(saved.mediaType, fileName).toBe(mediaType);
      expect(saved.sha256).toBe(sha256(bytes));
      expect((await readAll(storage, saved.storageKey)).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  it("refuses a Windows program named .pdf, naming the file and what it is", async () => {
    const error = await rejection(storage.save(chunked(makeExe()).source, { fileName: "bericht.pdf", maxBytes: MB }));
    expect(error.reason).toBe("type-not-allowed");
    expect(error.fileName).toBe("bericht.pdf");
    expect(error.refusal).toEqual({
      key: "upload.refused.type",
      params: { name: "bericht.pdf", types: { fileTypes: ["PDF", "ODT", "DOCX", "JPEG", "PNG"] }, found: { message: "upload.detected.windowsProgram" } },
    });
    expect(filesBelow(dir)).toEqual([]);
  });

  it("refuses a text file named .pdf and anything undetectable", async () => {
    const textError = await rejection(storage.save(chunked(makeText()).source, { fileName: "brief.pdf", maxBytes: MB }));
    expect(textError.reason).toBe("type-not-allowed");
    expect(textError.refusal.params?.found).toEqual({ message: "upload.detected.text" });

    const noise = new Uint8Array(300).map((_, i) => (i * 7 + 1) % 256 || 1);
    noise[0] = 0x01;
    noise[1] = 0x00;
    const noiseError = await rejection(storage.save(chunked(noise).source, { fileName: "x.pdf", maxBytes: MB }));
    expect(noiseError.reason).toBe("type-not-allowed");
    expect(noiseError.refusal.params?.found).toEqual({ message: "upload.detected.unknown" });
    expect(filesBelow(dir)).toEqual([]);
  });

  it("honours a narrower list of allowed types", async () => {
    const error = await rejection(
      storage.save(chunked(makePng()).source, {
        fileName: "foto.png",
        maxBytes: MB,
        allowed: [{ mime: MEDIA.pdf, label: "PDF" }],
      }),
    );
    expect(error.refusal.params).toEqual({ name: "foto.png", types: { fileTypes: ["PDF"] }, found: { message: "upload.detected.other", params: { ext: "PNG" } } });
  });

  it("refuses a file one byte over the limit without pulling the rest or keeping anything", async () => {
    const pdf = await makePdf();
    const maxBytes = pdf.length - 1;
    const { source, stats } = chunked(pdf, 100);
    const error = await rejection(storage.save(source, { fileName: "gross.pdf", maxBytes }));
    expect(error.reason).toBe("too-large");
    expect(error.refusal).toEqual({ key: "upload.refused.tooLarge", params: { name: "gross.pdf", limit: { bytes: maxBytes } } });
    expect(stats.pulledBytes).toBeLessThanOrEqual(maxBytes + 100);
    expect(filesBelow(dir)).toEqual([]);

    // exactly at the limit is fine
    const ok = await storage.save(chunked(pdf, 100).source, { fileName: "passt.pdf", maxBytes: pdf.length });
    expect(ok.sizeBytes).toBe(pdf.length);
  });

  it("stops pulling a large source soon after the limit", async () => {
    const big = new Uint8Array(50 * MB);
    big.set(await makePdf());
    const { source, stats } = chunked(big, 64 * 1024);
    const error = await rejection(storage.save(source, { fileName: "gross.pdf", maxBytes: 20 * MB }));
    expect(error.refusal).toEqual({ key: "upload.refused.tooLarge", params: { name: "gross.pdf", limit: { bytes: 20 * MB } } });
    expect(stats.pulledBytes).toBeLessThanOrEqual(20 * MB + 64 * 1024);
    expect(stats.finished).toBe(false);
    expect(filesBelow(dir)).toEqual([]);
  });

  it("refuses an empty file", async () => {
    const error = await rejection(storage.save(chunked(new Uint8Array()).source, { fileName: "leer.pdf", maxBytes: MB }));
    expect(error.reason).toBe("empty");
    expect(error.refusal).toEqual({ key: "upload.refused.empty", params: { name: "leer.pdf" } });
    expect(filesBelow(dir)).toEqual([]);
  });

  it("hashes a multi-megabyte file chunk by chunk", async () => {
    const pdf = await makePdf();
    const big = new Uint8Array(5 * MB);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 11)) & 0xff;
    big.set(pdf); // a PDF header: the type is decided from the first bytes
    const { source, stats } = chunked(big, 64 * 1024);
    const saved = await storage.save(source, { fileName: "gross.pdf", maxBytes: 20 * MB });
    expect(stats.pulledChunks).toBe(80);
    expect(saved.sizeBytes).toBe(5 * MB);
    expect(saved.sha256).toBe(sha256(big));
    expect(saved.mediaType).toBe(MEDIA.pdf);
    expect((await readAll(storage, saved.storageKey)).equals(Buffer.from(big))).toBe(true);
  });

  it("passes errors of the source through and keeps nothing", async () => {
    const failing: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        yield (await makePdf()).subarray(0, 100);
        throw new Error("connection reset");
      },
    };
    await expect(storage.save(failing, { fileName: "a.pdf", maxBytes: MB })).rejects.toThrow("connection reset");
    expect(filesBelow(dir)).toEqual([]);
  });

  it("removes files and refuses keys that are not its own", async () => {
    const saved = await storage.save(chunked(makePng()).source, { fileName: "a.png", maxBytes: MB });
    await storage.remove(saved.storageKey);
    expect(filesBelow(dir)).toEqual([]);
    await expect(storage.read(saved.storageKey)).rejects.toMatchObject({ code: "ENOENT" });
    await storage.remove(saved.storageKey); // idempotent
    await expect(storage.read("../../etc/passwd")).rejects.toThrow("Ungültiger Speicherschlüssel");
    await expect(storage.remove("../portal.sqlite")).rejects.toThrow("Ungültiger Speicherschlüssel");
  });
});

