// Production server: Express around the Remix build, for the headers a city's portal needs
// (nonce-based CSP, no sniffing, no framing), an origin check on every state-changing
// request, a request id and one JSON log line per request, and a graceful shutdown that
// lets requests in flight finish.
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { createRequestHandler } from "@remix-run/express";
import { createRequestHandler as createRemixHandler } from "@remix-run/node";
import compression from "compression";
import express from "express";

const BUILD_DIR = path.resolve("build");
const build = await import(path.join(BUILD_DIR, "server/index.js"));
try {
  await build.entry.module.onServerStart();
} catch (error) {
  // A refusal to start (a test hook outside tests, a path under DATA_DIR it cannot narrow):
  // its message alone, which says what to do; anything else with its stack.
  const refusal = error instanceof Error && ["TestHookRefused", "PermissionsError", "DatabaseRefused"].includes(error.name);
  console.error(refusal ? `[start] ${error.message}` : error);
  process.exit(1);
}
// The rendered-page cache and the CSP (app/infra/page-cache.server.ts, csp.server.ts).
const pages = build.entry.module;

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const publicUrl = process.env.PUBLIC_URL?.replace(/\/$/, "");
const secure = publicUrl?.startsWith("https://") ?? false;
if (!publicUrl) {
  // Links in mails (password reset, invitations) then come from the request's Host header,
  // which the client chooses: docs/security.md, "Known gaps".
  console.warn("[config] PUBLIC_URL is not set: links in mails follow the request's Host header. Production must set PUBLIC_URL.");
}
if (process.env.PORTAL_TEST_CLOCK_FILE) {
  // A test start (onServerStart refused any other): whoever may write that file moves deadlines.
  console.warn(`[config] test start: the server clock follows PORTAL_TEST_CLOCK_FILE (${process.env.PORTAL_TEST_CLOCK_FILE}).`);
}

// TRUST_PROXY: the number of reverse proxies in front (app/infra/env.server.ts); 0 or unset: none.
const trustProxyHops = Number(process.env.TRUST_PROXY ?? 0) || 0;
const trustProxy = trustProxyHops > 0;
const app = express();
app.disable("x-powered-by");
app.set("trust proxy", trustProxyHops || false);

// Request ids and structured logs: one JSON line per request on stdout. A proxy's
// X-Request-Id is kept only behind a trusted proxy and only in a safe shape.
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
// Paths whose last segment is a secret token (e-mail confirmation, invitations, password reset).
const TOKEN_PATH = /^\/(bestaetigen|einladung|passwort-neu|konto\/einrichten)\/[^/]+/;
const loggedPath = (p) => p.replace(TOKEN_PATH, "/$1/[token]");
// Starts the request's log line (written when the response finishes or the client goes away)
// and sets its X-Request-Id; `pathname` is the path without the query string.
function logRequest(req, res, pathname) {
  const incoming = trustProxy ? req.headers["x-request-id"] : undefined;
  const requestId = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  let logged = false;
  const log = () => {
    if (logged) return;
    logged = true;
    const line = {
      time: new Date().toISOString(),
      level: "info",
      msg: "request",
      requestId,
      method: req.method,
      path: loggedPath(pathname), // never the query string
      status: res.statusCode,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
    };
    if (!res.writableFinished) line.aborted = true; // the client went away first
    process.stdout.write(JSON.stringify(line) + "\n");
  };
  res.on("finish", log);
  res.on("close", log);
  return requestId;
}
app.use((req, res, next) => {
  res.locals.requestId = logRequest(req, res, req.path);
  next();
});
const loadContextOf = (req, res) => ({ cspNonce: res.locals.cspNonce, requestId: res.locals.requestId, clientAddress: req.socket.remoteAddress });

