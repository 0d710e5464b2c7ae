// The UploadThing storage adapter against a stand-in UploadThing on loopback.
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "../../app/infra/env.server";
import {
  fileStorage,
  resetFileStorageForTests,
  UploadRejected,
  uploadThingStorage,
  type FileStorage,
} from "../../app/infra/storage.server";
import { randomBytes } from "node:crypto";
import { openFileStream } from "../../app/infra/sealing.server";
import { MEDIA, chunked, makeDocx, makeExe, makePdf, sha256 } from "../support/sample-files";
import { tempDir } from "../support/temp-db";
import { startUploadThingStandIn, type UploadThingStandIn } from "../support/uploadthing-standin";

const MB = 1024 * 1024;

async function readAll(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(dir, p)).isFile());
}

describe("UploadThing storage (stand-in on loopback)", () => {
  let standIn: UploadThingStandIn;
  let dir: string;
  let cleanup: () => void;
  let storage: FileStorage;

  beforeAll(async () => {
    standIn = await startUploadThingStandIn();
  });
  afterAll(async () => {
    await standIn.close();
  });
  beforeEach(() => {
    ({ dir, cleanup } = tempDir("portal-ut-"));
    standIn.files.clear();
    standIn.requests.length = 0;
    storage = uploadThingStorage({ token: standIn.token, tempDir: path.join(dir, "tmp"), ...standIn.sdkOptions });
  });
  afterEach(() => cleanup());

  it("uploads a sealed bid file as opaque ciphertext that decrypts to the verified bytes", async () => {
    const docx = makeDocx("Konzept nur für die Öffnung");
    const seal = { callId: "call-1", key: randomBytes(32) };
    const saved = await storage.save(chunked(docx, 1000).source, { fileName: "Konzept.docx", maxBytes: 20 * MB, seal });
    expect(saved).toMatchObject({ sizeBytes: docx.length, sha256: sha256(docx), mediaType: MEDIA.docx, sealedCallId: "call-1" });
    const stored = standIn.files.get(saved.storageKey)!;
    expect(stored.bytes.includes(Buffer.from("Konzept nur"))).toBe(false);
    expect(stored.type).toBe("application/octet-stream");
    expect(stored.name).toMatch(/^[A-Za-z0-9_-]{22}\.bin$/);
    const plain: Buffer[] = [];
    for await (const c of openFileStream(await storage.read(saved.storageKey), seal.key, seal.callId)) plain.push(c);
    expect(Buffer.concat(plain).equals(Buffer.from(docx))).toBe(true);
    expect(filesBelow(dir)).toEqual([]);
  });

  it("uploads the verified bytes privately, reads them back through a signed URL, and deletes", async () => {
    const pdf = await makePdf();
    const saved = await storage.save(chunked(pdf, 1000).source, { fileName: "Konzept Müller.pdf", maxBytes: 20 * MB });

    expect(saved).toEqual({
      backend: "uploadthing",
      storageKey: expect.any(String),
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      mediaType: MEDIA.pdf,
    });
    expect([...standIn.files.keys()]).toEqual([saved.storageKey]);
    const stored = standIn.files.get(saved.storageKey)!;
    expect(stored.bytes.equals(Buffer.from(pdf))).toBe(true);
    expect(stored.type).toBe(MEDIA.pdf);
    expect(stored.acl).toBe("private");
    expect(stored.contentDisposition).toBe("attachment");
    // The carrier's file name stays with us: UploadThing gets a random one.
    expect(stored.name).toMatch(/^[A-Za-z0-9_-]{22}\.pdf$/);
    expect(standIn.requests).toEqual([{ method: "PUT", path: `/ingest/${saved.storageKey}`, status: 200 }]);
    // the local temp file is gone
    expect(filesBelow(dir)).toEqual([]);

    expect((await readAll(storage, saved.storageKey)).equals(Buffer.from(pdf))).toBe(true);
    expect(standIn.requests.at(-1)).toEqual({
      method: "GET",
      path: `/a/${standIn.appId}/${saved.storageKey}`,
      status: 200,
    });

    await storage.remove(saved.storageKey);
    expect(standIn.files.size).toBe(0);
    expect(standIn.requests.at(-1)).toEqual({ method: "POST", path: "/api/v6/deleteFiles", status: 200 });
    await expect(storage.read(saved.storageKey)).rejects.toThrow("HTTP 404");
  });

  it("never sends a refused file", async () => {
    const error = await storage
      .save(chunked(makeExe()).source, { fileName: "bericht.pdf", maxBytes: MB })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadRejected);
    expect((error as UploadRejected).reason).toBe("type-not-allowed");
    expect((error as UploadRejected).refusal.params?.name).toBe("bericht.pdf");

    const big = await storage.save(chunked(new Uint8Array(2 * MB)).source, { fileName: "gross.pdf", maxBytes: MB }).catch((e: unknown) => e);
    expect((big as UploadRejected).reason).toBe("too-large");

    expect(standIn.requests).toEqual([]);
    expect(standIn.files.size).toBe(0);
    expect(filesBelow(dir)).toEqual([]);
  });

  it("fails loudly when UploadThing refuses the upload", async () => {
    const wrongKey = Buffer.from(JSON.stringify({ apiKey: "sk_wrong", appId: standIn.appId, regions: ["x"] })).toString("base64");
    const bad = uploadThingStorage({ token: wrongKey, tempDir: path.join(dir, "tmp"), ...standIn.sdkOptions, logLevel: "None" });
    await expect(bad.save(chunked(makeDocx()).source, { fileName: "a.docx", maxBytes: MB })).rejects.toThrow(
      /UploadThing: Hochladen fehlgeschlagen/,
    );
    expect(standIn.files.size).toBe(0);
    expect(filesBelow(dir)).toEqual([]);
  });

  it("is what fileStorage() uses when UPLOADTHING_TOKEN is set, redirected by UPLOADTHING_* variables", async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, standIn.sdkEnv, { DATA_DIR: dir });
      resetEnvForTests();
      resetFileStorageForTests();
      const storage = fileStorage();
      expect(storage.backend).toBe("uploadthing");
      expect(fileStorage()).toBe(storage);
      const docx = makeDocx();
      const file = await storage.save(chunked(docx).source, { fileName: "a.docx", maxBytes: MB });
      expect(standIn.files.get(file.storageKey)?.bytes.equals(Buffer.from(docx))).toBe(true);
      expect((await readAll(storage, file.storageKey)).equals(Buffer.from(docx))).toBe(true);
      await storage.remove(file.storageKey);
      expect(standIn.files.size).toBe(0);
    } finally {
      process.env = saved;
      resetEnvForTests();
      resetFileStorageForTests();
    }
  });
});
