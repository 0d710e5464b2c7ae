// The editor's table of contents: a link to each section.
import { useTranslation } from "../../i18n/use-translation";
import { SECTIONS } from "../../procurement/authoring-forms";
import { SECTION_TITLES } from "./editor-section";

const ALL = [...SECTIONS, "documents", "publish"] as const;

export function SectionNav() {
  const { t } = useTranslation();
  return (
    <nav aria-labelledby="abschnitte-titel" className="call-toc">
      <h2 id="abschnitte-titel" className="kern-heading-medium">
        {t("call.onThisPage")}
      </h2>
      <ul className="kern-list">
        {ALL.map((s) => (
          <li key={s}>
            <a className="kern-link" href={`#abschnitt-${s}`}>
              {t(SECTION_TITLES[s])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
