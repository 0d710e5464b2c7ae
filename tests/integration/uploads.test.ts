// parseUploadForm on real Request objects with multipart bodies.
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { localStorage, type FileStorage, type SavedFile } from "../../app/infra/storage.server";
import {
  MAX_APPLICATION_BYTES,
  MAX_UPLOAD_BYTES,
  parseUploadForm,
  readUploadConfig,
  type UploadOutcome,
} from "../../app/infra/uploads.server";
import { MEDIA, makeDocx, makeExe, makePdf, makePng, sha256 } from "../support/sample-files";
import { tempDir } from "../support/temp-db";

const MB = 1024 * 1024;
const URL_ = "http://portal.test/bewerbung";

function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(dir, p)).isFile());
}

function post(form: FormData): Request {
  return new Request(URL_, { method: "POST", body: form });
}

/** The bytes and Content-Type a browser-like client would send for `form`. */
async function encode(form: FormData): Promise<{ bytes: Uint8Array; contentType: string }> {
  const request = post(form);
  return { bytes: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get("Content-Type")! };
}

/** A request whose body arrives in chunks of the given sizes (cycled). */
function streamed(bytes: Uint8Array, contentType: string, sizes: number[]): Request {
  let pos = 0;
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pos >= bytes.length) return controller.close();
      const n = sizes[i++ % sizes.length];
      controller.enqueue(bytes.slice(pos, pos + n));
      pos += n;
    },
  });
  return new Request(URL_, { method: "POST", headers: { "Content-Type": contentType }, body, duplex: "half" } as RequestInit);
}

function stored(outcome: UploadOutcome | undefined): SavedFile {
  if (!outcome?.ok) throw new Error(`expected a stored file, got ${JSON.stringify(outcome)}`);
  return outcome.file;
}

