// The sections of the carriers' concept, each with its guidance and length.
import { AnchorError, Area, Check, Input } from "../../components/authoring-fields";
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
            <Input group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} value={v[`${p}.code`]} error={err(`${p}.code`)} />
            <Input group={group} name={`${p}.title`} label={t("authoring.concept.title")} value={v[`${p}.title`]} error={err(`${p}.title`)} />
            <Area group={group} name={`${p}.guidance`} label={t("authoring.concept.guidance")} value={v[`${p}.guidance`]} error={err(`${p}.guidance`)} rows={3} />
            <Input group={group} name={`${p}.maxChars`} label={t("authoring.concept.maxChars")} hint={t("authoring.concept.maxCharsHint")} inputMode="numeric" value={v[`${p}.maxChars`]} error={err(`${p}.maxChars`)} size={6} />
            {i < storedCount ? <Check group={group} name={`${p}.remove`} label={t("authoring.concept.remove")} checked={Boolean(v[`${p}.remove`])} /> : null}
          </RowCard>
        );
      })}
    </EditorSection>
  );
}
