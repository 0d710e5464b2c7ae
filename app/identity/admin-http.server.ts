// What the administrator pages share: who may open them, and the second factor their acts
// need (decision 0035: account administration is as sensitive as the opening).
import { data } from "@remix-run/node";
import type { Translate } from "../i18n";
import { requireSession, type CurrentSession } from "./sessions.server";

export function requireAdministrator(request: Request): Promise<CurrentSession> {
  return requireSession(request, { roles: ["administrator"] });
}

/**
 * Null when the session proved the second factor; otherwise the refusal to return (403).
 * requireSession already lets no unproven staff session through (decision 0034); this stays as
 * a second lock on the acts that change who may do what, should that rule ever be relaxed.
 */
export function withoutSecondFactor(session: CurrentSession, t: Translate) {
  return session.secondFactorAt ? null : data({ errors: { _form: t("security.admin.needsFactor") } as Record<string, string>, values: {} as Record<string, string> }, { status: 403 });
}
