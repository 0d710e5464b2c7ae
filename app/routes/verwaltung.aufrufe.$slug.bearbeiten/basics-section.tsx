// The call's basics: title, authority, file number, summary, the paragraphs of its text.
import { Checkbox, Select, TextArea, TextField } from "../../components/form";
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
      <TextField name="payScale.name" label={t("authoring.pay.scale")} defaultValue={v["payScale.name"]} error={err("payScale.name")} autoComplete="off" />
      <TextArea name="payScale.groups" label={t("authoring.pay.groups")} hint={t("authoring.pay.groupsHint")} defaultValue={v["payScale.groups"]} error={err("payScale.groups")} rows={6} />
      <TextField name="payScale.fullTimeWeeklyHours" label={t("authoring.pay.fullTimeHours")} hint={t("authoring.pay.fullTimeHoursHint")} inputMode="decimal" defaultValue={v["payScale.fullTimeWeeklyHours"]} error={err("payScale.fullTimeWeeklyHours")} size={5} autoComplete="off" />
      <Checkbox name="payScale.tariffOrEquivalentRequired" label={t("authoring.pay.tariff")} defaultChecked={Boolean(v["payScale.tariffOrEquivalentRequired"])} error={err("payScale.tariffOrEquivalentRequired")} />
      <Checkbox name="payScale.illustrative" label={t("authoring.pay.illustrative")} defaultChecked={Boolean(v["payScale.illustrative"])} error={err("payScale.illustrative")} />
      <Select
        name="costRule.kind"
        label={t("authoring.cost.kind")}
        defaultValue={v["costRule.kind"] ?? "nonPersonnelPerFte"}
        error={err("costRule.kind")}
        options={[
          { value: "nonPersonnelPerFte", label: t("authoring.cost.nonPersonnelPerFte") },
          { value: "qualityOnly", label: t("authoring.cost.qualityOnly") },
        ]}
      />
      <TextArea name="costRule.fixedRates" label={t("authoring.cost.fixedRates")} hint={t("authoring.cost.fixedRatesHint")} defaultValue={v["costRule.fixedRates"]} error={err("costRule.fixedRates")} rows={3} />
      <TextArea name="costRule.reason" label={t("authoring.cost.reason")} hint={t("authoring.hint.paragraphs")} defaultValue={v["costRule.reason"]} error={err("costRule.reason")} rows={5} />
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
