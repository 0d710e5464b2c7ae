import { useTranslation } from "../i18n/use-translation";

export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <div className="kern-alert kern-alert--warning demo-banner" role="note">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--warning" aria-hidden="true" />
        <span className="kern-title">{t("home.demoTag")}</span>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">{t("demo.banner")}</p>
      </div>
    </div>
  );
}