// Anonymous reads of public pages (the call and its questions, result, PDF and open data,
// the start and legal pages) are answered from rendered bytes when the page, the language
// and the version of what it shows are unchanged: no loader runs (decision 0030). A signed-in
// visitor, any cookie but the language, a query string or another path go on. First in line
// after the log: a stored page needs no compression, nonce or form checks.
const renderPage = createRemixHandler(build, "production");
app.use(async (req, res, next) => {
  if (req.method !== "GET" && req.method !== "HEAD") return next();
  try {
    const url = `${req.protocol}://${req.get("host")}${req.originalUrl}`;
    // answerStoredPage has read the key already for the same request (a miss comes here).
    const key = req.publicPageKey !== undefined ? req.publicPageKey : await pages.publicPageKey({ method: req.method, url, cookie: req.get("cookie") });
    if (!key) return next();
    // Rendered to the end even when this client goes away: others may be waiting for it.
    const { page, hit } = await pages.publicPageCache.getOrRender(key, async () => {
      // A nonce of its own: a page that carries it (one with scripts) is not stored.
      const nonce = crypto.randomBytes(16).toString("base64");
      const response = await renderPage(new Request(url, { headers: req.headers }), { ...loadContextOf(req, res), cspNonce: nonce });
      return pages.pageFromResponse({ status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) }, nonce);
    });
    // Not storable (a 404 of a draft, an error, a cookie set): rendered again on the usual path.
    if (!page) return next();
    sendCachedPage(req, res, page, hit);
  } catch (error) {
    next(error);
  }
});

function sendCachedPage(req, res, page, hit) {
  // Brotli where the client takes it (smaller), else gzip; a q=0 refuses an encoding.
  const encoding = storedEncoding(req.headers["accept-encoding"]);
  for (const [name, value] of page.headers) res.setHeader(name, value);
  // The bytes are sent to many: no nonce, the hashes of their inline scripts or none.
  res.setHeader("Content-Security-Policy", page.csp);
  setSecurityHeaders(res);
  res.setHeader("Vary", "Accept-Encoding, Cookie");
  res.setHeader("ETag", page.etags[encoding]);
  res.setHeader("X-Page-Cache", hit ? "hit" : "miss");
  if (pages.matchesEtag(req.headers["if-none-match"], page.etags[encoding])) {
    res.statusCode = 304;
    res.end();
    return;
  }
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", page.bodies[encoding].length);
  res.statusCode = 200;
  res.end(req.method === "HEAD" ? undefined : page.bodies[encoding]);
}

// Brotli where the client takes it (smaller), else gzip, else the bytes as they are; as
// Express's req.acceptsEncodings (negotiator) decides, once per distinct header.
const negotiateEncoding = express.request.acceptsEncodings;
const encodingOf = new Map();
function storedEncoding(acceptEncoding = "") {
  let encoding = encodingOf.get(acceptEncoding);
  if (encoding) return encoding;
  const asked = { headers: { "accept-encoding": acceptEncoding } };
  encoding = ["br", "gzip"].find((e) => negotiateEncoding.call(asked, e) === e) ?? "identity";
  if (encodingOf.size >= 100) encodingOf.clear(); // clients send few distinct headers
  encodingOf.set(acceptEncoding, encoding);
  return encoding;
}

// Pages: brotli at quality 4 (compression's default, stated here because a higher one costs
// tens of milliseconds per page), gzip at level 6. Build assets come precompressed below.
app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }, level: 6 }));

app.use((req, res, next) => {
  const nonce = crypto.randomBytes(16).toString("base64");
  res.locals.cspNonce = nonce;
  res.setHeader("Content-Security-Policy", pages.contentSecurityPolicy(`'self' 'nonce-${nonce}'`));
  setSecurityHeaders(res);
  next();
});

function setSecurityHeaders(res) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

