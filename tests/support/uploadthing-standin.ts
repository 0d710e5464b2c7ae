// A stand-in for UploadThing on loopback, for the UploadThing storage adapter's tests.
//
// What the v7 server SDK (UTApi, node_modules/uploadthing/server/index.js) sends, and where:
// - uploadFiles: no API call. It makes the file key itself (generateKey), signs
//   `<ingestUrl>/<key>?expires=…&x-ut-identifier=<appId>&x-ut-file-name=…&x-ut-file-size=…
//   &x-ut-file-type=…&x-ut-content-disposition=…&x-ut-acl=…` with HMAC-SHA256 under the apiKey
//   (`&signature=hmac-sha256=<hex>` appended) and PUTs multipart form data (field "file") to
//   it; the answer is JSON { url, appUrl, ufsUrl, fileHash }.
//   ingestUrl = config `ingestUrl` / env UPLOADTHING_INGEST_URL, else
//   https://<token.regions[0]>.<token.ingestHost ?? "ingest.uploadthing.com">.
// - generateSignedURL: no request. It signs `<proto>://<ufsHost>/a/<appId>/<key>?expires=…`
//   (ufsAppIdLocation "path"; "subdomain" gives <appId>.<ufsHost>/f/<key>); proto is http
//   only when ufsHost contains "local", hence ufsHost "localhost:<port>" here.
// - deleteFiles: POST <apiUrl>/v6/deleteFiles { fileKeys } with header x-uploadthing-api-key;
//   answer { success, deletedCount }. apiUrl = config `apiUrl` / env UPLOADTHING_API_URL,
//   else https://api.uploadthing.com.
// - getSignedURL (not used by the adapter): POST <apiUrl>/v6/requestFileAccess.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export type StoredUpload = {
  bytes: Buffer;
  name: string;
  size: number;
  type: string;
  acl: string | null;
  contentDisposition: string | null;
};

export type UploadThingStandIn = {
  baseUrl: string;
  token: string;
  apiKey: string;
  appId: string;
  /** Options for uploadThingStorage() / UTApi that point the SDK here. */
  sdkOptions: { apiUrl: string; ingestUrl: string; ufsHost: string; ufsAppIdLocation: "path" };
  /** The same as UPLOADTHING_* environment variables the SDK reads. */
  sdkEnv: Record<string, string>;
  files: Map<string, StoredUpload>;
  requests: Array<{ method: string; path: string; status: number }>;
  close(): Promise<void>;
};

