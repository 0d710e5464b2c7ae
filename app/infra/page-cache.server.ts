// Rendered-page cache for anonymous reads of public pages (issue 15, decision 1; decision
// 0030). server.mjs asks `publicPageKey` before Remix runs any loader; a hit is answered
// from memory (compressed per encoding, strong ETag, 304 on a match), a miss is rendered
// once and stored. The key names the page, the language, the base URL links are made from,
// the version of what the page shows (public-versions.server.ts) and, where the page shows
// time, the minute or the Berlin day and the deadlines passed.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { berlinDay } from "../i18n/berlin-time";
import { localeCookie } from "../i18n/locale.server";
import { defaultLocale, isLocale } from "../i18n";
import { now as serverNow } from "./clock.server";
import { contentSecurityPolicy } from "./csp.server";
import { db as defaultDb, type Db } from "./db.server";
import { publicBaseUrlOf } from "./http.server";
import { publicVersionOfCall, publicVersionOfSite } from "./public-versions.server";

/** What the time on a page depends on: nothing, the minute (countdowns, phases), or the Berlin day. */
type Clock = "none" | "minute" | "day";

/** The public pages, by path. Everything else (and every query string) goes to Remix uncached. */
const CALL_PAGES: { suffix: string; clock: Clock }[] = [
  { suffix: "", clock: "minute" }, // countdown to the deadline, phase
  { suffix: "/fragen", clock: "minute" }, // the question window
  { suffix: "/ergebnis", clock: "day" }, // the plan over time runs to today
  { suffix: "/ocds.json", clock: "day" }, // contract status as of today
  { suffix: "/aufruf.pdf", clock: "none" },
];
const STATIC_PAGES = new Set(["/impressum", "/datenschutz", "/barrierefreiheit"]);
const CALL_PATH = /^\/aufrufe\/([a-z0-9-]{1,100})(\/fragen|\/ergebnis|\/ocds\.json|\/aufruf\.pdf)?$/;

/** The language cookie is the one cookie a cached page may vary by; any other means a visitor with state. */
const ANONYMOUS_COOKIES = new Set([localeCookie.name]);

export type PageRequest = { method: string; url: string; cookie: string | undefined };

function onlyAnonymousCookies(cookie: string | undefined): boolean {
  if (!cookie) return true;
  return cookie.split(";").every((part) => {
    const name = part.split("=")[0].trim();
    return name === "" || ANONYMOUS_COOKIES.has(name);
  });
}

function clockPart(clock: Clock, now: Date): string {
  if (clock === "minute") return `m${Math.floor(now.getTime() / 60_000)}`; // Berlin's offsets are whole hours
  if (clock === "day") return `d${berlinDay(now)}`;
  return "";
}

/**
 * The cache key of an anonymous GET or HEAD of a public page, or null when the request is not
 * one (signed in, a flash cookie, a query string, another path, an unknown call).
 */
export async function publicPageKey(request: PageRequest, db: Db = defaultDb()): Promise<string | null> {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  const url = new URL(request.url);
  const path = url.pathname;
  // The cheap refusals first: every request of the portal passes here.
  const call = path.startsWith("/aufrufe/") ? CALL_PATH.exec(path) : null;
  if (!call && path !== "/" && !STATIC_PAGES.has(path)) return null;
  if (url.search !== "" || !onlyAnonymousCookies(request.cookie)) return null;
  const parsedLocale: unknown = request.cookie ? await localeCookie.parse(request.cookie) : null;
  const locale = isLocale(parsedLocale) ? parsedLocale : defaultLocale;
  const now = serverNow();
  let version: string;
  if (call) {
    const page = CALL_PAGES.find((p) => p.suffix === (call[2] ?? ""))!;
    const current = await publicVersionOfCall(db, call[1]);
    if (!current) return null;
    const t = now.getTime();
    const passed = Number(t >= current.questionDeadline) + Number(t >= current.submissionDeadline);
    version = `v${current.version} p${passed} ${clockPart(page.clock, now)}`;
  } else if (path === "/") {
    const site = await publicVersionOfSite(db, now);
    version = `v${site.version} p${site.passed} ${clockPart("minute", now)}`;
  } else {
    version = "static";
  }
  return [path, locale, publicBaseUrlOf(url), version].join("\n");
}

// ---------------------------------------------------------------- stored pages

export type Encoding = "br" | "gzip" | "identity";

export type CachedPage = {
  headers: [string, string][];
  bodies: Record<Encoding, Buffer>;
  etags: Record<Encoding, string>;
  /** The value of Content-Security-Policy's script-src for these bytes, and the whole policy. */
  scriptSrc: string;
  csp: string;
  bytes: number;
};

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** Remix's response with its body read. */
export type RenderedResponse = { status: number; headers: Headers; body: Buffer };

