// The lots (region × role) as they follow from regions and roles, and the limits per carrier.
import { AnchorError, Checkbox, TextField } from "../../components/form";
import { EditorSection, type LoaderData, type SectionProps } from "./editor-section";

export function LotsSection({ ctx, lots, explicit, ...rest }: SectionProps & { lots: LoaderData["lots"]; explicit: boolean }) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t(explicit ? "authoring.lots.explicit" : "authoring.lots.intro")}>
      <AnchorError name="lots" error={err("lots")} />
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="lose-vorschau">
        <table className="kern-table kern-table--striped">
          <caption id="lose-vorschau">{t("call.lots.caption", { count: lots.length })}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header kern-table__header--numeric">{t("call.lots.number")}</th>
              <th scope="col" className="kern-table__header">{t("call.lots.region")}</th>
              <th scope="col" className="kern-table__header">{t("call.lots.role")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {lots.map((l) => (
              <tr key={l.number} className="kern-table__row">
                <th scope="row" className="kern-table__cell kern-table__cell--numeric">
                  {t("call.lots.number")} {l.number}
                </th>
                <td className="kern-table__cell">{l.region}</td>
                <td className="kern-table__cell">{l.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TextField name="maxLotsPerCarrier" label={t("authoring.lots.max")} hint={t("authoring.lots.maxHint")} inputMode="numeric" defaultValue={v.maxLotsPerCarrier} error={err("maxLotsPerCarrier")} autoComplete="off" />
      <Checkbox name="allowLotSplit" label={t("authoring.lots.split")} defaultChecked={Boolean(v.allowLotSplit)} error={err("allowLotSplit")} />
      {explicit ? <Checkbox name="lots.allPairs" label={t("authoring.lots.allPairs")} defaultChecked={Boolean(v["lots.allPairs"])} /> : null}
    </EditorSection>
  );
}
