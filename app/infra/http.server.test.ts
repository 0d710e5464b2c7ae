import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./http.server";

describe("safeRedirectPath", () => {
  it("keeps a path on this site with its query", () => {
    expect(safeRedirectPath("/verwaltung/aufrufe/dresden-2017?tab=1")).toBe("/verwaltung/aufrufe/dresden-2017?tab=1");
    expect(safeRedirectPath("/aufrufe/stra%C3%9Fe")).toBe("/aufrufe/stra%C3%9Fe");
  });

  it("refuses other origins, protocol-relative and backslash paths", () => {
    for (const target of ["https://evil.example/", "//evil.example", "/\\evil.example", "\\\\evil.example", "evil.example", "javascript:alert(1)"]) {
      expect(safeRedirectPath(target, "/fallback"), target).toBe("/fallback");
    }
  });

  it("refuses a path that a browser reads as another host once it drops tabs and line breaks", () => {
    // What /anmelden?weiter=/%09/evil.example hands over after decoding.
    for (const target of ["/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/ /evil.example", "/\u0000/x"]) {
      expect(safeRedirectPath(target, "/fallback"), JSON.stringify(target)).toBe("/fallback");
    }
    expect(new URL("/\t/evil.example", "https://portal.example/").host).toBe("evil.example");
  });

  it("falls back for anything that is not a string", () => {
    expect(safeRedirectPath(undefined)).toBe("/");
    expect(safeRedirectPath(["/a"], "/b")).toBe("/b");
  });
});
