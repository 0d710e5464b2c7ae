// The call's basics: title, authority, file number, summary, the paragraphs of its text.
import { TextArea, TextField } from "../../components/form";
import type { MessageKey } from "../../i18n";
import { PARAGRAPH_FIELDS } from "../../procurement/authoring-forms";
import { EditorSection, type SectionProps } from "./editor-section";

export function BasicsSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t("authoring.basics.intro")}>
      <TextField name="title" label={t("authoring.basics.title")} defaultValue={v.title} error={err("title")} autoComplete="off" />
      <TextField name="authority" label={t("authoring.basics.authority")} defaultValue={v.authority} error={err("authority")} autoComplete="off" />
      <TextField name="department" label={t("authoring.basics.department")} defaultValue={v.department} error={err("department")} autoComplete="off" />
      <TextField name="fileNumber" label={t("authoring.basics.fileNumber")} hint={t("authoring.basics.fileNumberHint")} defaultValue={v.fileNumber} error={err("fileNumber")} autoComplete="off" />
      <TextArea name="summary" label={t("authoring.basics.summary")} defaultValue={v.summary} error={err("summary")} rows={3} />
      {PARAGRAPH_FIELDS.map((k) => (
        <TextArea
          key={k}
          name={k}
          label={t(`authoring.basics.${k}` as MessageKey)}
          hint={t("authoring.hint.paragraphs")}
          defaultValue={v[k]}
          error={err(k)}
          rows={6}
        />
      ))}
      <TextArea name="illustrativeNotice" label={t("authoring.basics.illustrativeNotice")} defaultValue={v.illustrativeNotice} error={err("illustrativeNotice")} rows={3} />
      <TextArea
        name="illustrative"
        label={t("authoring.basics.illustrative")}
        hint={t("authoring.hint.lines")}
        defaultValue={v.illustrative}
        error={err("illustrative")}
        rows={5}
      />
    </EditorSection>
  );
}
