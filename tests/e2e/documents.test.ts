// The call's PDF and its open data, as the public downloads them.
import { extractText } from "unpdf";
import { describe, expect, it } from "vitest";
import { validateReleasePackage } from "../support/ocds-schema";
import { baseURL } from "./support/browser";

describe("call documents", () => {
  it("serves aufruf.pdf as a PDF containing roles, regions, 16 lots, the key and the criteria", async () => {
    const response = await fetch(`${baseURL()}/aufrufe/dresden-2017/aufruf.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const { text } = await extractText(bytes, { mergePages: true });
    const flat = text.replace(/\s+/g, " ");
    for (const name of ["Regionalkoordination", "Flüchtlingssozialarbeit", "Flüchtlingsbegleitung", "Integrationsberatung", "Region Nord", "Region West"]) {
      expect(flat).toContain(name);
    }
    expect(flat).toMatch(/16\b/);
    expect(flat).toContain("80 Geflüchtete");
    expect(flat).toContain("Fachliches Konzept und Methoden");
    expect(flat).toContain("Seite 1 von");
  });

  it("serves ocds.json that validates against the OCDS 1.1 release package schema", async () => {
    const response = await fetch(`${baseURL()}/aufrufe/dresden-2017-demo/ocds.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    const pkg = await response.json();
    const result = validateReleasePackage(pkg);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(pkg.releases[0].tender.lots).toHaveLength(16);
    expect(pkg.uri).toBe(`${baseURL()}/aufrufe/dresden-2017-demo/ocds.json`);
  });
});
