// Starting or continuing an expression of interest: the one form that starts it (the
// dashboard's action, app/routes/traeger._index.tsx, intent "start") and what the public
// call page offers its reader (app/submission/rules.ts `startOffer`).
import { Form, Link } from "@remix-run/react";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import type { StartOffer } from "../submission/rules";

/** Starts the organisation's application for the call (or opens the one it has) and goes there. */
export function StartApplicationButton({ callSlug, callTitle }: { callSlug: string; callTitle?: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action="/traeger">
      <input type="hidden" name="intent" value="start" />
      <input type="hidden" name="callSlug" value={callSlug} />
      <button type="submit" className="kern-btn kern-btn--primary" aria-label={callTitle ? `${t("dashboard.start")}: ${callTitle}` : undefined}>
        <span className="kern-label">{t("dashboard.start")}</span>
      </button>
    </Form>
  );
}

/** The call page's way in: sign in or register, start, or continue the organisation's own application. */
export function CallPageOffer({ offer, callSlug }: { offer: StartOffer; callSlug: string }) {
  const { t } = useTranslation();
  return (
    <section id="interessenbekundung" aria-labelledby="interessenbekundung-titel" className="kern-card call-section">
      <div className="kern-card__container stack">
        <h2 id="interessenbekundung-titel" className="kern-heading-medium">
          {t("call.apply.title")}
        </h2>
        {offer.kind === "sign-in" ? (
          <p className="kern-body">
            <Link className="kern-link" to={`/anmelden?weiter=${encodeURIComponent(`/aufrufe/${callSlug}`)}`}>
              {t("call.apply.signIn")}
            </Link>{" "}
            {t("call.apply.or")}{" "}
            <Link className="kern-link" to="/registrieren">
              {t("call.apply.register")}
            </Link>
            {t("call.apply.toApply")}
          </p>
        ) : offer.kind === "start" ? (
          <>
            <p className="kern-body">{t("call.apply.none")}</p>
            <StartApplicationButton callSlug={callSlug} />
          </>
        ) : (
          <>
            <p className="kern-body">{t(`call.apply.${offer.status}` as MessageKey)}</p>
            <p className="kern-body kern-body--bold">
              <Link className="kern-link" to={`/traeger/bewerbungen/${offer.applicationId}`}>
                {t(offer.status === "draft" ? "call.apply.continue" : "call.apply.view")}
              </Link>
            </p>
          </>
        )}
      </div>
    </section>
  );
}