async function readBack(storage: FileStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await storage.read(key)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function status(promise: Promise<unknown>): Promise<number> {
  const thrown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(Response);
  return (thrown as Response).status;
}

describe("parseUploadForm", () => {
  let dir: string;
  let cleanup: () => void;
  let filesDir: string;
  let storage: FileStorage;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir("portal-uploads-"));
    filesDir = path.join(dir, "files");
    storage = localStorage(filesDir);
  });
  afterEach(() => cleanup());

  it("returns text fields and stores two files", async () => {
    const pdf = await makePdf();
    const docx = makeDocx();
    const form = new FormData();
    form.append("traeger", "Verein für Integration e. V.");
    form.append("lose", "1");
    form.append("lose", "3");
    form.append("konzept", new Blob([pdf], { type: "application/pdf" }), "Konzept Träger.pdf");
    form.append("anlagen", new Blob([docx]), "Anlage.docx");
    form.append("bemerkung", "");

    const { fields, uploads } = await parseUploadForm(post(form), {
      fileFields: ["konzept", "anlagen"],
      maxBytesPerFile: MAX_UPLOAD_BYTES,
      storage,
    });

    expect(fields).toEqual({ traeger: "Verein für Integration e. V.", lose: ["1", "3"], bemerkung: "" });
    expect(uploads.map((u) => [u.field, u.fileName, u.ok])).toEqual([
      ["konzept", "Konzept Träger.pdf", true],
      ["anlagen", "Anlage.docx", true],
    ]);
    const [konzept, anlage] = uploads.map(stored);
    expect(konzept).toMatchObject({ backend: "local", mediaType: MEDIA.pdf, sizeBytes: pdf.length, sha256: sha256(pdf) });
    expect(anlage).toMatchObject({ mediaType: MEDIA.docx, sizeBytes: docx.length, sha256: sha256(docx) });
    expect((await readBack(storage, konzept.storageKey)).equals(Buffer.from(pdf))).toBe(true);
    expect(filesBelow(filesDir)).toHaveLength(2);
  });

  it("refuses a too-large file without storing it while other fields and files survive", async () => {
    const pdf = await makePdf();
    const big = new Uint8Array(3 * MB);
    big.set(pdf);
    const png = makePng();
    const form = new FormData();
    form.append("traeger", "Sozialwerk");
    form.append("konzept", new Blob([big]), "gross.pdf");
    form.append("anlagen", new Blob([png]), "foto.png");
    form.append("telefon", "0351 123456");

    const { fields, uploads } = await parseUploadForm(post(form), {
      fileFields: ["konzept", "anlagen"],
      maxBytesPerFile: 1 * MB,
      storage,
    });

    expect(fields).toEqual({ traeger: "Sozialwerk", telefon: "0351 123456" });
    expect(uploads[0]).toEqual({
      field: "konzept",
      fileName: "gross.pdf",
      ok: false,
      reason: "too-large",
      refusal: { key: "upload.refused.tooLarge", params: { name: "gross.pdf", limit: { bytes: MB } } },
    });
    expect(stored(uploads[1])).toMatchObject({ mediaType: MEDIA.png, sha256: sha256(png) });
    expect(filesBelow(filesDir)).toEqual([path.join(stored(uploads[1]).storageKey.slice(0, 2), stored(uploads[1]).storageKey)]);
  });

  it("refuses a program named .pdf, ignores empty file inputs and files under other names", async () => {
    const form = new FormData();
    form.append("konzept", new Blob([makeExe()]), "bericht.pdf");
    form.append("anlagen", new Blob([]), ""); // no file chosen
    form.append("fremd", new Blob([await makePdf()]), "unerwartet.pdf");
    form.append("name", "A");

    const { fields, uploads } = await parseUploadForm(post(form), { fileFields: ["konzept", "anlagen"], maxBytesPerFile: MB, storage });

    expect(fields).toEqual({ name: "A" });
    expect(uploads).toEqual([
      {
        field: "konzept",
        fileName: "bericht.pdf",
        ok: false,
        reason: "type-not-allowed",
        refusal: {
          key: "upload.refused.type",
          params: { name: "bericht.pdf", types: { fileTypes: ["PDF", "ODT", "DOCX", "JPEG", "PNG"] }, found: { message: "upload.detected.windowsProgram" } },
        },
      },
    ]);
    expect(filesBelow(filesDir)).toEqual([]);
  });

  it("ignores an empty file input as browsers send it (filename=\"\", no bytes)", async () => {
    const boundary = "----WebKitFormBoundaryAbC123";
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nA\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="anlagen"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n` +
      `--${boundary}--\r\n`;
    const request = new Request(URL_, {
      method: "POST",
      headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const { fields, uploads } = await parseUploadForm(request, { fileFields: ["anlagen"], maxBytesPerFile: MB, storage });
    expect(fields).toEqual({ name: "A" });
    expect(uploads).toEqual([]);
    expect(filesBelow(filesDir)).toEqual([]);
  });

  it("reports a chosen but empty file", async () => {
    const form = new FormData();
    form.append("anlagen", new Blob([]), "leer.pdf");
    const { uploads } = await parseUploadForm(post(form), { fileFields: ["anlagen"], maxBytesPerFile: MB, storage });
    expect(uploads).toEqual([{ field: "anlagen", fileName: "leer.pdf", ok: false, reason: "empty", refusal: { key: "upload.refused.empty", params: { name: "leer.pdf" } } }]);
  });

  it("keeps file names with ';', '=' and quotes (which Remix's parser alone rejects)", async () => {
    const names = ["Konzept; Stand 2.pdf", "Los=1 (Nord).pdf", 'Das "neue" Konzept.pdf', "Übersicht – Träger.pdf"];
    const form = new FormData();
    for (const name of names) form.append("anlagen", new Blob([await makePdf()]), name);
    form.append("a;b", "x=y; z");

    const { fields, uploads } = await parseUploadForm(post(form), { fileFields: ["anlagen"], maxBytesPerFile: MB, storage });
    expect(fields).toEqual({ "a;b": "x=y; z" });
    // Browsers (and undici) send '"' as %22 (WHATWG multipart encoding); it arrives as such.
    expect(uploads.map((u) => u.fileName)).toEqual([names[0], names[1], "Das %22neue%22 Konzept.pdf", names[3]]);
    expect(uploads.every((u) => u.ok)).toBe(true);
  });

  it("parses the same body delivered in tiny, odd-sized chunks", async () => {
    const pdf = await makePdf();
    const form = new FormData();
    form.append("traeger", "Träger; mit = Zeichen");
    form.append("anlagen", new Blob([pdf]), "Konzept; final.pdf");
    form.append("anlagen", new Blob([makeDocx()]), "b=c.docx");
    const { bytes, contentType } = await encode(form);

    for (const sizes of [[1], [3, 7, 2], [64, 5], [4096]]) {
      const { fields, uploads } = await parseUploadForm(streamed(bytes, contentType, sizes), {
        fileFields: ["anlagen"],
        maxBytesPerFile: MB,
        storage,
      });
      expect(fields, String(sizes)).toEqual({ traeger: "Träger; mit = Zeichen" });
      expect(uploads.map((u) => u.fileName)).toEqual(["Konzept; final.pdf", "b=c.docx"]);
      expect(stored(uploads[0]).sha256).toBe(sha256(pdf));
      expect(stored(uploads[1]).mediaType).toBe(MEDIA.docx);
    }
  });

  it("answers 400 for a truncated body and keeps none of its files", async () => {
    const pdf = await makePdf();
    const form = new FormData();
    form.append("traeger", "Sozialwerk");
    form.append("konzept", new Blob([pdf]), "konzept.pdf");
    form.append("anlagen", new Blob([makeDocx()]), "anlage.docx");
    const { bytes, contentType } = await encode(form);
    const text = Buffer.from(bytes).toString("latin1");
    const cuts = [
      text.indexOf("%PDF") + 200, // inside the first file
      text.indexOf('name="anlagen"') + 5, // inside the second part's headers
      bytes.length - 20, // inside the second file, before the closing delimiter
      bytes.length - 4, // the closing delimiter cut short
    ];
    for (const cut of cuts) {
      const truncated = new Request(URL_, {
        method: "POST",
        headers: { "Content-Type": contentType },
        body: bytes.slice(0, cut),
      });
      expect(await status(parseUploadForm(truncated, { fileFields: ["konzept", "anlagen"], maxBytesPerFile: MB, storage })), `cut at ${cut}`).toBe(400);
      expect(filesBelow(filesDir)).toEqual([]);
    }
  });

  it("answers 400 for a body that is not multipart/form-data", async () => {
    const urlencoded = new Request(URL_, { method: "POST", body: new URLSearchParams({ a: "b" }) });
    expect(await status(parseUploadForm(urlencoded, { fileFields: [], maxBytesPerFile: MB, storage }))).toBe(400);
  });

  it("answers 413 for an overlong text field", async () => {
    const form = new FormData();
    form.append("text", "x".repeat(1024 * 1024 + 1));
    expect(await status(parseUploadForm(post(form), { fileFields: [], maxBytesPerFile: MB, storage }))).toBe(413);
  });

  it("rethrows storage failures as they are and takes back what it stored", async () => {
    let calls = 0;
    const failing: FileStorage = {
      ...storage,
      async save(source, opts) {
        if (++calls === 2) throw new Error("disk full");
        return storage.save(source, opts);
      },
    };
    const form = new FormData();
    form.append("anlagen", new Blob([makePng()]), "a.png");
    form.append("anlagen", new Blob([makePng()]), "b.png");
    await expect(parseUploadForm(post(form), { fileFields: ["anlagen"], maxBytesPerFile: MB, storage: failing })).rejects.toThrow(
      "disk full",
    );
    expect(filesBelow(filesDir)).toEqual([]);
  });
});

describe("upload configuration", () => {
  it("defaults to 20 MB per file and 200 MB per application", () => {
    expect(readUploadConfig({})).toEqual({ MAX_UPLOAD_BYTES: 20 * MB, MAX_APPLICATION_BYTES: 200 * MB, MAX_APPLICATION_FILES: 50 });
    expect(readUploadConfig({ MAX_UPLOAD_BYTES: "1048576" }).MAX_UPLOAD_BYTES).toBe(MB);
    if (!process.env.MAX_UPLOAD_BYTES) expect(MAX_UPLOAD_BYTES).toBe(20 * MB);
    if (!process.env.MAX_APPLICATION_BYTES) expect(MAX_APPLICATION_BYTES).toBe(200 * MB);
  });

  it("fails naming the variable", () => {
    expect(() => readUploadConfig({ MAX_UPLOAD_BYTES: "20MB" })).toThrow(/MAX_UPLOAD_BYTES/);
    expect(() => readUploadConfig({ MAX_UPLOAD_BYTES: String(300 * MB) })).toThrow(/MAX_APPLICATION_BYTES/);
  });
});
