// The points scale of the evaluation, what each point means, and the spread that needs a consensus.
import { DataTable } from "../../components/data-table";
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
      <DataTable
        id="skala-tabelle"
        caption={t("authoring.scale.caption")}
        columns={[{ label: t("authoring.scale.points"), numeric: true }, { label: t("authoring.scale.meaning") }]}
        rows={points.map((p) => [
          p,
          <TextArea hiddenLabel name={`scale.meaning.${p}`} label={t("authoring.scale.meaningOf", { points: p })} defaultValue={v[`scale.meaning.${p}`]} error={err(`scale.meaning.${p}`)} rows={2} />,
        ])}
      />
      <TextField name="spreadThreshold" label={t("authoring.scale.spread")} hint={t("authoring.scale.spreadHint")} inputMode="numeric" defaultValue={v.spreadThreshold} error={err("spreadThreshold")} size={4} autoComplete="off" />
    </EditorSection>
  );
}
