// Remix builds a document response's headers only from a route's `headers` export; a
// blocked attempt's Retry-After (set by tooManyAttempts) is passed on here.
import type { HeadersFunction } from "@remix-run/node";

export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};
