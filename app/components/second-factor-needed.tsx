// The warning of a four-eyes page (opening, award) whose session has not proved the second
// factor: what the step needs, and where to set the factor up.
import { Link } from "@remix-run/react";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { Alert } from "./alert";

export function SecondFactorNeeded({ message }: { message: Extract<MessageKey, `security.${string}.needsFactor`> }) {
  const { t } = useTranslation();
  return (
    <Alert tone="warning" role="status">
      <p className="kern-body">{t(message)}</p>
      <p className="kern-body">
        <Link className="kern-link" to="/konto/zwei-faktor">
          {t("security.totp.link")}
        </Link>
      </p>
    </Alert>
  );
}
