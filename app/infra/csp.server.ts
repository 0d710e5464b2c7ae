// The Content-Security-Policy of every response (server.mjs). Pages rendered for one request
// allow the scripts carrying that request's nonce; cached pages, sent to many, allow the
// SHA-256 of their inline scripts or none (page-cache.server.ts, decision 0030).
export function contentSecurityPolicy(scriptSrc: string): string {
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}
