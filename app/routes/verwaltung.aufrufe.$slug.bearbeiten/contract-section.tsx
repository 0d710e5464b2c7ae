// Vertragsbedingungen (decisions 0022, 0027): the reporting duty, the vacancy tolerance and the
// bounds of adjustments that every contract of the call carries.
import { AnchorError, Select, TextField } from "../../components/form";
import { EditorSection, type SectionProps } from "./editor-section";

export function ContractSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const number = (name: string, label: Parameters<typeof t>[0], hint: Parameters<typeof t>[0]) => (
    <TextField name={name} label={t(label)} hint={t(hint)} inputMode="numeric" defaultValue={v[name]} error={err(name)} size={4} autoComplete="off" />
  );
  return (
    <EditorSection {...rest} intro={t("authoring.contract.intro")}>
      <AnchorError name="contract" error={err("contract")} />
      <Select
        name="contract.reporting.interval"
        label={t("authoring.contract.interval")}
        hint={t("authoring.contract.intervalHint")}
        defaultValue={v["contract.reporting.interval"]}
        error={err("contract.reporting.interval")}
        options={[
          { value: "monthly", label: t("contracts.interval.monthly") },
          { value: "quarterly", label: t("contracts.interval.quarterly") },
        ]}
      />
      {number("contract.reporting.dueDays", "authoring.contract.dueDays", "authoring.contract.dueDaysHint")}
      {number("contract.vacancyToleranceDays", "authoring.contract.vacancy", "authoring.contract.vacancyHint")}
      {number("contract.adjustmentTolerancePercent", "authoring.contract.tolerance", "authoring.contract.toleranceHint")}
      {number("contract.adjustmentBoundsPercent", "authoring.contract.bounds", "authoring.contract.boundsHint")}
    </EditorSection>
  );
}
