// The editor of a call that is no longer a draft: it says so and links to the amendments.
import { Link } from "@remix-run/react";
import { Alert } from "../../components/alert";
import { useTranslation } from "../../i18n/use-translation";

export function NotDraft({ crumbs, hub }: { crumbs: React.ReactNode; hub: string }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      {crumbs}
      <h1 className="kern-heading-x-large">{t("authoring.edit.title")}</h1>
      <Alert tone="info">
        <p className="kern-body">{t("authoring.edit.notDraft")}</p>
      </Alert>
      <p>
        <Link className="kern-link" to={`${hub}/aenderungen`}>
          {t("officer.step.amend")}
        </Link>
      </p>
    </div>
  );
}
