// The letters of the procedure sent so far, each with its PDF and its text.
import type { MessageKey } from "../../i18n";
import { Section } from "../../components/section";
import { formatDateTime } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import type { Overview } from "./types";

export function LettersSection({ notices }: { notices: Overview["notices"] }) {
  const { t, locale } = useTranslation();
  return (
    <Section level={2} className="stack" title={t("award.letters.title")}>
      {notices.length === 0 ? (
        <p className="kern-body">{t("award.letters.none")}</p>
      ) : (
        <ul className="kern-list">
          {notices.map((n) => (
            <li key={n.id}>
              {t(`award.kind.${n.kind}` as MessageKey)} – {n.organisationName ?? "–"} – {formatDateTime(new Date(n.sentAt), locale)}
              {n.fileId ? (
                <>
                  {" "}
                  (<a className="kern-link" href={`/dateien/${n.fileId}`}>{t("award.letters.pdf")}</a>)
                </>
              ) : null}
              <details>
                <summary className="kern-link">{t("award.letters.text")}</summary>
                <pre className="kern-body notice-text">{n.body}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
