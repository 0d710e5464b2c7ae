// Decision 0040: every query is awaited. TypeScript accepts a promise left on its own or read as
// a condition; the checker (scripts/check-promises.ts) finds both, so an unordered write or a
// check that always passes cannot creep back in.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findForgottenPromises } from "../../scripts/check-promises";
import { tempDir } from "../support/temp-db";

describe("forgotten promises", () => {
  it("finds a dropped promise, a promise read as a condition and an async filter", () => {
    const { dir, cleanup } = tempDir("portal-promises-");
    try {
      fs.mkdirSync(path.join(dir, "app"));
      fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ include: ["app/**/*.ts"], compilerOptions: { strict: true, target: "ES2022", module: "ESNext", lib: ["ES2023"], types: [] } }));
      fs.writeFileSync(
        path.join(dir, "app", "use-case.ts"),
        [
          "async function save(): Promise<void> {}",
          "async function allowed(): Promise<boolean> { return false; }",
          "export async function act(ids: string[]) {",
          "  save();",
          "  if (allowed()) await save();",
          "  const kept = ids.filter(async () => allowed());",
          "  await save();",
          "  void save();",
          "  return kept;",
          "}",
        ].join("\n"),
      );
      const found = findForgottenPromises(dir).map((f) => `${f.line} ${f.kind}`);
      expect(found).toEqual(["4 floating", "5 condition", "6 callback"]);
    } finally {
      cleanup();
    }
  });

  it("leaves no promise forgotten in the portal's code and tests", () => {
    expect(findForgottenPromises().map((f) => `${f.file}:${f.line} ${f.kind}: ${f.text}`)).toEqual([]);
  }, 120_000);
});
