import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makePdfWithJavaScript, makeZipBombDocx } from "../../tests/support/bad-files";
import { makeDocx, makeOdt, makePdf } from "../../tests/support/sample-files";
import { contentProblem, pdfProblem } from "./content-checks.server";

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
});
