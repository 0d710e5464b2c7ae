// What the passkey routes share: the relying party of this request, and the browser's
// answers as the page script posts them (JSON in a form field).
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { env } from "../infra/env.server";
import { publicBaseUrl } from "../infra/http.server";
import { relyingPartyOf, type RelyingParty } from "./second-factor.server";

/** The portal's public address names the relying party (PUBLIC_URL in production). */
export function passkeyRelyingParty(request: Request): RelyingParty {
  return relyingPartyOf(publicBaseUrl(request), `Interessenbekundung ${env().CITY_NAME}`);
}

// The library checks the content; here only that it is a credential's JSON at all.
const credentialJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "not JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.object({ id: z.string().min(1), rawId: z.string().min(1), type: z.literal("public-key"), response: z.object({}).passthrough() }).passthrough());

export const RegistrationAnswer = credentialJson.transform((value) => value as unknown as RegistrationResponseJSON);
export const AuthenticationAnswer = credentialJson.transform((value) => value as unknown as AuthenticationResponseJSON);

/**
 * The JSON answer to the page script. A Response of its own: a resource route's `data()` is
 * not sent with its headers, and the sign-in's answer carries the new session's cookie.
 */
export function jsonAnswer(body: unknown, init: { status?: number; headers?: Headers } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { status: init.status ?? 200, headers });
}
