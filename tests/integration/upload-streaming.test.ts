// parseUploadForm as a stream (decision 0032): the size limit holds while the file streams,
// the type comes from the (decrypted) bytes, and a chunk boundary anywhere in the body
// changes nothing.
import fs from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { translator } from "../../app/i18n";
import { refusalMessage } from "../../app/i18n/refusal";
import { localStorage, type FileStorage } from "../../app/infra/storage.server";
import { MAX_TEXT_FIELD_BYTES, parseUploadForm, type UploadOutcome } from "../../app/infra/uploads.server";
import { makeElf } from "../support/bad-files";
import { MEDIA, makeDocx, makePdf, makePng, sha256 } from "../support/sample-files";
import { tempDir } from "../support/temp-db";

const MiB = 1024 * 1024;
const de = translator("de");

function filesBelow(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((p) => fs.statSync(path.join(dir, p)).isFile());
}

async function encode(form: FormData): Promise<{ bytes: Uint8Array; contentType: string }> {
  const request = new Request("http://portal.test/x", { method: "POST", body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), contentType: request.headers.get("Content-Type")! };
}

function streamed(parts: Uint8Array[], contentType: string): Request {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= parts.length) controller.close();
      else controller.enqueue(parts[i++]);
    },
  });
  return new Request("http://portal.test/x", { method: "POST", headers: { "Content-Type": contentType }, body, duplex: "half" } as RequestInit);
}

/** A storage that counts the bytes it pulled from each file's source. */
function counting(storage: FileStorage): { storage: FileStorage; pulled: number[] } {
  const pulled: number[] = [];
  return {
    pulled,
    storage: {
      ...storage,
      save(source, opts) {
        const n = pulled.push(0) - 1;
        async function* counted() {
          for await (const chunk of source) {
            pulled[n] += chunk.length;
            yield chunk;
          }
        }
        return storage.save(counted(), opts);
      },
    },
  };
}

function message(outcome: UploadOutcome | undefined): string {
  if (!outcome || outcome.ok) throw new Error(`expected a refusal, got ${JSON.stringify(outcome)}`);
  return refusalMessage(outcome.refusal, de, "de");
}

