import { useTranslation } from "../i18n/use-translation";
import { Alert } from "./alert";

export function DemoBanner() {
  const { t } = useTranslation();
  return (
    <Alert tone="warning" className="demo-banner" icon title={t("home.demoTag")}>
      <p className="kern-body">{t("demo.banner")}</p>
    </Alert>
  );
}
