// How the required staff of each role is worked out (a key per clients, a share, or a fixed FTE).
import { AnchorError, Area, Input, RadioList, Select } from "../../components/authoring-fields";
import type { MessageKey } from "../../i18n";
import { STAFFING_BASES, TARGET_GROUPS } from "../../procurement/authoring-forms";
import { EditorSection, RowCard, type LoaderData, type SectionProps } from "./editor-section";

export function StaffingSection({ ctx, roles, ...rest }: SectionProps & { roles: LoaderData["roles"] }) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t("authoring.staffing.intro")}>
      <AnchorError name="staffing" error={err("staffing")} />
      <Input name="clientsPerFte" label={t("authoring.staffing.key")} inputMode="numeric" value={v.clientsPerFte} error={err("clientsPerFte")} size={4} />
      {roles.map((role) => {
        const p = `staffing.${role.code}`;
        return (
          <RowCard key={role.code} legend={role.name}>
            <RadioList
              group={role.name}
              name={`${p}.basis`}
              legend={t("authoring.staffing.basis")}
              value={v[`${p}.basis`] ?? "none"}
              error={err(`${p}.basis`)}
              options={STAFFING_BASES.map((b) => ({ value: b, label: t(`authoring.staffing.basis.${b}` as MessageKey) }))}
            />
            <Input group={role.name} name={`${p}.clientsPerFte`} label={t("authoring.staffing.clientsPerFte")} hint={t("authoring.staffing.onlyPerClients")} inputMode="numeric" value={v[`${p}.clientsPerFte`]} error={err(`${p}.clientsPerFte`)} size={4} />
            <Select
              group={role.name}
              name={`${p}.targetGroup`}
              label={t("authoring.staffing.targetGroup")}
              hint={t("authoring.staffing.onlyPerClients")}
              value={v[`${p}.targetGroup`] || "asylum"}
              error={err(`${p}.targetGroup`)}
              options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`authoring.staffing.group.${g}` as MessageKey) }))}
            />
            <Input group={role.name} name={`${p}.sharePercent`} label={t("authoring.staffing.share")} hint={t("authoring.staffing.shareHint")} inputMode="numeric" value={v[`${p}.sharePercent`]} error={err(`${p}.sharePercent`)} size={4} />
            <Input group={role.name} name={`${p}.fte`} label={t("authoring.staffing.fte")} hint={t("authoring.staffing.onlyFixed")} inputMode="decimal" value={v[`${p}.fte`]} error={err(`${p}.fte`)} size={4} />
            <Area group={role.name} name={`${p}.explanation`} label={t("authoring.staffing.explanation")} value={v[`${p}.explanation`]} error={err(`${p}.explanation`)} rows={2} />
          </RowCard>
        );
      })}
    </EditorSection>
  );
}
