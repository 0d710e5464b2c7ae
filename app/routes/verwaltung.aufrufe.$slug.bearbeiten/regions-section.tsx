// The regions: one table row each, an empty row to add one, a box to remove a stored one.
import { DataTable } from "../../components/data-table";
import { AnchorError, Checkbox, TextArea, TextField } from "../../components/form";
import { rowIndices } from "../../procurement/authoring-forms";
import { EditorSection, type SectionProps } from "./editor-section";

export function RegionsSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const rows = rowIndices("regions", v);
  const storedCount = rowIndices("regions", ctx.stored).length - 1;
  return (
    <EditorSection {...rest} intro={t("authoring.regions.intro")}>
      <AnchorError name="regions" error={err("regions")} />
      <DataTable
        id="regionen-tabelle"
        caption={t("authoring.regions.caption")}
        rowHeaders={false}
        columns={[
          { label: t("authoring.field.code") },
          { label: t("authoring.field.name") },
          { label: t("authoring.field.description") },
          { label: t("authoring.field.remove") },
        ]}
        rows={rows.map((i, n) => {
          const p = `regions[${i}]`;
          const label = i < storedCount ? t("authoring.regions.row", { n: n + 1 }) : t("authoring.regions.new", { n: n + 1 });
          return [
            <TextField hiddenLabel name={`${p}.code`} label={`${label}: ${t("authoring.field.code")}`} defaultValue={v[`${p}.code`]} error={err(`${p}.code`)} size={12} autoComplete="off" />,
            <TextField hiddenLabel name={`${p}.name`} label={`${label}: ${t("authoring.field.name")}`} defaultValue={v[`${p}.name`]} error={err(`${p}.name`)} autoComplete="off" />,
            <TextArea hiddenLabel name={`${p}.description`} label={`${label}: ${t("authoring.field.description")}`} defaultValue={v[`${p}.description`]} error={err(`${p}.description`)} rows={2} />,
            i < storedCount ? <Checkbox name={`${p}.remove`} label={`${t("authoring.field.remove")}: ${label}`} defaultChecked={Boolean(v[`${p}.remove`])} /> : null,
          ];
        })}
      />
      <p className="kern-body--small">{t("authoring.hint.code")}</p>
    </EditorSection>
  );
}
