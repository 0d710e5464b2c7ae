// The roles (services) of the call: one card each, an empty card to add one.
import { AnchorError, Checkbox, Select, TextArea, TextField } from "../../components/form";
import { rowIndices } from "../../procurement/authoring-forms";
import { EditorSection, RowCard, type LoaderData, type SectionProps } from "./editor-section";

export function RolesSection({ ctx, roles, ...rest }: SectionProps & { roles: LoaderData["roles"] }) {
  const { v, err, t } = ctx;
  const rows = rowIndices("roles", v);
  const storedCount = rowIndices("roles", ctx.stored).length - 1;
  return (
    <EditorSection {...rest} intro={t("authoring.roles.intro")}>
      <AnchorError name="roles" error={err("roles")} />
      {rows.map((i, n) => {
        const p = `roles[${i}]`;
        const isNew = i >= storedCount;
        const legend = isNew ? t("authoring.roles.new", { n: n + 1 }) : t("authoring.roles.row", { n: n + 1, name: v[`${p}.name`] ?? "" });
        const group = t("authoring.roles.group", { n: n + 1 });
        return (
          <RowCard key={i} legend={legend}>
            <TextField group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} defaultValue={v[`${p}.code`]} error={err(`${p}.code`)} autoComplete="off" />
            <TextField group={group} name={`${p}.name`} label={t("authoring.field.name")} defaultValue={v[`${p}.name`]} error={err(`${p}.name`)} autoComplete="off" />
            <TextArea group={group} name={`${p}.summary`} label={t("authoring.roles.summary")} defaultValue={v[`${p}.summary`]} error={err(`${p}.summary`)} rows={2} />
            <TextArea group={group} name={`${p}.tasks`} label={t("authoring.roles.tasks")} hint={t("authoring.hint.lines")} defaultValue={v[`${p}.tasks`]} error={err(`${p}.tasks`)} rows={5} />
            <TextArea group={group} name={`${p}.qualifications`} label={t("authoring.roles.qualifications")} defaultValue={v[`${p}.qualifications`]} error={err(`${p}.qualifications`)} rows={3} />
            <Checkbox group={group} name={`${p}.requiresPedagogicalDegree`} label={t("authoring.roles.degree")} defaultChecked={Boolean(v[`${p}.requiresPedagogicalDegree`])} error={err(`${p}.requiresPedagogicalDegree`)} />
            <TextArea group={group} name={`${p}.payGuideline`} label={t("authoring.roles.pay")} defaultValue={v[`${p}.payGuideline`]} error={err(`${p}.payGuideline`)} rows={2} />
            <TextField group={group} name={`${p}.minPayGroup`} label={t("authoring.roles.minPayGroup")} hint={t("authoring.roles.minPayGroupHint")} defaultValue={v[`${p}.minPayGroup`]} error={err(`${p}.minPayGroup`)} autoComplete="off" />
            <Select
              group={group}
              name={`${p}.tandemWith`}
              label={t("authoring.roles.tandem")}
              defaultValue={v[`${p}.tandemWith`] ?? ""}
              error={err(`${p}.tandemWith`)}
              options={[
                { value: "", label: t("authoring.roles.noTandem") },
                ...roles.filter((r) => r.code !== v[`${p}.code`]).map((r) => ({ value: r.code, label: r.name })),
              ]}
            />
            {i < storedCount ? <Checkbox group={group} name={`${p}.remove`} label={t("authoring.roles.remove")} defaultChecked={Boolean(v[`${p}.remove`])} /> : null}
          </RowCard>
        );
      })}
    </EditorSection>
  );
}