/** Headers of the rendered response that belong to the page, not to one request or one encoding. */
const KEPT_HEADERS = new Set(["content-type", "content-disposition", "content-language", "access-control-allow-origin", "cache-control"]);
const CACHEABLE_TYPES = /^(text\/html|application\/pdf|application\/json)/;

/**
 * script-src for a page's bytes: the SHA-256 of every inline script, 'self' where it loads
 * scripts from this origin, and 'none' where it has none (the read-only pages, decision 0029).
 */
export function scriptSourcesOf(html: string): string {
  const sources = new Set<string>();
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (/\bsrc\s*=/i.test(match[1])) sources.add("'self'");
    else sources.add(`'sha256-${createHash("sha256").update(match[2], "utf8").digest("base64")}'`);
  }
  if (/<link\b[^>]*\brel\s*=\s*["']?modulepreload/i.test(html)) sources.add("'self'");
  return sources.size ? [...sources].join(" ") : "'none'";
}

/**
 * The page to store from a rendered response, or null when it must not be stored: anything
 * but a 200 of HTML, PDF or JSON, a response that sets a cookie, or a page that carries the
 * request's CSP nonce (it would have scripts allowed for one request only).
 */
export async function pageFromResponse(response: RenderedResponse, nonce: string): Promise<CachedPage | null> {
  const type = response.headers.get("content-type") ?? "";
  if (response.status !== 200 || response.headers.has("set-cookie") || !CACHEABLE_TYPES.test(type)) return null;
  const identity = response.body;
  const html = type.startsWith("text/html") ? identity.toString("utf8") : "";
  if (nonce && html.includes(nonce)) return null;
  // Compressed once per version, on the thread pool: brotli at its best quality for text; a
  // PDF's streams are compressed already and mostly stay as they are.
  const [br, gz] = await Promise.all([
    brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
    gzip(identity, { level: 9 }),
  ]);
  const hash = createHash("sha256").update(identity).digest("base64url").slice(0, 32);
  const headers: [string, string][] = [];
  response.headers.forEach((value, name) => {
    if (KEPT_HEADERS.has(name)) headers.push([name, value]);
  });
  const cacheControl = response.headers.get("cache-control");
  // An anonymous public page holds nothing personal: a browser may keep it and ask with its
  // ETag (304) instead of the no-store that pages get by default (entry.server.tsx).
  if (!cacheControl || cacheControl.includes("no-store")) {
    const i = headers.findIndex(([name]) => name === "cache-control");
    if (i >= 0) headers.splice(i, 1);
    headers.push(["cache-control", "no-cache"]);
  }
  const bodies = { br, gzip: gz, identity };
  const scriptSrc = html ? scriptSourcesOf(html) : "'none'";
  return {
    headers,
    bodies,
    // One strong validator per representation: the encoded bytes differ.
    etags: { br: `"${hash}-br"`, gzip: `"${hash}-gz"`, identity: `"${hash}"` },
    scriptSrc,
    csp: contentSecurityPolicy(scriptSrc),
    bytes: br.length + gz.length + identity.length + 512,
  };
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/**
 * Rendered pages in memory, least recently used first out, within a byte budget. A Map keeps
 * insertion order, so re-inserting on every hit makes its first key the least recently used.
 */
export class PageCache {
  private entries = new Map<string, CachedPage>();
  private inFlight = new Map<string, Promise<CachedPage | null>>();
  bytes = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): CachedPage | undefined {
    const page = this.entries.get(key);
    if (page) {
      this.entries.delete(key);
      this.entries.set(key, page);
    }
    return page;
  }

  set(key: string, page: CachedPage): void {
    this.delete(key);
    if (page.bytes > this.maxBytes / 4) return; // one page may not push out most of the others
    this.entries.set(key, page);
    this.bytes += page.bytes;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.bytes;
    }
  }

  delete(key: string): void {
    const page = this.entries.get(key);
    if (!page) return;
    this.entries.delete(key);
    this.bytes -= page.bytes;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * The stored page of `key`, rendering it once when missing: requests that miss while it
   * renders wait for the same render instead of rendering again. Null when the rendered
   * response may not be stored; `render` then answers that request itself.
   */
  async getOrRender(key: string, render: () => Promise<CachedPage | null>): Promise<{ page: CachedPage | null; hit: boolean }> {
    const stored = this.get(key);
    if (stored) return { page: stored, hit: true };
    const pending = this.inFlight.get(key);
    if (pending) {
      // A render that failed or could not be stored: this request renders its own.
      const page = await pending.catch(() => null);
      if (page) return { page, hit: true };
    }
    const rendering = render().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, rendering);
    const page = await rendering;
    if (page) this.set(key, page);
    return { page, hit: false };
  }
}

/** 32 MiB: the call page in two languages with all its encodings is about 0.2 MiB. */
export const PAGE_CACHE_BYTES = 32 * 1024 * 1024;

export const publicPageCache = new PageCache(PAGE_CACHE_BYTES);
