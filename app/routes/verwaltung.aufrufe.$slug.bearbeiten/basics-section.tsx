// The call's basics: title, authority, file number, summary, the paragraphs of its text.
import { Area, Input } from "../../components/authoring-fields";
import type { MessageKey } from "../../i18n";
import { PARAGRAPH_FIELDS } from "../../procurement/authoring-forms";
import { EditorSection, type SectionProps } from "./editor-section";

export function BasicsSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t("authoring.basics.intro")}>
      <Input name="title" label={t("authoring.basics.title")} value={v.title} error={err("title")} />
      <Input name="authority" label={t("authoring.basics.authority")} value={v.authority} error={err("authority")} />
      <Input name="department" label={t("authoring.basics.department")} value={v.department} error={err("department")} />
      <Input name="fileNumber" label={t("authoring.basics.fileNumber")} hint={t("authoring.basics.fileNumberHint")} value={v.fileNumber} error={err("fileNumber")} />
      <Area name="summary" label={t("authoring.basics.summary")} value={v.summary} error={err("summary")} rows={3} />
      {PARAGRAPH_FIELDS.map((k) => (
        <Area
          key={k}
          name={k}
          label={t(`authoring.basics.${k}` as MessageKey)}
          hint={t("authoring.hint.paragraphs")}
          value={v[k]}
          error={err(k)}
          rows={6}
        />
      ))}
      <Area name="illustrativeNotice" label={t("authoring.basics.illustrativeNotice")} value={v.illustrativeNotice} error={err("illustrativeNotice")} rows={3} />
      <Area
        name="illustrative"
        label={t("authoring.basics.illustrative")}
        hint={t("authoring.hint.lines")}
        value={v.illustrative}
        error={err("illustrative")}
        rows={5}
      />
    </EditorSection>
  );
}
