// The one HTTP answer for a blocked attempt: 429 with Retry-After and a German/English
// message naming the minutes to wait, in the form's usual error shape.
import { data } from "@remix-run/node";
import type { Translate } from "../i18n";
import { clientAddress, retryAfterMinutes, type Blocked } from "./rate-limits.server";

export function tooManyAttemptsMessage(blocked: Blocked, t: Translate): string {
  const minutes = retryAfterMinutes(blocked);
  return minutes === 1 ? t("security.tooManyAttemptsOneMinute") : t("security.tooManyAttempts", { minutes });
}

export function tooManyAttempts<T extends Record<string, unknown>>(payload: T, blocked: Blocked) {
  return data(payload, { status: 429, headers: { "Retry-After": String(blocked.retryAfterSeconds) } });
}

/** The request's client address from the load context server.mjs provides. */
export function requestAddress(request: Request, context: { clientAddress?: string } | undefined): string {
  return clientAddress(request, context?.clientAddress);
}
