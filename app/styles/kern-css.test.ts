import { readFileSync } from "node:fs";
import postcss from "postcss";
import { describe, expect, it } from "vitest";
import { trimKernCss } from "./kern-css";

const KERN_CSS = "node_modules/@kern-ux/native/dist/kern.min.css";

/** The class names a stylesheet's selectors name. */
function classesOf(css: string): Set<string> {
  const names = new Set<string>();
  postcss.parse(css).walkRules((rule) => {
    for (const m of rule.selector.matchAll(/\.(kern-[\w-]+)/g)) names.add(m[1]);
  });
  return names;
}

describe("KERN's stylesheet trimmed to the portal's pages", async () => {
  const full = readFileSync(KERN_CSS, "utf8");
  const trimmed = (await postcss([trimKernCss()]).process(full, { from: KERN_CSS })).css;
  const kept = classesOf(trimmed);
  const offered = classesOf(full);
  const sources = readFileSync("app/root.tsx", "utf8") + readFileSync("app/components/form.tsx", "utf8");

  it("is less than a third of the whole", () => {
    expect(trimmed.length).toBeLessThan(full.length / 3);
  });

  it("keeps the rules of the classes the page frame and the forms name", () => {
    const named = [...sources.matchAll(/\b(kern-[a-z0-9_-]*[a-z0-9])\b/g)].map((m) => m[1]).filter((c) => offered.has(c));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((c) => !kept.has(c))).toEqual([]);
  });

  it("keeps the variants the components compose at run time, and drops what no page uses", () => {
    for (const c of ["kern-alert--danger", "kern-alert--success", "kern-btn--secondary", "kern-icon--warning"]) expect(kept, c).toContain(c);
    for (const c of ["kern-kopfzeile__label", "kern-card--large", "kern-dropdown__header", "kern-icon--sign-language"]) expect(kept, c).not.toContain(c);
  });

  it("keeps the rule that gives the page its colour tokens", () => {
    expect(trimmed).toContain(":is(body,.kern-light,.kern-dark,[data-kern-theme=light],[data-kern-theme=dark]):not([class*=kern-level-])");
  });

  it("leaves other stylesheets alone", async () => {
    const other = ".kern-dialog{color:red}";
    expect((await postcss([trimKernCss()]).process(other, { from: "app/styles/app.css" })).css).toBe(other);
  });
});
