import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "./env.server";
import {
  fileSealer,
  isSealedValue,
  masterKey,
  masterKeyId,
  isSealedDraft,
  openDraft,
  openFileStream,
  openValue,
  resetMasterKeyForTests,
  sealDraft,
  sealedFileReader,
  sealedFileSize,
  SealBroken,
  sealValue,
  unwrapCallKey,
  wrapCallKey,
} from "./sealing.server";

const key = randomBytes(32);
const CONTEXT = "submission-content:call-1";

function flipBit(bytes: Buffer, index: number, bit = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[index] ^= 1 << bit;
  return copy;
}

function sealFile(plain: Buffer, callId: string, k = key): Buffer {
  const sealer = fileSealer(k, callId);
  const parts = [sealer.header];
  for (let i = 0; i < plain.length; i += 1000) parts.push(sealer.update(plain.subarray(i, i + 1000)));
  parts.push(sealer.final());
  return Buffer.concat(parts);
}

async function* chunks(bytes: Buffer, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function openFile(sealed: Buffer, callId: string, chunkSize: number, k = key): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of openFileStream(chunks(sealed, chunkSize), k, callId)) out.push(c);
  return Buffer.concat(out);
}

describe("sealed values", () => {
  it("opens what it sealed, and the envelope does not contain the plaintext", () => {
    const plain = Buffer.from(JSON.stringify({ concept: "Unser Betreuungskonzept Leuchtturm-4711" }));
    const sealed = sealValue(key, plain, CONTEXT);
    expect(isSealedValue(sealed)).toBe(true);
    expect(sealed.includes(Buffer.from("Leuchtturm"))).toBe(false);
    expect(openValue(key, sealed, CONTEXT)).toEqual(plain);
  });

  it("uses a fresh IV each time: the same text seals to different bytes", () => {
    const plain = Buffer.from("gleich");
    expect(sealValue(key, plain, CONTEXT).equals(sealValue(key, plain, CONTEXT))).toBe(false);
  });

  it("refuses an envelope with any single flipped bit (IV, ciphertext, tag)", () => {
    const sealed = sealValue(key, Buffer.from("Angebot über 12 Stellen"), CONTEXT);
    for (const index of [4, 10, 16, 20, sealed.length - 16, sealed.length - 1]) {
      expect(() => openValue(key, flipBit(sealed, index, index % 8), CONTEXT)).toThrow(SealBroken);
    }
  });

  it("refuses another key and another context (a value moved to another call)", () => {
    const sealed = sealValue(key, Buffer.from("x"), CONTEXT);
    expect(() => openValue(randomBytes(32), sealed, CONTEXT)).toThrow(SealBroken);
    expect(() => openValue(key, sealed, "submission-content:call-2")).toThrow(SealBroken);
  });

  it("tells plain JSON of older rows from an envelope", () => {
    expect(isSealedValue(Buffer.from('{"format":"submission-v1"}'))).toBe(false);
  });

  it("seals a draft lot bid into one opaque entry and opens it for the call it belongs to", () => {
    const draft = { concept: { A: "Sprachmittlung in Gorbitz" }, costPlan: { personnelCostPerFteCents: 5_212_345 } };
    const stored = sealDraft(key, "call-1", draft);
    expect(Object.keys(stored)).toEqual(["$sealed"]);
    expect(isSealedDraft(stored)).toBe(true);
    expect(isSealedDraft({ A: "Text aus der Zeit vor der Versiegelung" })).toBe(false);
    expect(JSON.stringify(stored)).not.toMatch(/Gorbitz|5212345/);
    expect(openDraft(key, "call-1", stored)).toEqual(draft);
    expect(() => openDraft(key, "call-2", stored)).toThrow(SealBroken);
  });
});

