// The points scale of the evaluation, what each point means, and the spread that needs a consensus.
import { AnchorError, TextArea, TextField } from "../../components/form";
import { scaleRows } from "../../procurement/authoring-forms";
import { EditorSection, type SectionProps } from "./editor-section";

export function ScaleSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const points = scaleRows(v);
  return (
    <EditorSection {...rest} intro={t("authoring.scale.intro")}>
      <TextField name="scale.min" label={t("authoring.scale.min")} inputMode="numeric" defaultValue={v["scale.min"]} error={err("scale.min")} size={4} autoComplete="off" />
      <TextField name="scale.max" label={t("authoring.scale.max")} inputMode="numeric" defaultValue={v["scale.max"]} error={err("scale.max")} size={4} autoComplete="off" />
      <AnchorError name="scale.points" error={err("scale.points")} />
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="skala-tabelle">
        <table className="kern-table">
          <caption id="skala-tabelle">{t("authoring.scale.caption")}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header kern-table__header--numeric">{t("authoring.scale.points")}</th>
              <th scope="col" className="kern-table__header">{t("authoring.scale.meaning")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {points.map((p) => (
              <tr key={p} className="kern-table__row">
                <th scope="row" className="kern-table__cell kern-table__cell--numeric">
                  {p}
                </th>
                <td className="kern-table__cell">
                  <TextArea hiddenLabel name={`scale.meaning.${p}`} label={t("authoring.scale.meaningOf", { points: p })} defaultValue={v[`scale.meaning.${p}`]} error={err(`scale.meaning.${p}`)} rows={2} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TextField name="spreadThreshold" label={t("authoring.scale.spread")} hint={t("authoring.scale.spreadHint")} inputMode="numeric" defaultValue={v.spreadThreshold} error={err("spreadThreshold")} size={4} autoComplete="off" />
    </EditorSection>
  );
}