describe("uploads as streams", () => {
  let dir: string;
  let cleanup: () => void;
  let filesDir: string;
  let storage: FileStorage;
  const seal = { callId: "call-streaming", key: randomBytes(32) };

  beforeEach(() => {
    ({ dir, cleanup } = tempDir("portal-upload-streaming-"));
    filesDir = path.join(dir, "files");
    storage = localStorage(filesDir);
  });
  afterEach(() => cleanup());

  it("refuses a sealed 12 MiB file over a 2 MiB limit having stored no more than the limit, in German, keeping nothing, and reads on", async () => {
    const big = new Uint8Array(12 * MiB);
    big.set(await makePdf());
    const form = new FormData();
    form.append("declarations", new Blob([big]), "Erklärungen gesamt.pdf");
    form.append("bemerkung", "nach der Datei");
    const { bytes, contentType } = await encode(form);
    const parts = Array.from({ length: Math.ceil(bytes.length / (64 * 1024)) }, (_, i) => bytes.subarray(i * 64 * 1024, (i + 1) * 64 * 1024));
    const { storage: watched, pulled } = counting(storage);

    const { fields, uploads } = await parseUploadForm(streamed(parts, contentType), {
      fileFields: ["declarations"],
      maxBytesPerFile: 2 * MiB,
      storage: watched,
      seal,
    });

    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ ok: false, reason: "too-large" });
    expect(message(uploads[0])).toBe("„Erklärungen gesamt.pdf“ ist größer als 2 MB.");
    // Storage stopped at the first chunk over the limit; the parser drained the rest.
    expect(pulled[0]).toBeGreaterThan(2 * MiB);
    expect(pulled[0]).toBeLessThanOrEqual(2 * MiB + 64 * 1024);
    expect(fields).toEqual({ bemerkung: "nach der Datei" });
    expect(filesBelow(filesDir)).toEqual([]);
  });

  it("takes a text field of exactly 1 MiB and answers 413 for one byte more", async () => {
    const exact = new FormData();
    exact.append("konzepttext", "x".repeat(MAX_TEXT_FIELD_BYTES));
    const { fields } = await parseUploadForm(new Request("http://portal.test/x", { method: "POST", body: exact }), { fileFields: [], maxBytesPerFile: MiB, storage });
    expect((fields.konzepttext as string).length).toBe(MAX_TEXT_FIELD_BYTES);
    const over = new FormData();
    over.append("konzepttext", "x".repeat(MAX_TEXT_FIELD_BYTES + 1));
    const thrown = await parseUploadForm(new Request("http://portal.test/x", { method: "POST", body: over }), { fileFields: [], maxBytesPerFile: MiB, storage }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(413);
  });

  it("decides a sealed file's type by its decrypted bytes, whatever its name says", async () => {
    const docx = makeDocx();
    const png = makePng();
    const form = new FormData();
    form.append("a", new Blob([docx], { type: "application/pdf" }), "Konzept.pdf");
    form.append("b", new Blob([png], { type: "application/pdf" }), "Foto.docx");
    form.append("c", new Blob([makeElf()], { type: "application/pdf" }), "Erklärung.pdf");

    const { uploads } = await parseUploadForm(new Request("http://portal.test/x", { method: "POST", body: form }), {
      fileFields: ["a", "b", "c"],
      maxBytesPerFile: MiB,
      storage,
      seal,
    });

    expect(uploads[0]).toMatchObject({ ok: true, file: { mediaType: MEDIA.docx, sha256: sha256(docx), sealedCallId: seal.callId } });
    expect(uploads[1]).toMatchObject({ ok: true, file: { mediaType: MEDIA.png, sha256: sha256(png) } });
    expect(message(uploads[2])).toBe("„Erklärung.pdf“ ist keine PDF-, ODT-, DOCX-, JPEG- oder PNG-Datei (erkannt: Linux-Programm).");
    // What lies on disk is ciphertext: the PNG's bytes are nowhere in it.
    const onDisk = filesBelow(filesDir).map((f) => fs.readFileSync(path.join(filesDir, f)));
    expect(onDisk).toHaveLength(2);
    expect(onDisk.some((b) => b.includes(Buffer.from(png).subarray(0, 64)))).toBe(false);
  });

  it("parses a body cut into two chunks at any byte around each delimiter and header block", async () => {
    const pdf = await makePdf();
    const form = new FormData();
    form.append("traeger", "Träger; mit = Zeichen");
    form.append("anlagen", new Blob([pdf]), "Konzept; final.pdf");
    form.append("telefon", "0351 123456");
    const { bytes, contentType } = await encode(form);
    const boundary = contentType.split("boundary=")[1];
    const text = Buffer.from(bytes).toString("latin1");
    const cuts = new Set<number>();
    for (let at = text.indexOf(boundary); at >= 0; at = text.indexOf(boundary, at + 1)) {
      for (let d = -4; d <= boundary.length + 6; d++) cuts.add(at + d);
      const headerEnd = text.indexOf("\r\n\r\n", at);
      if (headerEnd >= 0) for (let d = -3; d <= 4; d++) cuts.add(headerEnd + d);
    }
    for (const cut of [...cuts].filter((c) => c > 0 && c < bytes.length)) {
      const { fields, uploads } = await parseUploadForm(streamed([bytes.slice(0, cut), bytes.slice(cut)], contentType), {
        fileFields: ["anlagen"],
        maxBytesPerFile: MiB,
        storage,
      });
      expect(fields, `cut at ${cut}`).toEqual({ traeger: "Träger; mit = Zeichen", telefon: "0351 123456" });
      expect(uploads, `cut at ${cut}`).toMatchObject([{ ok: true, fileName: "Konzept; final.pdf", file: { sha256: sha256(pdf) } }]);
    }
  });
});
