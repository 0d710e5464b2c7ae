// The roles (services) of the call: one card each, an empty card to add one.
import { AnchorError, Area, Check, Input, Select } from "../../components/authoring-fields";
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
            <Input group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} value={v[`${p}.code`]} error={err(`${p}.code`)} />
            <Input group={group} name={`${p}.name`} label={t("authoring.field.name")} value={v[`${p}.name`]} error={err(`${p}.name`)} />
            <Area group={group} name={`${p}.summary`} label={t("authoring.roles.summary")} value={v[`${p}.summary`]} error={err(`${p}.summary`)} rows={2} />
            <Area group={group} name={`${p}.tasks`} label={t("authoring.roles.tasks")} hint={t("authoring.hint.lines")} value={v[`${p}.tasks`]} error={err(`${p}.tasks`)} rows={5} />
            <Area group={group} name={`${p}.qualifications`} label={t("authoring.roles.qualifications")} value={v[`${p}.qualifications`]} error={err(`${p}.qualifications`)} rows={3} />
            <Check group={group} name={`${p}.requiresPedagogicalDegree`} label={t("authoring.roles.degree")} checked={Boolean(v[`${p}.requiresPedagogicalDegree`])} error={err(`${p}.requiresPedagogicalDegree`)} />
            <Area group={group} name={`${p}.payGuideline`} label={t("authoring.roles.pay")} value={v[`${p}.payGuideline`]} error={err(`${p}.payGuideline`)} rows={2} />
            <Select
              group={group}
              name={`${p}.tandemWith`}
              label={t("authoring.roles.tandem")}
              value={v[`${p}.tandemWith`] ?? ""}
              error={err(`${p}.tandemWith`)}
              options={[
                { value: "", label: t("authoring.roles.noTandem") },
                ...roles.filter((r) => r.code !== v[`${p}.code`]).map((r) => ({ value: r.code, label: r.name })),
              ]}
            />
            {i < storedCount ? <Check group={group} name={`${p}.remove`} label={t("authoring.roles.remove")} checked={Boolean(v[`${p}.remove`])} /> : null}
          </RowCard>
        );
      })}
    </EditorSection>
  );
}