// Origin check: a state-changing request must come from a page of this portal.
app.use((req, res, next) => {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const origin = req.get("origin");
  const own = publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get("host")}`;
  // Browsers send Origin with every POST (forms and uploads included); where it is missing,
  // Sec-Fetch-Site still tells a cross-site request. Non-browser clients carry no cookie
  // a forged request could ride on.
  const crossSite = origin ? origin !== own : req.get("sec-fetch-site") === "cross-site";
  if (crossSite) {
    res.status(403).type("text/plain").send("Forbidden: cross-origin request");
    return;
  }
  next();
});

// Only what the portal's forms send: GET and HEAD for pages, POST with a form body for
// actions. Anything else is answered here (405, 415, 413) instead of by a form parser that
// fails with a 500; uploads (multipart) are limited as they stream (app/infra/uploads.server.ts).
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
const MAX_URLENCODED_BYTES = 10 * 1024 * 1024;
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  if (req.method !== "POST") {
    res.status(405).set("Allow", "GET, HEAD, POST").type("text/plain").send("Method Not Allowed");
    return;
  }
  const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type && !FORM_TYPES.includes(type)) {
    res.status(415).type("text/plain").send("Unsupported Media Type: a form body is expected");
    return;
  }
  if (type === FORM_TYPES[0] && Number(req.get("content-length") ?? 0) > MAX_URLENCODED_BYTES) {
    res.status(413).set("Connection", "close").type("text/plain").send("Payload Too Large");
    return;
  }
  next();
});

// Build assets have a content hash in their name: cached for a year as immutable, and CSS,
// JS and SVG compressed once (brotli at its best quality, gzip 9) when first asked for, then
// served from memory. Fonts (WOFF2) are compressed already and go through express.static.
const ASSETS_DIR = path.join(BUILD_DIR, "client/assets");
const COMPRESSIBLE = { ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".svg": "image/svg+xml", ".json": "application/json" };
const precompressed = new Map();
function compressedAsset(name) {
  if (precompressed.has(name)) return precompressed.get(name);
  let entry = null;
  const file = path.join(ASSETS_DIR, name);
  if (name && !name.includes("/") && !name.startsWith(".") && fs.existsSync(file) && fs.statSync(file).isFile()) {
    const raw = fs.readFileSync(file);
    entry = {
      type: COMPRESSIBLE[path.extname(name)],
      identity: raw,
      br: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      gzip: zlib.gzipSync(raw, { level: 9 }),
    };
  }
  precompressed.set(name, entry); // names are hashed and few; unknown ones are remembered as absent
  return entry;
}
app.use("/assets", (req, res, next) => {
  if (req.method !== "GET" && req.method !== "HEAD") return next();
  const name = decodeURIComponent(req.path.slice(1));
  if (!(path.extname(name) in COMPRESSIBLE)) return next();
  const asset = compressedAsset(name);
  if (!asset) return next();
  const accepted = req.acceptsEncodings("br", "gzip", "identity");
  const encoding = accepted === "br" || accepted === "gzip" ? accepted : "identity";
  res.setHeader("Content-Type", asset.type);
  res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
  res.setHeader("Vary", "Accept-Encoding");
  if (encoding !== "identity") res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", asset[encoding].length);
  res.end(req.method === "HEAD" ? undefined : asset[encoding]);
});
app.use("/assets", express.static(ASSETS_DIR, { immutable: true, maxAge: "1y" }));
// Other files of the client build (favicon): only paths with a file extension, so that no
// page request costs a stat() of the file system first.
const publicFiles = express.static(path.join(BUILD_DIR, "client"), { maxAge: "1h" });
app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: "production",
    getLoadContext: loadContextOf,
  }),
);

// Last resort: a plain page without the error's message or stack (the log has both).
// eslint-disable-next-line no-unused-vars
app.use((error, req, res, _next) => {
  console.error(error);
  if (res.headersSent) return res.end();
  res.status(500).type("text/plain; charset=utf-8").send("Interner Fehler. Bitte versuchen Sie es später erneut.");
});

// Hits of the page cache are answered here, ahead of Express: its request and response
// wrappers and router were a tenth of a hit's cost, and P1 (decision 0030) counts hits. The
// same key, headers, log line and security headers as the Express path; anything else (a
// miss, another request, an error) goes on to Express, which renders or refuses it.
async function answerStoredPage(req, res) {
  if (req.method !== "GET" && req.method !== "HEAD") return false;
  try {
    const url = `${requestProtocol(req)}://${req.headers.host}${req.url}`;
    const key = await pages.publicPageKey({ method: req.method, url, cookie: req.headers.cookie });
    req.publicPageKey = key; // for Express's cache step on a miss: one version query per request
    const page = key ? pages.publicPageCache.get(key) : undefined;
    if (!page) return false;
    logRequest(req, res, req.url.split("?")[0]);
    sendCachedPage(req, res, page, true);
    return true;
  } catch {
    return false; // Express asks again and answers the error
  }
}

// req.protocol as Express gives it: X-Forwarded-Proto counts only behind a trusted proxy.
function requestProtocol(req) {
  const own = req.socket.encrypted ? "https" : "http";
  if (!trustProxy) return own;
  const forwarded = req.headers["x-forwarded-proto"];
  return typeof forwarded === "string" && forwarded ? forwarded.split(",")[0].trim() : own;
}

const server = http.createServer((req, res) => {
  if (req.method !== "GET" && req.method !== "HEAD") return app(req, res);
  answerStoredPage(req, res).then((answered) => answered || app(req, res));
});
server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  console.log(`Portal listening on http://localhost:${actualPort}`);
});

function shutdown(signal) {
  console.log(`${signal} received: finishing requests in flight, then stopping.`);
  server.close(() => process.exit(0));
  server.closeIdleConnections?.();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
