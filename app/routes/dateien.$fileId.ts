import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { requireActor } from "../identity/sessions.server";
import { toResponse } from "../infra/http.server";
import path from "node:path";
import { env } from "../infra/env.server";
import { fileStorage, localStorage } from "../infra/storage.server";
import { fileForActor } from "../submission/access.server";

// Every stored file is served here and only here, after the access rules of
// app/submission/access.server.ts: always as a download, with the type decided at upload.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireActor(request);
  let file;
  try {
    file = fileForActor({ actor, fileId: params.fileId ?? "" });
  } catch (error) {
    return toResponse(error);
  }
  // A file stays where it was stored, even if the configured backend changed since.
  const storage = fileStorage().backend === file.backend ? fileStorage() : localStorage(path.join(env().dataDir, "files"));
  const stream = await storage.read(file.storageKey);
  const asciiName = file.originalName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
}
