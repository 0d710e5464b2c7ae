// The sections of the carriers' concept, each with its guidance and length.
import { AnchorError, Checkbox, TextArea, TextField } from "../../components/form";
import { rowIndices } from "../../procurement/authoring-forms";
import { EditorSection, RowCard, type SectionProps } from "./editor-section";

export function ConceptSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const rows = rowIndices("concept", v);
  const storedCount = rowIndices("concept", ctx.stored).length - 1;
  return (
    <EditorSection {...rest} intro={t("authoring.concept.intro")}>
      <AnchorError name="conceptSections" error={err("conceptSections")} />
      {rows.map((i, n) => {
        const p = `conceptSections[${i}]`;
        const isNew = i >= storedCount;
        const legend = isNew ? t("authoring.concept.new", { n: n + 1 }) : t("authoring.concept.row", { n: n + 1, name: v[`${p}.title`] ?? "" });
        const group = t("authoring.concept.group", { n: n + 1 });
        return (
          <RowCard key={i} legend={legend}>
            <TextField group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} defaultValue={v[`${p}.code`]} error={err(`${p}.code`)} autoComplete="off" />
            <TextField group={group} name={`${p}.title`} label={t("authoring.concept.title")} defaultValue={v[`${p}.title`]} error={err(`${p}.title`)} autoComplete="off" />
            <TextArea group={group} name={`${p}.guidance`} label={t("authoring.concept.guidance")} defaultValue={v[`${p}.guidance`]} error={err(`${p}.guidance`)} rows={3} />
            <TextField group={group} name={`${p}.maxChars`} label={t("authoring.concept.maxChars")} hint={t("authoring.concept.maxCharsHint")} inputMode="numeric" defaultValue={v[`${p}.maxChars`]} error={err(`${p}.maxChars`)} size={6} autoComplete="off" />
            <TextField group={group} name={`${p}.roles`} label={t("authoring.concept.roles")} hint={t("authoring.criteria.rolesHint")} defaultValue={v[`${p}.roles`]} error={err(`${p}.roles`)} autoComplete="off" />
            {i < storedCount ? <Checkbox group={group} name={`${p}.remove`} label={t("authoring.concept.remove")} defaultChecked={Boolean(v[`${p}.remove`])} /> : null}
          </RowCard>
        );
      })}
    </EditorSection>
  );
}
