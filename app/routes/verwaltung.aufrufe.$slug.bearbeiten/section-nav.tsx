// The editor's table of contents: a link to each section.
import { PageContents } from "../../components/page-contents";
import { useTranslation } from "../../i18n/use-translation";
import { SECTIONS } from "../../procurement/authoring-forms";
import { SECTION_TITLES } from "./editor-section";

const ALL = [...SECTIONS, "documents", "publish"] as const;

export function SectionNav() {
  const { t } = useTranslation();
  return <PageContents headingId="abschnitte-titel" links={ALL.map((s) => ({ href: `#abschnitt-${s}`, label: t(SECTION_TITLES[s]) }))} />;
}
