// The lots (region × role) as they follow from regions and roles, and the limits per carrier.
import { AnchorError, Check, Input } from "../../components/authoring-fields";
import { DataTable } from "../../components/data-table";
import { EditorSection, type LoaderData, type SectionProps } from "./editor-section";

export function LotsSection({ ctx, lots, explicit, ...rest }: SectionProps & { lots: LoaderData["lots"]; explicit: boolean }) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t(explicit ? "authoring.lots.explicit" : "authoring.lots.intro")}>
      <AnchorError name="lots" error={err("lots")} />
      <DataTable
        id="lose-vorschau"
        caption={t("call.lots.caption", { count: lots.length })}
        striped
        columns={[{ label: t("call.lots.number"), numeric: true }, { label: t("call.lots.region") }, { label: t("call.lots.role") }]}
        rows={lots.map((l) => [`${t("call.lots.number")} ${l.number}`, l.region, l.role])}
      />
      <Input name="maxLotsPerCarrier" label={t("authoring.lots.max")} hint={t("authoring.lots.maxHint")} inputMode="numeric" value={v.maxLotsPerCarrier} error={err("maxLotsPerCarrier")} />
      <Check name="allowLotSplit" label={t("authoring.lots.split")} checked={Boolean(v.allowLotSplit)} error={err("allowLotSplit")} />
      {explicit ? <Check name="lots.allPairs" label={t("authoring.lots.allPairs")} checked={Boolean(v["lots.allPairs"])} /> : null}
    </EditorSection>
  );
}
