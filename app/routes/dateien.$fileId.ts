import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable, redirect } from "@remix-run/node";
import { currentUser, requireActor } from "../identity/sessions.server";
import { DomainError } from "../infra/errors";
import { toResponse } from "../infra/http.server";
import { openFileForActor } from "../submission/access.server";

// Every stored file is served here and only here, after the access rules of
// app/submission/access.server.ts: always as a download, with the type decided at upload.
// Without an account only the documents of a published call are served; anything else
// asks to sign in, whether it exists or not. Sealed bid files are decrypted on the way out.
// nosniff comes from server.mjs, as for every answer: set here too, it would be sent twice.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const fileId = params.fileId ?? "";
  const signedIn = Boolean(await currentUser(request));
  let opened;
  try {
    opened = await openFileForActor({ actor: signedIn ? (await requireActor(request)).actor : null, fileId });
  } catch (error) {
    if (!signedIn && error instanceof DomainError && error.code === "NOT_FOUND") {
      const url = new URL(request.url);
      throw redirect(`/anmelden?weiter=${encodeURIComponent(url.pathname + url.search)}`);
    }
    return toResponse(error, request);
  }
  const { file, stream } = opened;
  const asciiName = file.originalName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(file.sizeBytes),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.originalName)}`,
      "Cache-Control": "no-store",
    },
  });
}