describe("sealed files", () => {
  const plain = randomBytes(70_000);

  it("streams a file through encryption and back, whatever the chunk sizes", async () => {
    const sealed = sealFile(plain, "call-1");
    expect(sealed.length).toBe(sealedFileSize(plain.length));
    for (const size of [1, 13, 16, 17, 4096, 100_000]) {
      expect((await openFile(sealed, "call-1", size)).equals(plain)).toBe(true);
    }
  });

  it("fails at the end of a file with a flipped bit, a cut-off tag or for another call", async () => {
    const sealed = sealFile(plain, "call-1");
    await expect(openFile(flipBit(sealed, 5_000), "call-1", 4096)).rejects.toThrow(SealBroken);
    await expect(openFile(flipBit(sealed, sealed.length - 3), "call-1", 4096)).rejects.toThrow(SealBroken);
    await expect(openFile(sealed.subarray(0, sealed.length - 1), "call-1", 4096)).rejects.toThrow(SealBroken);
    await expect(openFile(sealed.subarray(0, 10), "call-1", 4096)).rejects.toThrow(SealBroken);
    await expect(openFile(sealed, "call-2", 4096)).rejects.toThrow(SealBroken);
    await expect(openFile(sealed, "call-1", 4096, randomBytes(32))).rejects.toThrow(SealBroken);
  });

  it("refuses bytes that are not a sealed file", async () => {
    await expect(openFile(Buffer.from("%PDF-1.7 plain file, not sealed"), "call-1", 8)).rejects.toThrow(SealBroken);
  });

  it("reads any range of a sealed file's plaintext without reading the rest (content checks)", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sealed-reader-")), "f");
    fs.writeFileSync(file, sealFile(plain, "call-1"));
    const fh = await fs.promises.open(file, "r");
    try {
      const reader = await sealedFileReader(fh, key);
      expect(reader.size).toBe(plain.length);
      for (const [position, length] of [[0, 1], [0, 16], [1, 15], [15, 2], [16, 16], [4095, 4097], [69_990, 100], [70_000, 5], [12_345, 0]]) {
        expect((await reader.read(position, length)).equals(plain.subarray(position, position + length))).toBe(true);
      }
      // Not a sealed file, or another key: no plaintext comes out.
      await expect(sealedFileReader(fh, randomBytes(32)).then((r) => r.read(0, 100))).resolves.not.toEqual(plain.subarray(0, 100));
    } finally {
      await fh.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });

  it("refuses to read a file that is not sealed through the positional reader", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sealed-reader-")), "f");
    fs.writeFileSync(file, "%PDF-1.7 plain file, not sealed, long enough for a header and a tag");
    const fh = await fs.promises.open(file, "r");
    try {
      await expect(sealedFileReader(fh, key)).rejects.toThrow(SealBroken);
    } finally {
      await fh.close();
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});

describe("call keys and the master key", () => {
  const saved = { key: process.env.PORTAL_MASTER_KEY, dir: process.env.DATA_DIR };
  afterEach(() => {
    if (saved.key === undefined) delete process.env.PORTAL_MASTER_KEY;
    else process.env.PORTAL_MASTER_KEY = saved.key;
    if (saved.dir === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = saved.dir;
    resetEnvForTests();
    resetMasterKeyForTests();
  });

  it("unwraps a call key only with the master key that wrapped it, for the call it belongs to", () => {
    const master = { key: randomBytes(32), id: "" };
    master.id = masterKeyId(master.key);
    const other = { key: randomBytes(32), id: "" };
    other.id = masterKeyId(other.key);
    const callKey = randomBytes(32);
    const row = { wrappedKey: wrapCallKey(master, "call-1", callKey), masterKeyId: master.id };
    expect(unwrapCallKey(master, "call-1", row).equals(callKey)).toBe(true);
    expect(row.wrappedKey.includes(callKey)).toBe(false);
    expect(() => unwrapCallKey(other, "call-1", row)).toThrow(SealBroken);
    // Even when the stored id is forged to match, the wrong key does not open it.
    expect(() => unwrapCallKey(other, "call-1", { ...row, masterKeyId: other.id })).toThrow(SealBroken);
    expect(() => unwrapCallKey(master, "call-2", row)).toThrow(SealBroken);
    expect(() => unwrapCallKey(master, "call-1", { ...row, wrappedKey: flipBit(row.wrappedKey, 30) })).toThrow(SealBroken);
  });

  it("reads PORTAL_MASTER_KEY and refuses a key that is not 32 bytes", () => {
    const configured = randomBytes(32);
    process.env.PORTAL_MASTER_KEY = configured.toString("base64");
    resetEnvForTests();
    expect(masterKey().key.equals(configured)).toBe(true);
    process.env.PORTAL_MASTER_KEY = randomBytes(16).toString("base64");
    resetEnvForTests();
    resetMasterKeyForTests();
    expect(() => masterKey()).toThrow(/PORTAL_MASTER_KEY must be 32 bytes/);
  });

  it("without PORTAL_MASTER_KEY generates one key into DATA_DIR/keys/master.key (0600) and warns", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portal-master-"));
    try {
      delete process.env.PORTAL_MASTER_KEY;
      process.env.DATA_DIR = dir;
      resetEnvForTests();
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const first = masterKey();
      resetMasterKeyForTests();
      const again = masterKey();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0][0])).toMatch(/Production must set PORTAL_MASTER_KEY/);
      warn.mockRestore();
      const file = path.join(dir, "keys", "master.key");
      expect(again.key.equals(first.key)).toBe(true);
      expect(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64").equals(first.key)).toBe(true);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.readdirSync(path.join(dir, "keys"))).toEqual(["master.key"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
