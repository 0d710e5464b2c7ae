// The editor's table of contents: a link to each section.
import { TableOfContents } from "../../components/table-of-contents";
import { useTranslation } from "../../i18n/use-translation";
import { SECTIONS } from "../../procurement/authoring-forms";
import { SECTION_TITLES } from "./editor-section";

const ALL = [...SECTIONS, "documents", "publish"] as const;

export function SectionNav() {
  const { t } = useTranslation();
  return <TableOfContents id="abschnitte-titel" className="call-toc" parts={ALL.map((s) => ({ href: `#abschnitt-${s}`, label: t(SECTION_TITLES[s]) }))} />;
}
