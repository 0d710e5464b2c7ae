import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PageCache, matchesEtag, pageFromResponse, scriptSourcesOf, type CachedPage } from "./page-cache.server";

const sha = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const page = (bytes: number): CachedPage => ({ headers: [], csp: "", bodies: { br: Buffer.alloc(0), gzip: Buffer.alloc(0), identity: Buffer.alloc(0) }, etags: { br: "", gzip: "", identity: "" }, scriptSrc: "'none'", bytes });
const rendered = (body: string, headers: Record<string, string> = {}, status = 200) => ({ status, headers: new Headers({ "content-type": "text/html; charset=utf-8", ...headers }), body: Buffer.from(body) });

describe("scriptSourcesOf", () => {
  it("allows no script on a page without one", () => {
    expect(scriptSourcesOf("<html><body><p>Aufruf</p></body></html>")).toBe("'none'");
  });

  it("lists the SHA-256 of each inline script exactly, and 'self' for a script file", () => {
    const html = `<script>window.a=1</script><script type="module">import "x";</script><script src="/assets/a.js"></script>`;
    expect(scriptSourcesOf(html).split(" ").sort()).toEqual([sha("window.a=1"), sha('import "x";'), "'self'"].sort());
  });
});

describe("pageFromResponse", () => {
  it("stores a 200 with its bytes in three encodings and an ETag per encoding, and makes no-store revalidating", async () => {
    const stored = (await pageFromResponse(rendered("<p>Hallo</p>".repeat(100), { "cache-control": "no-store" }), "n0nce"))!;
    expect(stored.bodies.identity.toString()).toBe("<p>Hallo</p>".repeat(100));
    expect(new Set(Object.values(stored.etags)).size).toBe(3);
    expect(stored.headers).toContainEqual(["cache-control", "no-cache"]);
    expect(stored.bodies.br.length).toBeLessThan(stored.bodies.identity.length);
  });

  it("refuses a page that sets a cookie, is not a 200, or carries the request's nonce", async () => {
    expect(await pageFromResponse(rendered("<p>x</p>", { "set-cookie": "a=b" }), "n0nce")).toBeNull();
    expect(await pageFromResponse(rendered("<p>x</p>", {}, 404), "n0nce")).toBeNull();
    expect(await pageFromResponse(rendered(`<script nonce="n0nce">1</script>`), "n0nce")).toBeNull();
  });
});

describe("matchesEtag", () => {
  it("matches one tag of a list, weak or strong, and nothing else", () => {
    expect(matchesEtag(`"a", W/"b"`, `"b"`)).toBe(true);
    expect(matchesEtag(`"a"`, `"b"`)).toBe(false);
    expect(matchesEtag(undefined, `"b"`)).toBe(false);
  });
});

describe("PageCache", () => {
  it("keeps within its byte budget by dropping the least recently used page", () => {
    const cache = new PageCache(1000);
    cache.set("a", page(240));
    cache.set("b", page(240));
    cache.set("c", page(240));
    cache.get("a"); // a is now the most recently used
    cache.set("d", page(240));
    cache.set("e", page(240));
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect([cache.get("a"), cache.get("b")].map(Boolean)).toEqual([true, false]);
  });

  it("does not store a page larger than a quarter of the budget", () => {
    const cache = new PageCache(1000);
    cache.set("big", page(300));
    expect(cache.size).toBe(0);
  });

  it("renders a missing page once for requests that miss at the same time", async () => {
    const cache = new PageCache(1000);
    let renders = 0;
    const render = async () => {
      renders++;
      await Promise.resolve();
      return page(10);
    };
    const [first, second] = await Promise.all([cache.getOrRender("k", render), cache.getOrRender("k", render)]);
    expect(renders).toBe(1);
    expect([first.hit, second.hit]).toEqual([false, true]);
  });
});
