import { describe, expect, it } from "vitest";
import { DomainError, refusal } from "../infra/errors";
import { formatBytes, formatFileTypes } from "./format";
import { translator } from "./index";
import { refusalErrors, refusalMessage } from "./refusal";

const de = translator("de");
const en = translator("en");
const MB = 1024 * 1024;

describe("refusalMessage", () => {
  it("formats a date parameter in the reader's locale, Berlin time", () => {
    const error = new DomainError("CONFLICT", "award.refusal.standstill", { date: new Date("2017-05-22T10:00:00Z") });
    expect(refusalMessage(error, de, "de")).toBe(
      "Die Wartefrist nach § 134 GWB läuft noch: Der Zuschlag darf frühestens am 22. Mai 2017 um 12:00 MESZ erteilt werden.",
    );
    expect(refusalMessage(error, en, "en")).toBe(
      "The standstill period under § 134 GWB is still running: the contracts may be awarded on 22 May 2017 at 12:00 CEST at the earliest.",
    );
  });

  it("formats a decimal with its digits: 2,75 in German, 2.75 in English", () => {
    const error = new DomainError("INVALID", "award.refusal.fteAboveOffer", { fte: { decimal: 2.75, digits: 2 } });
    expect(refusalMessage(error, de, "de")).toBe("Höchstens das Angebot: 2,75 VZÄ.");
    expect(refusalMessage(error, en, "en")).toBe("At most the offer: 2.75 FTE.");
  });

  it("writes numbers as they are (a count, a line, a year), without grouping", () => {
    expect(refusalMessage(refusal("staffing.csv.tooManyRows", { max: 5000 }), de, "de")).toBe("Mehr als 5000 Datenzeilen; bitte die Datei teilen.");
  });

  it("names sizes and file types per language", () => {
    const r = refusal("upload.refused.type", { name: "x.pdf", types: { fileTypes: ["PDF", "ODT", "PNG"] }, found: { message: "upload.detected.windowsProgram" } });
    expect(refusalMessage(r, de, "de")).toBe("„x.pdf“ ist keine PDF-, ODT- oder PNG-Datei (erkannt: Windows-Programm).");
    expect(refusalMessage(r, en, "en")).toBe("“x.pdf” is not a PDF, ODT or PNG file (found: Windows program).");
    const big = refusal("upload.refused.tooLarge", { name: { message: "upload.unnamed" }, limit: { bytes: 20 * MB } });
    expect(refusalMessage(big, de, "de")).toBe("„(ohne Namen)“ ist größer als 20 MB.");
    expect(refusalMessage(big, en, "en")).toBe("“(no name)” is larger than 20 MB.");
  });

  it("fills nested messages with their own parameters (a CSV row, a staffing rule inside a lot)", () => {
    const row = refusal("staffing.csv.atColumn", { line: 4, column: "anzahl", problem: { message: "staffing.csv.countInvalid", params: { count: "viele" } } });
    expect(refusalMessage(row, de, "de")).toBe("Zeile 4, Spalte „anzahl“: „viele“ ist keine ganze Zahl ab 0.");
    expect(refusalMessage(row, en, "en")).toBe("Line 4, column “anzahl”: “viele” is not a whole number from 0.");
    const plan = new DomainError("INVALID", "staffing.refusal.notComputable", {
      problem: { message: "staffing.refusal.inLot", params: { lot: 8, region: "ost", problem: { message: "staffing.refusal.noFigure", params: { group: { message: "staffing.refusal.group.rightToStay" } } } } },
    });
    expect(refusalMessage(plan, de, "de")).toBe("Stellenplan nicht berechenbar: Los 8 (ost): Keine Fallzahl für Menschen mit Bleiberecht");
    expect(refusalMessage(plan, en, "en")).toBe("Staffing plan cannot be computed: Lot 8 (ost): No client figure for people with a right to stay");
  });

  it("joins several reasons as sentences", () => {
    const error = new DomainError("CONFLICT", "award.refusal.blocked", {
      reasons: { sentences: [{ message: "award.blocker.noFigures" }, { message: "award.blocker.evaluationOpen", params: { lot: 2, bidders: "Beta e. V." } }] },
    });
    expect(refusalMessage(error, de, "de")).toBe(
      "Es sind keine Fallzahlen erfasst; ohne sie lässt sich der Bedarf je Los nicht berechnen. Die Bewertung von Los 2 ist nicht abgeschlossen (Beta e. V.).",
    );
  });
});

describe("refusalErrors", () => {
  it("puts the text under the refusal's own field, else under the route's", () => {
    const own = new DomainError("INVALID", "amend.dateInPast", { date: new Date("2017-03-01T11:00:00Z") }, "opening");
    expect(Object.keys(refusalErrors(own, de, "de", "_form"))).toEqual(["opening"]);
    const plain = new DomainError("CONFLICT", "opening.sameOfficer");
    expect(refusalErrors(plain, en, "en", "grund")).toEqual({ grund: en("opening.sameOfficer") });
  });
});

describe("DomainError", () => {
  it("keeps the key as its message, so logs carry no sentence in any language", () => {
    expect(new DomainError("CONFLICT", "opening.sameOfficer").message).toBe("opening.sameOfficer");
  });
});

describe("formatBytes and formatFileTypes", () => {
  it("write sizes and lists the German and the English way", () => {
    expect([formatBytes(20 * MB, "de"), formatBytes(1536, "de"), formatBytes(1000, "de")]).toEqual(["20 MB", "1,5 KB", "1.000 Byte"]);
    expect([formatBytes(20 * MB, "en"), formatBytes(1536, "en"), formatBytes(1000, "en")]).toEqual(["20 MB", "1.5 KB", "1,000 bytes"]);
    expect([formatFileTypes(["PDF"], "de"), formatFileTypes(["PDF"], "en")]).toEqual(["PDF-Datei", "PDF file"]);
  });
});
