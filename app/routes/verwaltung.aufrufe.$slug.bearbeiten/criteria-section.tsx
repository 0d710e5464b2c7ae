// The award criteria with their weights; the sum is shown as the officer types (with JavaScript).
import { useState } from "react";
import { AnchorError, Checkbox, Select, TextArea, TextField } from "../../components/form";
import { useMessagesForLater } from "../../i18n/use-translation";
import { rowIndices, weightSums, type FormValues } from "../../procurement/authoring-forms";
import { EditorSection, RowCard, type LoaderData, type SectionProps } from "./editor-section";

export function CriteriaSection({ ctx, roles, ...rest }: SectionProps & { roles: LoaderData["roles"] }) {
  const { v, err, t, stored } = ctx;
  const rows = rowIndices("criteria", v);
  const storedCount = rowIndices("criteria", stored).length - 1;
  const [sums, setSums] = useState<ReturnType<typeof weightSums> | null>(null);
  // A role's own sum may first appear as the officer types.
  useMessagesForLater(["authoring.criteria.sum", "authoring.criteria.sumOfRole"]);
  const shown = sums ?? weightSums(v, roles);
  const sumError = err("criteria");
  // The sum's error is shown at every weight the officer changed, too.
  const weightError = (p: string) => err(`${p}.weight`) ?? (sumError && v[`${p}.weight`] !== stored[`${p}.weight`] ? sumError : undefined);
  const onInput: React.FormEventHandler<HTMLFormElement> = (event) => {
    const form = event.currentTarget;
    const values: FormValues = {};
    for (const [k, value] of new FormData(form)) if (typeof value === "string") values[k] = value;
    setSums(weightSums(values, roles));
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
            <TextField group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} defaultValue={v[`${p}.code`]} error={err(`${p}.code`)} autoComplete="off" />
            <TextField group={group} name={`${p}.name`} label={t("authoring.field.name")} defaultValue={v[`${p}.name`]} error={err(`${p}.name`)} autoComplete="off" />
            <TextArea group={group} name={`${p}.description`} label={t("authoring.field.description")} defaultValue={v[`${p}.description`]} error={err(`${p}.description`)} rows={3} />
            <TextField group={group} name={`${p}.weight`} label={t("authoring.criteria.weight")} inputMode="numeric" defaultValue={v[`${p}.weight`]} error={weightError(p)} size={4} autoComplete="off" />
            <Select
              group={group}
              name={`${p}.kind`}
              label={t("authoring.criteria.kind")}
              defaultValue={v[`${p}.kind`] || "quality"}
              error={err(`${p}.kind`)}
              options={[
                { value: "quality", label: t("authoring.criteria.quality") },
                { value: "price", label: t("authoring.criteria.price") },
              ]}
            />
            <TextField group={group} name={`${p}.roles`} label={t("authoring.criteria.roles")} hint={t("authoring.criteria.rolesHint")} defaultValue={v[`${p}.roles`]} error={err(`${p}.roles`)} autoComplete="off" />
            <TextField group={group} name={`${p}.sections`} label={t("authoring.criteria.sections")} hint={t("authoring.criteria.sectionsHint")} defaultValue={v[`${p}.sections`]} error={err(`${p}.sections`)} autoComplete="off" />
            <TextArea group={group} name={`${p}.priceFormula`} label={t("authoring.criteria.formula")} hint={t("authoring.criteria.formulaHint")} defaultValue={v[`${p}.priceFormula`]} error={err(`${p}.priceFormula`)} rows={2} />
            {i < storedCount ? <Checkbox group={group} name={`${p}.remove`} label={t("authoring.criteria.remove")} defaultChecked={Boolean(v[`${p}.remove`])} /> : null}
          </RowCard>
        );
      })}
      <AnchorError name="criteria" error={sumError}>
        <p className="kern-body kern-body--bold" aria-live="polite">
          {shown.map((s) => (s.name === null ? t("authoring.criteria.sum", { sum: s.sum }) : t("authoring.criteria.sumOfRole", { role: s.name, sum: s.sum }))).join(" · ")}
        </p>
      </AnchorError>
    </EditorSection>
  );
}
