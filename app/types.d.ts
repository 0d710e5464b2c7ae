import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    /** Set by server.mjs; the same id is in the X-Request-Id header and the request log line. */
    requestId?: string;
  }
}
