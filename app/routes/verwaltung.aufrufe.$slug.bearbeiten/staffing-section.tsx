// How the required staff of each role is worked out (a key per clients, a share, or a fixed FTE).
import { AnchorError, RadioGroup, Select, TextArea, TextField } from "../../components/form";
import type { MessageKey } from "../../i18n";
import { STAFFING_BASES, TARGET_GROUPS } from "../../procurement/authoring-forms";
import { EditorSection, RowCard, type LoaderData, type SectionProps } from "./editor-section";

export function StaffingSection({ ctx, roles, ...rest }: SectionProps & { roles: LoaderData["roles"] }) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t("authoring.staffing.intro")}>
      <AnchorError name="staffing" error={err("staffing")} />
      <TextField name="clientsPerFte" label={t("authoring.staffing.key")} inputMode="numeric" defaultValue={v.clientsPerFte} error={err("clientsPerFte")} size={4} autoComplete="off" />
      {roles.map((role) => {
        const p = `staffing.${role.code}`;
        return (
          <RowCard key={role.code} legend={role.name}>
            <RadioGroup
              group={role.name}
              name={`${p}.basis`}
              legend={t("authoring.staffing.basis")}
              defaultValue={v[`${p}.basis`] ?? "none"}
              error={err(`${p}.basis`)}
              options={STAFFING_BASES.map((b) => ({ value: b, label: t(`authoring.staffing.basis.${b}` as MessageKey) }))}
              layout="vertical"
            />
            <TextField group={role.name} name={`${p}.clientsPerFte`} label={t("authoring.staffing.clientsPerFte")} hint={t("authoring.staffing.onlyPerClients")} inputMode="numeric" defaultValue={v[`${p}.clientsPerFte`]} error={err(`${p}.clientsPerFte`)} size={4} autoComplete="off" />
            <Select
              group={role.name}
              name={`${p}.targetGroup`}
              label={t("authoring.staffing.targetGroup")}
              hint={t("authoring.staffing.onlyPerClients")}
              defaultValue={v[`${p}.targetGroup`] || "asylum"}
              error={err(`${p}.targetGroup`)}
              options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`authoring.staffing.group.${g}` as MessageKey) }))}
            />
            <TextField group={role.name} name={`${p}.sharePercent`} label={t("authoring.staffing.share")} hint={t("authoring.staffing.shareHint")} inputMode="numeric" defaultValue={v[`${p}.sharePercent`]} error={err(`${p}.sharePercent`)} size={4} autoComplete="off" />
            <TextField group={role.name} name={`${p}.fte`} label={t("authoring.staffing.fte")} hint={t("authoring.staffing.onlyFixed")} inputMode="decimal" defaultValue={v[`${p}.fte`]} error={err(`${p}.fte`)} size={4} autoComplete="off" />
            <TextArea group={role.name} name={`${p}.explanation`} label={t("authoring.staffing.explanation")} defaultValue={v[`${p}.explanation`]} error={err(`${p}.explanation`)} rows={2} />
          </RowCard>
        );
      })}
    </EditorSection>
  );
}
