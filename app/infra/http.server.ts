import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { env } from "./env.server";
import { DomainError, httpStatusOf } from "./errors";

/** Throws the 404 that every missing or hidden object answers with. */
export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

/**
 * Turns a domain error into its HTTP status, the refusal as its text in the reader's language
 * (what a download's refusal shows); anything else is rethrown.
 */
export async function toResponse(error: unknown, request: Request): Promise<never> {
  if (!(error instanceof DomainError)) throw error;
  const { t, locale } = await getTranslator(request);
  throw new Response(refusalMessage(error, t, locale), { status: httpStatusOf(error) });
}

/** A download of a signed-in page (CSV, PDF): an attachment with its length, never cached. */
export function downloadResponse(
  body: Uint8Array<ArrayBuffer> | { stream: ReadableStream<Uint8Array>; sizeBytes: number },
  type: "text/csv; charset=utf-8" | "application/pdf" | "application/zip",
  fileName: string,
): Response {
  const bytes = body instanceof Uint8Array;
  return new Response(bytes ? body : body.stream, {
    headers: {
      "Content-Type": type,
      "Content-Length": String(bytes ? body.byteLength : body.sizeBytes),
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}

/** The portal's public base URL: PUBLIC_URL, or the origin the request came in on. */
export function publicBaseUrl(request: Request): string {
  return publicBaseUrlOf(new URL(request.url));
}

/** The base URL where no request is at hand (the CLI): PUBLIC_URL, else this machine's port. */
export function configuredBaseUrl(): string {
  return (env().PUBLIC_URL ?? `http://localhost:${env().PORT}`).replace(/\/$/, "");
}

/** publicBaseUrl of a request's URL (the page cache has the URL, not a Request). */
export function publicBaseUrlOf(url: URL): string {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, "");
  // Without PUBLIC_URL (demo, tests) links in mails point at this machine. The request's Host
  // is the client's to choose: it counts only where it names the loopback interface, so a
  // forged Host cannot turn a password-reset link into one to another site (ASVS 5.1.5).
  if (LOOPBACK_HOST.test(url.host)) return url.origin;
  return configuredBaseUrl();
}

const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/**
 * A redirect target from a form: only paths on this site, never another origin. Browsers
 * drop tabs and line breaks from a URL, so "/\t/evil.example" would lead to
 * //evil.example: control characters and spaces are refused, and the path must resolve to
 * this site's origin.
 */
export function safeRedirectPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return fallback;
  }
  if (/[\u0000-\u0020\u007f]/.test(value)) return fallback;
  const base = "http://portal.invalid";
  try {
    if (new URL(value, base).origin !== base) return fallback;
  } catch {
    return fallback;
  }
  return value;
}
