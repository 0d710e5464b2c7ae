import { randomBytes } from "node:crypto";

/** A random, URL-safe id (128 bits). Ids never reveal counts or order. */
export function randomId(): string {
  return randomBytes(16).toString("base64url");
}
