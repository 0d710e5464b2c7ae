import { afterEach, describe, expect, it } from "vitest";
import { localeCookie } from "../i18n/locale.server";
import { resetEnvForTests } from "./env.server";
import { DomainError } from "./errors";
import { publicBaseUrl, safeRedirectPath, toResponse } from "./http.server";

describe("publicBaseUrl", () => {
  const saved = { PUBLIC_URL: process.env.PUBLIC_URL, PORT: process.env.PORT };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  });

  it("uses PUBLIC_URL when it is set, whatever the request's Host says", () => {
    process.env.PUBLIC_URL = "https://portal.dresden.example/";
    resetEnvForTests();
    expect(publicBaseUrl(new Request("http://evil.example/passwort-vergessen"))).toBe("https://portal.dresden.example");
  });

  it("without PUBLIC_URL trusts a loopback Host only, so a forged Host cannot redirect links in mails", () => {
    delete process.env.PUBLIC_URL;
    process.env.PORT = "3000";
    resetEnvForTests();
    expect(publicBaseUrl(new Request("http://127.0.0.1:41234/x"))).toBe("http://127.0.0.1:41234");
    expect(publicBaseUrl(new Request("http://localhost:3000/x"))).toBe("http://localhost:3000");
    expect(publicBaseUrl(new Request("http://evil.example/passwort-vergessen"))).toBe("http://localhost:3000");
    expect(publicBaseUrl(new Request("http://localhost.evil.example:3000/x"))).toBe("http://localhost:3000");
  });
});

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

describe("toResponse", () => {
  async function answerTo(error: unknown, cookie?: string): Promise<Response> {
    const request = new Request("http://localhost/dateien/x", cookie ? { headers: { Cookie: cookie } } : {});
    try {
      await toResponse(error, request);
    } catch (thrown) {
      if (thrown instanceof Response) return thrown;
      throw thrown;
    }
    throw new Error("toResponse returned");
  }

  it("answers a refusal with its status and its text in the reader's language", async () => {
    const refused = new DomainError("NOT_FOUND", "notFound.file");
    const german = await answerTo(refused);
    expect([german.status, await german.text()]).toEqual([404, "Datei nicht gefunden"]);
    const english = await answerTo(refused, await localeCookie.serialize("en"));
    expect([english.status, await english.text()]).toEqual([404, "File not found"]);
  });

  it("rethrows anything that is not a refusal", async () => {
    const failure = new Error("disk on fire");
    await expect(toResponse(failure, new Request("http://localhost/"))).rejects.toBe(failure);
  });
});
