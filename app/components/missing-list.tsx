import { Link } from "@remix-run/react";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import type { MissingItem } from "../submission/rules";

/** Where the carrier fixes a missing item (see `missingItems` anchors). */
export function missingHref(applicationId: string, anchor: string): string {
  const base = `/traeger/bewerbungen/${applicationId}`;
  if (anchor.startsWith("los:")) {
    const [lotId, field] = anchor.slice(4).split("#");
    return `${base}/lose/${lotId}#feld-${field}`;
  }
  if (anchor.startsWith("unterlagen#")) return `${base}/unterlagen#feld-${anchor.slice(11)}`;
  if (anchor.startsWith("erklaerungen#")) return `${base}/erklaerungen#erklaerung-${anchor.slice(13)}`;
  return `${base}#${anchor}`;
}

/** Vollständigkeitsprüfung: everything still missing, each linked to where it is fixed. */
export function MissingList({ applicationId, items }: { applicationId: string; items: MissingItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) {
    return (
      <div className="kern-alert kern-alert--success" role="status" id="vollstaendigkeit">
        <div className="kern-alert__header">
          <span className="kern-icon kern-icon--success" aria-hidden="true" />
          <span className="kern-title">{t("missing.complete")}</span>
        </div>
      </div>
    );
  }
  return (
    <div className="kern-alert kern-alert--warning" id="vollstaendigkeit">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--warning" aria-hidden="true" />
        <h2 className="kern-title">{t("missing.title", { count: items.length })}</h2>
      </div>
      <div className="kern-alert__body">
        <ul className="kern-list">
          {items.map((item, i) => (
            <li key={i}>
              <Link className="kern-link" to={missingHref(applicationId, item.anchor)}>
                {t(item.key as MessageKey, item.params)}
              </Link>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
