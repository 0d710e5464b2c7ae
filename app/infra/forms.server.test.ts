import { describe, expect, it } from "vitest";
import { cleanText, formValues } from "./forms.server";

describe("form values", () => {
  it("drops control characters and bidi controls, keeps tabs, line breaks and other Unicode", () => {
    expect(cleanText("Kontrolle\u0000\u0007\u001b[2J\u0008\u007f")).toBe("Kontrolle[2J");
    expect(cleanText("Bericht\u202Efdp.exe\u2066")).toBe("Berichtfdp.exe");
    expect(cleanText("Zeile 1\r\nZeile 2\tEnde")).toBe("Zeile 1\r\nZeile 2\tEnde");
    expect(cleanText("Straße, العربية, Z\u0334a\u0337")).toBe("Straße, العربية, Z\u0334a\u0337");
  });

  it("cleans every text field of a form", () => {
    const form = new FormData();
    form.append("frage", "Wann\u0000?");
    form.append("notiz", "\u202Egeheim");
    expect(formValues(form)).toEqual({ frage: "Wann?", notiz: "geheim" });
  });
});
