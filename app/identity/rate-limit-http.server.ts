// The one HTTP answer for a blocked attempt: 429 with Retry-After and a German/English
// message naming the minutes to wait, in the form's usual error shape.
import { data } from "@remix-run/node";
import type { Locale, Translate } from "../i18n";
import { isSameBerlinDay } from "../i18n/berlin-time";
import { formatDate, formatTimeOfDay } from "../i18n/format";
import { blockedUntil, clientAddress, retryAfterMinutes, type Blocked } from "./rate-limits.server";

export function tooManyAttemptsMessage(blocked: Blocked, t: Translate): string {
  const minutes = retryAfterMinutes(blocked);
  return minutes === 1 ? t("security.tooManyAttemptsOneMinute") : t("security.tooManyAttempts", { minutes });
}

/**
 * Sign-in locked after too many wrong passwords: until when, as the time of day in Berlin
 * by the server clock (with the date when the block ends on another day).
 */
export function signInLockedMessage(blocked: Blocked, now: Date, t: Translate, locale: Locale): string {
  const until = blockedUntil(blocked, now);
  const time = formatTimeOfDay(until, locale);
  return isSameBerlinDay(until, now)
    ? t("signIn.locked.body", { time })
    : t("signIn.locked.bodyOtherDay", { date: formatDate(until, locale), time });
}

export function tooManyAttempts<T extends Record<string, unknown>>(payload: T, blocked: Blocked) {
  return data(payload, { status: 429, headers: { "Retry-After": String(blocked.retryAfterSeconds) } });
}

/** The request's client address from the load context server.mjs provides. */
export function requestAddress(request: Request, context: { clientAddress?: string } | undefined): string {
  return clientAddress(request, context?.clientAddress);
}
