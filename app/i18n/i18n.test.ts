import { describe, expect, it } from "vitest";
import { formatDuration } from "./format";
import { messageAreas } from "./catalogue";
import { defineMessages, isLocale, translator, type MessageKey } from "./index";

// The areas merged in app/i18n/catalogue.ts.
const AREAS: Record<string, { de: Record<string, string>; en: Record<string, string> }> = messageAreas;

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

describe("the message catalogue", () => {
  it("has an English text for every German key, and no English key without a German one", () => {
    const problems: string[] = [];
    for (const [area, { de, en }] of Object.entries(AREAS)) {
      for (const key of Object.keys(de)) {
        if (typeof en[key] !== "string" || en[key].trim() === "") problems.push(`${area}: ${key} has no English text`);
        if (de[key].trim() === "") problems.push(`${area}: ${key} has an empty German text`);
      }
      for (const key of Object.keys(en)) if (!(key in de)) problems.push(`${area}: ${key} is only in English`);
    }
    expect(problems).toEqual([]);
  });

  it("uses the same placeholders in German and English for every key", () => {
    const problems: string[] = [];
    for (const [area, { de, en }] of Object.entries(AREAS)) {
      for (const key of Object.keys(de)) {
        const a = placeholders(de[key]);
        const b = placeholders(en[key] ?? "");
        if (a.join() !== b.join()) problems.push(`${area}: ${key} de {${a.join()}} en {${b.join()}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("gives every key to one area only (a later area would silently override an earlier one)", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [area, { de }] of Object.entries(AREAS)) {
      for (const key of Object.keys(de)) {
        if (owner.has(key)) clashes.push(`${key}: ${owner.get(key)} and ${area}`);
        owner.set(key, area);
      }
    }
    expect(clashes).toEqual([]);
  });

  it("returns through translator exactly the area's text for every key in both locales", () => {
    for (const locale of ["de", "en"] as const) {
      const t = translator(locale);
      for (const area of Object.values(AREAS)) {
        for (const key of Object.keys(area.de)) expect(t(key as MessageKey)).toBe(area[locale][key]);
      }
    }
  });
});

describe("translator", () => {
  const de = translator("de");
  const en = translator("en");

  it("fills a placeholder in German and in English", () => {
    expect(de("nav.signedInAs", { name: "Anna Vergabe" })).toBe("Angemeldet als Anna Vergabe");
    expect(en("nav.signedInAs", { name: "Anna Vergabe" })).toBe("Signed in as Anna Vergabe");
  });

  it("fills several placeholders, numbers included, each wherever it occurs", () => {
    expect(de("call.amendments.item", { number: 2, date: "3. März 2017" })).toBe("Änderung 2 vom 3. März 2017");
    expect(de("pdf.criteria.heading", { name: "Konzept", weight: 25 })).toBe("Konzept (25 %)");
  });

  it("counts in the right grammatical number: 1 Tag, 2 Tage, 1 Stunde, 1 minute", () => {
    expect(formatDuration(translator("de"), "de", { days: 1, hours: 2, minutes: 1 })).toBe("1 Tag, 2 Stunden und 1 Minute");
    expect(formatDuration(translator("de"), "de", { days: 0, hours: 1, minutes: 0 })).toBe("0 Tage, 1 Stunde und 0 Minuten");
    expect(formatDuration(translator("en"), "en", { days: 1, hours: 1, minutes: 2 })).toBe("1 day, 1 hour and 2 minutes");
  });

  it("leaves a placeholder without a value as it is and ignores extra values", () => {
    expect(de("home.deadline", {})).toBe("Einreichungsfrist: {date}");
    expect(de("pdf.criteria.heading", { name: "Konzept", extra: "x" })).toBe("Konzept ({weight} %)");
  });

  it("returns the template unchanged without params", () => {
    expect(de("home.deadline")).toBe("Einreichungsfrist: {date}");
  });

  it("does not treat a value as a template: braces in a value stay as they are", () => {
    expect(de("nav.signedInAs", { name: "{name}" })).toBe("Angemeldet als {name}");
  });

  it("fills a value that looks like a replacement pattern literally", () => {
    expect(de("nav.signedInAs", { name: "$& $1" })).toBe("Angemeldet als $& $1");
  });
});

describe("locales", () => {
  it("knows de and en and nothing else", () => {
    expect(isLocale("de")).toBe(true);
    expect(isLocale("en")).toBe(true);
    expect(isLocale("fr")).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });

  it("defineMessages keeps both languages as given", () => {
    const m = defineMessages({ "x.a": "A {n}" }, { "x.a": "B {n}" });
    expect(m).toEqual({ de: { "x.a": "A {n}" }, en: { "x.a": "B {n}" } });
  });
});
