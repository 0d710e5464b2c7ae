import { Transform, type TransformCallback } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import path from "node:path";
import { db, prepareDatabase } from "./infra/db.server";
import { env } from "./infra/env.server";
import { refuseTestHooksOutsideTests } from "./infra/clock.server";
import { findOrphans } from "./infra/orphans.server";
import { tightenDataDir } from "./infra/private-files.server";
import { checkMasterKey } from "./infra/sealing.server";
import { NonceProvider } from "./infra/nonce";
import { MessageLookups } from "./i18n/page-messages";

const ABORT_DELAY = 5_000;

/**
 * Passes React's output on in one chunk per rendering pass: React writes a page in many
 * small pieces and calls flush() on its destination after each pass. Each piece reaching
 * the compression middleware was one zlib job on the thread pool; a compressed call page
 * cost several times an uncompressed one (docs/benchmarks.md, P1). Streaming of deferred
 * parts is kept: every pass still goes out at its flush().
 */
class Coalescing extends Transform {
  private pending: Buffer[] = [];
  _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.pending.push(chunk);
    callback();
  }
  flush() {
    if (this.pending.length === 0) return;
    this.push(this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending));
    this.pending = [];
  }
  _flush(callback: TransformCallback) {
    this.flush();
    callback();
  }
}
export const streamTimeout = ABORT_DELAY;

// For server.mjs: the rendered-page cache it consults before Remix runs a loader, and the
// CSP it sends (decision 0030).
export { matchesEtag, pageFromResponse, publicPageCache, publicPageKey } from "./infra/page-cache.server";
export { contentSecurityPolicy } from "./infra/csp.server";

/**
 * Called once by server.mjs before it listens: refuses a test hook outside tests, narrows the
 * permissions under DATA_DIR, opens the database, checks pragmas, migrates.
 */
export async function onServerStart(): Promise<void> {
  await prepareDatabase();
  refuseTestHooksOutsideTests();
  const tightened = tightenDataDir(env().dataDir);
  if (tightened.length) console.log(`[storage] narrowed the permissions of ${tightened.length} path(s) under DATA_DIR to the portal's user (0600 files, 0700 directories)`);
  const report = await findOrphans(db(), path.join(env().dataDir, "files"));
  if (report.filesWithoutRows.length || report.rowsWithoutFiles.length) {
    console.warn(
      `[storage] ${report.filesWithoutRows.length} stored file(s) without a database row: ${report.filesWithoutRows.join(", ") || "-"}; ` +
        `${report.rowsWithoutFiles.length} row(s) whose file is missing: ${report.rowsWithoutFiles.join(", ") || "-"}`,
    );
  }
  if (report.removedTempFiles) console.log(`[storage] removed ${report.removedTempFiles} temp file(s) of interrupted uploads`);
  // Sealed storage: the master key is read (or, unset, generated) now, not at the first upload.
  const sealing = await checkMasterKey(db());
  if (sealing.foreignKeys > 0) {
    console.warn(
      `[sealing] ${sealing.foreignKeys} call key(s) are wrapped by another master key than the configured one (${sealing.masterKeyId}): ` +
        "their bids cannot be unsealed. Set PORTAL_MASTER_KEY to the key they were sealed with.",
    );
  }
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        {/* The keys this page looks up: the page carries their texts (i18n/page-messages.tsx). */}
        <MessageLookups.Provider value={new Set()}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </MessageLookups.Provider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new Coalescing();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          noStoreUnlessSet(responseHeaders);
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Pages and their data (client navigation) may hold bids, scores and personal data: no
 * browser or proxy keeps a copy (ASVS 8.2.1), so the back button after signing out shows
 * nothing. A route that wants caching sets its own Cache-Control.
 */
function noStoreUnlessSet(headers: Headers) {
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
}

export function handleDataRequest(response: Response) {
  noStoreUnlessSet(response.headers);
  return response;
}

export function handleError(error: unknown, { request, context }: { request: Request; context?: AppLoadContext }) {
  if (request.signal.aborted) return;
  // One JSON line, like the request log of server.mjs, joined to it by the request id.
  console.error(
    JSON.stringify({
      time: new Date().toISOString(),
      level: "error",
      msg: "unhandled error",
      requestId: context?.requestId ?? null,
      method: request.method,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
}
