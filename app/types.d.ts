import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    /** Set by server.mjs; the same id is in the X-Request-Id header and the request log line. */
    requestId?: string;
    /** The socket's peer address (server.mjs); rate limits read it via clientAddress(). */
    clientAddress?: string;
  }
}
