// No module under app/ imports itself through others: the static value imports of every
// .ts/.tsx file, read with TypeScript's parser (tests/support/import-graph.ts), have no cycle.
// A failure names each cycle as the path of files around it.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { importCycles, importGraph, valueImports } from "../support/import-graph";

const APP = fileURLToPath(new URL("../../app", import.meta.url));

function named(root: string, cycles: string[][]): string[] {
  return cycles.map((cycle) => cycle.map((file) => path.relative(root, file)).join(" → "));
}

describe("the import graph of app/", () => {
  it("has no import cycle", () => {
    const graph = importGraph(APP);
    // The walk found the tree and its imports (an empty graph would pass vacuously).
    expect(graph.size).toBeGreaterThan(150);
    expect(graph.get(path.join(APP, "submission/access.server.ts"))).toContain(path.join(APP, "evaluation/bids.server.ts"));
    expect(named(APP, importCycles(graph))).toEqual([]);
  });
});

describe("finding import cycles", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function tree(files: Record<string, string>): string {
    dir = mkdtempSync(path.join(tmpdir(), "import-graph-"));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), text);
    }
    return dir;
  }

  it("follows extensionless specifiers, index files, .tsx files and re-exports around a cycle", () => {
    const root = tree({
      "a.ts": 'import { b } from "./b";\nexport const a = () => b;\n',
      "b/index.ts": 'export { c as b } from "../c";\n',
      "c.tsx": 'import { a } from "./a";\nexport const c = () => a;\n',
      "outside.ts": 'import { a } from "./a";\nimport { z } from "zod";\nexport const o = [a, z];\n',
    });
    expect(named(root, importCycles(importGraph(root)))).toEqual(["a.ts → b/index.ts → c.tsx → a.ts"]);
  });

  it("reports every knot once, and a file that imports itself", () => {
    const root = tree({
      "p.ts": 'import "./q";\n',
      "q.ts": 'import "./p";\n',
      "r.ts": 'import * as s from "./s";\nexport const r = s;\n',
      "s.ts": 'import * as r from "./r";\nimport { t } from "./t";\nexport const s = [r, t];\n',
      "t.ts": 'import { t as self } from "./t";\nexport const t = () => self;\n',
    });
    expect(named(root, importCycles(importGraph(root))).sort()).toEqual(["p.ts → q.ts → p.ts", "r.ts → s.ts → r.ts", "t.ts → t.ts"]);
  });

  it("leaves out imports of types only, which vanish at compile time", () => {
    const root = tree({
      "d.ts": 'import type { E } from "./e";\nexport type D = E;\nexport const d = 1;\n',
      "e.ts": 'import { d } from "./d";\nexport type E = number;\nexport const e = d;\n',
      "f.ts": 'import { type G } from "./g";\nexport type { G };\nexport const f = 1;\n',
      "g.ts": 'import { f } from "./f";\nexport type G = string;\nexport const g = f;\n',
      "h.ts": 'export type { I } from "./i";\nexport const h = 1;\n',
      "i.ts": 'import { h } from "./h";\nexport type I = number;\nexport const i = h;\n',
    });
    expect(importCycles(importGraph(root))).toEqual([]);
  });

  it("counts an import that mixes a value with types, and a side-effect import", () => {
    expect(valueImports("x.ts", 'import { type A, b } from "./a";\nimport "./polyfill";\nimport type { C } from "./c";\nconst later = () => import("./lazy");\n')).toEqual([
      "./a",
      "./polyfill",
    ]);
  });
});
