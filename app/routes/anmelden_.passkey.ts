// Second step of signing in with a passkey instead of the TOTP code: the page script asks for
// options and posts the browser's answer; a right answer starts a session that proved the
// factor. Failures count against the sign-in limits as wrong codes do (decision 0034).
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { AuthenticationAnswer, jsonAnswer, passkeyRelyingParty } from "../identity/passkey-http.server";
import { requestAddress, tooManyAttemptsMessage } from "../identity/rate-limit-http.server";
import type { Blocked } from "../identity/rate-limits.server";
import type { Translate } from "../i18n";
import { checkBlocked, clearAttempts, recordAttempt, signInKeys } from "../identity/rate-limits.server";
import { passkeySignInOptions, verifyPasskeySignIn } from "../identity/second-factor.server";
import { clearPendingSignIn, homePathFor, pendingSignIn, startSession } from "../identity/sessions.server";
import { sessionUserById } from "../identity/users.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { safeRedirectPath } from "../infra/http.server";

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("options") }),
  z.object({ intent: z.literal("verify"), weiter: z.string().default(""), response: AuthenticationAnswer }),
]);

export async function action({ request, context }: ActionFunctionArgs) {
  const { t, locale } = await getTranslator(request);
  const now = serverNow();
  const userId = await pendingSignIn(request, now);
  const user = userId ? await sessionUserById(userId) : null;
  if (!user) return jsonAnswer({ error: t("security.code.expired") }, { status: 400 });
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return jsonAnswer({ error: t("security.passkey.failed") }, { status: 400 });
  const limits = signInKeys(user.email, requestAddress(request, context));
  const blocked = await checkBlocked(limits);
  if (blocked) return limited(blocked, t);
  const rp = passkeyRelyingParty(request);
  if (parsed.data.intent === "options") {
    try {
      return jsonAnswer({ options: await passkeySignInOptions({ userId: user.id, rp, now }) });
    } catch (error) {
      if (error instanceof DomainError) return jsonAnswer({ error: refusalMessage(error, t, locale) }, { status: 400 });
      throw error;
    }
  }
  if (!(await verifyPasskeySignIn({ userId: user.id, response: parsed.data.response, rp, now }))) {
    const nowBlocked = await recordAttempt(limits);
    if (nowBlocked) return limited(nowBlocked, t);
    return jsonAnswer({ error: t("security.passkey.failed") }, { status: 400 });
  }
  await clearAttempts(limits.filter((l) => l.rule !== "sign-in:address"));
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(user, now, undefined, { replacing: request, secondFactorAt: now }));
  headers.append("Set-Cookie", await clearPendingSignIn());
  return jsonAnswer({ redirect: safeRedirectPath(parsed.data.weiter, homePathFor(user.role)) }, { headers });
}

/** 429 with Retry-After, as the code step answers a blocked account. */
function limited(blocked: Blocked, t: Translate): Response {
  return jsonAnswer({ error: tooManyAttemptsMessage(blocked, t) }, { status: 429, headers: new Headers({ "Retry-After": String(blocked.retryAfterSeconds) }) });
}
