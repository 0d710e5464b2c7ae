// PDF/A-2b metadata and tagging of a document whose texts XML would misread, in English.
import { describe, expect, it } from "vitest";
import { allElements, expectTaggedPdfA, readTaggedPages } from "../../tests/support/tagged-pdf";
import type { DocumentModel } from "../documents/blocks";
import { renderDocumentPdf } from "../documents/pdf.server";

const title = `Vermerk <Entwurf> für „Träger & Söhne" – 'A' > B`;

const doc: DocumentModel = {
  title,
  subject: "Subject & <more>",
  runningHeader: title,
  numberSections: false,
  blocks: [
    { kind: "title", text: title },
    {
      kind: "section",
      title: "Level 2",
      blocks: [
        { kind: "section", title: "Level 3", blocks: [{ kind: "section", title: "Level 4", blocks: [{ kind: "list", items: ["one", "two"], style: "number" }] }] },
      ],
    },
  ],
};

describe("PDF/A metadata", () => {
  it("keeps the XMP well-formed with markup characters in title and subject, and names the reader's language", async () => {
    const bytes = await renderDocumentPdf(doc, { locale: "en", generatedAt: new Date("2017-03-01T08:15:30.250Z"), cityName: "City & Co", publicUrl: "https://portal.example/x" });
    await expectTaggedPdfA(bytes, { title, language: "en" });
    const all = allElements(await readTaggedPages(bytes));
    expect(all.filter((e) => /^H\d$/.test(e.role)).map((e) => [e.role, e.text])).toEqual([
      ["H1", title],
      ["H2", "Level 2"],
      ["H3", "Level 3"],
      ["H4", "Level 4"],
    ]);
    const items = all.filter((e) => e.role === "LI").map((li) => li.children.map((c) => c.text));
    expect(items).toEqual([
      ["1.", "one"],
      ["2.", "two"],
    ]);
  });
});
