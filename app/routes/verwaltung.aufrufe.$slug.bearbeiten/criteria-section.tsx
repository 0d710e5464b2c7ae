// The award criteria with their weights; the sum is shown as the officer types (with JavaScript).
import { useState } from "react";
import { AnchorError, Area, Check, Input, Select } from "../../components/authoring-fields";
import { rowIndices, weightSum, type FormValues } from "../../procurement/authoring-forms";
import { EditorSection, RowCard, type SectionProps } from "./editor-section";

export function CriteriaSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t, stored } = ctx;
  const rows = rowIndices("criteria", v);
  const storedCount = rowIndices("criteria", stored).length - 1;
  const [sum, setSum] = useState<number | null>(null);
  const shown = sum ?? weightSum(v);
  const sumError = err("criteria");
  // The sum's error is shown at every weight the officer changed, too.
  const weightError = (p: string) => err(`${p}.weight`) ?? (sumError && v[`${p}.weight`] !== stored[`${p}.weight`] ? sumError : undefined);
  const onInput: React.FormEventHandler<HTMLFormElement> = (event) => {
    const form = event.currentTarget;
    const values: FormValues = {};
    for (const [k, value] of new FormData(form)) if (typeof value === "string") values[k] = value;
    setSum(weightSum(values));
  };
  return (
    <EditorSection {...rest} intro={t("authoring.criteria.intro")} onInput={onInput}>
      {rows.map((i, n) => {
        const p = `criteria[${i}]`;
        const isNew = i >= storedCount;
        const legend = isNew ? t("authoring.criteria.new", { n: n + 1 }) : t("authoring.criteria.row", { n: n + 1, name: v[`${p}.name`] ?? "" });
        const group = t("authoring.criteria.group", { n: n + 1 });
        return (
          <RowCard key={i} legend={legend}>
            <Input group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} value={v[`${p}.code`]} error={err(`${p}.code`)} />
            <Input group={group} name={`${p}.name`} label={t("authoring.field.name")} value={v[`${p}.name`]} error={err(`${p}.name`)} />
            <Area group={group} name={`${p}.description`} label={t("authoring.field.description")} value={v[`${p}.description`]} error={err(`${p}.description`)} rows={3} />
            <Input group={group} name={`${p}.weight`} label={t("authoring.criteria.weight")} inputMode="numeric" value={v[`${p}.weight`]} error={weightError(p)} size={4} />
            <Select
              group={group}
              name={`${p}.kind`}
              label={t("authoring.criteria.kind")}
              value={v[`${p}.kind`] || "quality"}
              error={err(`${p}.kind`)}
              options={[
                { value: "quality", label: t("authoring.criteria.quality") },
                { value: "price", label: t("authoring.criteria.price") },
              ]}
            />
            <Area group={group} name={`${p}.priceFormula`} label={t("authoring.criteria.formula")} hint={t("authoring.criteria.formulaHint")} value={v[`${p}.priceFormula`]} error={err(`${p}.priceFormula`)} rows={2} />
            {i < storedCount ? <Check group={group} name={`${p}.remove`} label={t("authoring.criteria.remove")} checked={Boolean(v[`${p}.remove`])} /> : null}
          </RowCard>
        );
      })}
      <AnchorError name="criteria" error={sumError}>
        <p className="kern-body kern-body--bold" aria-live="polite">
          {t("authoring.criteria.sum", { sum: shown })}
        </p>
      </AnchorError>
    </EditorSection>
  );
}
