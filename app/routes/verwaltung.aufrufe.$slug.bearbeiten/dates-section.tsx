// The call's dates in German wall-clock time, each with the stored instant as its hint.
import { AnchorError, TextField } from "../../components/form";
import type { MessageKey } from "../../i18n";
import { formatDateTime } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { DATE_KEYS } from "../../procurement/authoring-forms";
import { EditorSection, type SectionProps } from "./editor-section";

export function DatesSection({ ctx, stored, ...rest }: SectionProps & { stored: Record<string, string> }) {
  const { v, err, t } = ctx;
  const { locale } = useTranslation();
  return (
    <EditorSection {...rest} intro={t("authoring.dates.intro")}>
      <AnchorError name="dates" error={err("dates")} />
      {DATE_KEYS.map((k) => (
        <TextField
          key={k}
          type="datetime-local"
          name={`dates.${k}`}
          label={`${t(`call.dates.${k}` as MessageKey)} (${t("authoring.dates.zone")})`}
          hint={t("authoring.dates.stored", { date: formatDateTime(new Date(stored[k]), locale) })}
          defaultValue={v[`dates.${k}`]}
          error={err(`dates.${k}`)}
          autoComplete="off"
        />
      ))}
    </EditorSection>
  );
}
