import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { makePdfWithJavaScript, makeZipBombDocx } from "../../tests/support/bad-files";
import { makeDocx, makeOdt, makePdf } from "../../tests/support/sample-files";
import { contentProblem, MAX_INFLATED_BYTES, pdfProblem } from "./content-checks.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "content-checks-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(bytes: Uint8Array): string {
  const f = path.join(dir, `f${++n}`);
  fs.writeFileSync(f, bytes);
  return f;
}
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ODT = "application/vnd.oasis.opendocument.text";

describe("content checks of uploads", () => {
  it("accepts ordinary DOCX, ODT and PDF files", async () => {
    await expect(contentProblem(file(makeDocx()), DOCX)).resolves.toBeNull();
    await expect(contentProblem(file(makeOdt()), ODT)).resolves.toBeNull();
    await expect(contentProblem(file(await makePdf()), "application/pdf")).resolves.toBeNull();
    await expect(contentProblem(file(await makePdf("JS und JavaScript im Text")), "application/pdf")).resolves.toBeNull();
  });

  it("refuses a DOCX whose document inflates to 200 MiB, whatever size it declares", async () => {
    await expect(contentProblem(file(await makeZipBombDocx()), DOCX)).resolves.toBe("zip-bomb");
    await expect(contentProblem(file(await makeZipBombDocx({ declared: 1000 })), DOCX)).resolves.toBe("zip-bomb");
  });

  it("accepts a DOCX that inflates to just under the bound", async () => {
    await expect(contentProblem(file(await makeZipBombDocx({ inflated: 90 * 1024 * 1024 })), DOCX)).resolves.toBeNull();
  });

  it("refuses a PDF with JavaScript hidden in an object stream, and a #-escaped /JavaScript name", async () => {
    await expect(contentProblem(file(await makePdfWithJavaScript()), "application/pdf")).resolves.toBe("pdf-active-content");
    const escaped = Buffer.from("%PDF-1.4\n1 0 obj << /S /J#61vaScript /JS (x) >> endobj\n%%EOF\n", "latin1");
    await expect(pdfProblem(escaped)).resolves.toBe("pdf-active-content");
    await expect(pdfProblem(Buffer.from("%PDF-1.4\n1 0 obj << /S /Launch /F (calc.exe) >> endobj\n", "latin1"))).resolves.toBe("pdf-active-content");
  });

  // The checks read 64 KiB at a time: a name, "stream" or "endstream" may be cut by a read.
  const CHUNK = 64 * 1024;
  /** `bytes` moved so that offset `at` of it lands `shift` bytes before a read boundary. */
  function placed(bytes: Uint8Array, at: number, shift: number): Buffer {
    const pad = CHUNK - at - shift + (at + shift > CHUNK ? CHUNK : 0);
    return Buffer.concat([Buffer.from(`%PDF-1.7\n%${"x".repeat(pad - 11)}\n`, "latin1"), bytes]);
  }

  it("finds JavaScript in an object stream whatever read boundary cuts its keywords", async () => {
    const pdf = Buffer.from(await makePdfWithJavaScript());
    const text = pdf.toString("latin1");
    const marks = [/stream\r?\n/.exec(text)!.index, text.indexOf("endstream")];
    for (const at of marks) {
      for (let shift = -2; shift <= 12; shift++) {
        await expect(pdfProblem(placed(pdf, at, shift)), `mark ${at}, shift ${shift}`).resolves.toBe("pdf-active-content");
      }
    }
  });

  it("finds a /JavaScript name cut by a read boundary, and takes /JSONDaten cut after /JS for what it is", async () => {
    const active = Buffer.from("1 0 obj << /S /JavaScript >> endobj\n", "latin1");
    const harmless = Buffer.from("1 0 obj << /JSONDaten (x) /Jahr 2017 >> endobj\n", "latin1");
    for (let shift = 0; shift <= 12; shift++) {
      await expect(pdfProblem(placed(active, active.indexOf("/JavaScript"), shift)), `shift ${shift}`).resolves.toBe("pdf-active-content");
      await expect(pdfProblem(placed(harmless, harmless.indexOf("/JSONDaten"), shift)), `shift ${shift}`).resolves.toBeNull();
    }
  });

  it("refuses a PDF whose Flate stream inflates beyond the bound, reading it in pieces", async () => {
    const zeros = deflateSync(Buffer.alloc(MAX_INFLATED_BYTES + 1024 * 1024), { level: 9 });
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n1 0 obj << /Length 1 >>\nstream\n", "latin1"), zeros, Buffer.from("\nendstream\nendobj\n", "latin1")]);
    await expect(contentProblem(file(pdf), "application/pdf")).resolves.toBe("zip-bomb");
  });

  it("accepts a large PDF of binary data without Flate streams", async () => {
    const pdf = Buffer.concat([Buffer.from("%PDF-1.7\n1 0 obj << /Length 1 >>\nstream\n", "latin1"), randomBytes(3 * 1024 * 1024).map((b) => (b === 0x2f ? 0x20 : b)), Buffer.from("\nendstream\nendobj\n", "latin1")]);
    await expect(contentProblem(file(pdf), "application/pdf")).resolves.toBeNull();
  });
});

