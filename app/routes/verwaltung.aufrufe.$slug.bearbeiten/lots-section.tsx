// The lots (region × role) as they follow from regions and roles, and the limits per carrier.
import { DataTable } from "../../components/data-table";
import { AnchorError, Checkbox, TextField } from "../../components/form";
import { formatFteHundredths } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { EditorSection, type LoaderData, type SectionProps } from "./editor-section";

export function LotsSection({ ctx, lots, explicit, ...rest }: SectionProps & { lots: LoaderData["lots"]; explicit: boolean }) {
  const { v, err, t } = ctx;
  const { locale } = useTranslation();
  const volumes = lots.some((l) => l.fte !== null);
  return (
    <EditorSection {...rest} intro={t(explicit ? "authoring.lots.explicit" : "authoring.lots.intro")}>
      <AnchorError name="lots" error={err("lots")} />
      <DataTable
        id="lose-vorschau"
        caption={t("call.lots.caption", { count: lots.length })}
        striped
        columns={[
          { label: t("call.lots.number"), numeric: true },
          { label: t("call.lots.region") },
          { label: t("call.lots.role") },
          // A follow-up call's lots state their volume (decision 0027).
          ...(volumes ? [{ label: t("followUp.col.volume"), numeric: true }] : []),
        ]}
        rows={lots.map((l) => [`${t("call.lots.number")} ${l.number}`, l.region, l.role, ...(volumes ? [l.fte === null ? "–" : formatFteHundredths(Math.round(l.fte * 100), locale)] : [])])}
      />
      <TextField name="maxLotsPerCarrier" label={t("authoring.lots.max")} hint={t("authoring.lots.maxHint")} inputMode="numeric" defaultValue={v.maxLotsPerCarrier} error={err("maxLotsPerCarrier")} autoComplete="off" />
      <Checkbox name="allowLotSplit" label={t("authoring.lots.split")} defaultChecked={Boolean(v.allowLotSplit)} error={err("allowLotSplit")} />
      {explicit ? <Checkbox name="lots.allPairs" label={t("authoring.lots.allPairs")} defaultChecked={Boolean(v["lots.allPairs"])} /> : null}
    </EditorSection>
  );
}
