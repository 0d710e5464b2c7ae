// The regions: one table row each, an empty row to add one, a box to remove a stored one.
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
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="regionen-tabelle">
        <table className="kern-table">
          <caption id="regionen-tabelle">{t("authoring.regions.caption")}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">{t("authoring.field.code")}</th>
              <th scope="col" className="kern-table__header">{t("authoring.field.name")}</th>
              <th scope="col" className="kern-table__header">{t("authoring.field.description")}</th>
              <th scope="col" className="kern-table__header">{t("authoring.field.remove")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((i, n) => {
              const p = `regions[${i}]`;
              const label = i < storedCount ? t("authoring.regions.row", { n: n + 1 }) : t("authoring.regions.new", { n: n + 1 });
              return (
                <tr key={i} className="kern-table__row">
                  <td className="kern-table__cell">
                    <TextField hiddenLabel name={`${p}.code`} label={`${label}: ${t("authoring.field.code")}`} defaultValue={v[`${p}.code`]} error={err(`${p}.code`)} size={12} autoComplete="off" />
                  </td>
                  <td className="kern-table__cell">
                    <TextField hiddenLabel name={`${p}.name`} label={`${label}: ${t("authoring.field.name")}`} defaultValue={v[`${p}.name`]} error={err(`${p}.name`)} autoComplete="off" />
                  </td>
                  <td className="kern-table__cell">
                    <TextArea hiddenLabel name={`${p}.description`} label={`${label}: ${t("authoring.field.description")}`} defaultValue={v[`${p}.description`]} error={err(`${p}.description`)} rows={2} />
                  </td>
                  <td className="kern-table__cell">
                    {i < storedCount ? <Checkbox name={`${p}.remove`} label={`${t("authoring.field.remove")}: ${label}`} defaultChecked={Boolean(v[`${p}.remove`])} /> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="kern-body--small">{t("authoring.hint.code")}</p>
    </EditorSection>
  );
}