const SIGNATURE_PREFIX = "hmac-sha256=";

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export async function startUploadThingStandIn(): Promise<UploadThingStandIn> {
  const apiKey = `sk_standin_${randomBytes(12).toString("hex")}`;
  const appId = `standin${randomBytes(4).toString("hex")}`;
  const files = new Map<string, StoredUpload>();
  const requests: UploadThingStandIn["requests"] = [];

  /** The signed URL's signature is valid (over the URL as the SDK built it) and unexpired. */
  function signedOk(req: http.IncomingMessage): URL | null {
    const raw = req.url ?? "";
    const at = raw.lastIndexOf("&signature=");
    if (at < 0) return null;
    const signed = `http://${req.headers.host}${raw.slice(0, at)}`;
    const url = new URL(`http://${req.headers.host}${raw}`);
    const signature = url.searchParams.get("signature") ?? "";
    if (!signature.startsWith(SIGNATURE_PREFIX)) return null;
    const expected = createHmac("sha256", apiKey).update(signed).digest();
    const given = Buffer.from(signature.slice(SIGNATURE_PREFIX.length), "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    if (!(Number(url.searchParams.get("expires")) > Date.now())) return null;
    return url;
  }

  function json(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  const server = http.createServer(async (req, res) => {
    const pathname = new URL(req.url ?? "/", "http://x").pathname;
    res.on("finish", () => requests.push({ method: req.method ?? "", path: pathname, status: res.statusCode }));
    try {
      const base = `http://${req.headers.host}`;
      let m: RegExpMatchArray | null;

      // Ingest: PUT /ingest/<key>?<signed params>
      if (req.method === "PUT" && (m = pathname.match(/^\/ingest\/([^/]+)$/))) {
        const key = decodeURIComponent(m[1]);
        const url = signedOk(req);
        const param = (name: string) => {
          const v = url?.searchParams.get(name);
          return v == null ? null : decodeURIComponent(v); // the SDK encodes values once more
        };
        if (!url || param("x-ut-identifier") !== appId) return json(res, 403, { error: "Invalid signature" });
        const body = await readBody(req);
        const form = await new Response(new Uint8Array(body), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
        const file = form.get("file");
        if (!(file instanceof Blob)) return json(res, 400, { error: "No file" });
        const bytes = Buffer.from(await file.arrayBuffer());
        if (String(bytes.length) !== param("x-ut-file-size")) return json(res, 400, { error: "Size mismatch" });
        files.set(key, {
          bytes,
          name: param("x-ut-file-name") ?? "",
          size: bytes.length,
          type: param("x-ut-file-type") ?? "",
          acl: param("x-ut-acl"),
          contentDisposition: param("x-ut-content-disposition"),
        });
        return json(res, 200, {
          url: `${base}/f/${key}`,
          appUrl: `${base}/a/${appId}/${key}`,
          ufsUrl: `${base}/a/${appId}/${key}`,
          fileHash: createHash("md5").update(bytes).digest("hex"),
        });
      }

      // File access: GET /a/<appId>/<key>?expires=…&signature=…
      if (req.method === "GET" && (m = pathname.match(/^\/a\/([^/]+)\/([^/]+)$/))) {
        const key = decodeURIComponent(m[2]);
        if (m[1] !== appId || !signedOk(req)) return json(res, 403, { error: "Invalid signature" });
        const file = files.get(key);
        if (!file) return json(res, 404, { error: "Not found" });
        res.writeHead(200, { "content-type": file.type, "content-length": file.size });
        return res.end(file.bytes);
      }

      // API: POST /api/v6/<action>
      if (req.method === "POST" && (m = pathname.match(/^\/api\/v6\/(\w+)$/))) {
        if (req.headers["x-uploadthing-api-key"] !== apiKey) return json(res, 401, { error: "Invalid API key" });
        const body = JSON.parse((await readBody(req)).toString("utf8") || "{}") as Record<string, unknown>;
        if (m[1] === "deleteFiles") {
          const keys = (body.fileKeys as string[] | undefined) ?? [];
          let deletedCount = 0;
          for (const key of keys) if (files.delete(key)) deletedCount++;
          return json(res, 200, { success: true, deletedCount });
        }
        return json(res, 404, { error: `Not implemented in the stand-in: ${m[1]}` });
      }

      return json(res, 404, { error: "Not found" });
    } catch (error) {
      return json(res, 500, { error: String(error) });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const token = Buffer.from(JSON.stringify({ apiKey, appId, regions: ["standin-1"] })).toString("base64");
  const sdkOptions = {
    apiUrl: `${baseUrl}/api`,
    ingestUrl: `${baseUrl}/ingest`,
    // The SDK uses http only for a ufsHost containing "local"; localhost resolves to loopback.
    ufsHost: `localhost:${port}`,
    ufsAppIdLocation: "path" as const,
  };

  return {
    baseUrl,
    token,
    apiKey,
    appId,
    sdkOptions,
    sdkEnv: {
      UPLOADTHING_TOKEN: token,
      UPLOADTHING_API_URL: sdkOptions.apiUrl,
      UPLOADTHING_INGEST_URL: sdkOptions.ingestUrl,
      UPLOADTHING_UFS_HOST: sdkOptions.ufsHost,
      UPLOADTHING_UFS_APP_ID_LOCATION: sdkOptions.ufsAppIdLocation,
    },
    files,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
