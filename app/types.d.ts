import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce?: string;
    /** The socket's peer address (server.mjs); rate limits read it via clientAddress(). */
    clientAddress?: string;
  }
}
