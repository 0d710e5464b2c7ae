// The evaluators' declarations on conflicts of interest, earlier ones marked as superseded,
// with the officers' decision on each declared conflict (a form while undecided), and the
// evaluators' certifications after scoring.
import { Form } from "@remix-run/react";
import { Section } from "../../components/section";
import { DataTable } from "../../components/data-table";
import { RadioGroup, SubmitButton, TextArea, type FieldErrors } from "../../components/form";
import { MAX_CONFLICT_NOTE_CHARS } from "../../evaluation/conflicts";
import { conflictTypeNames, decisionText, when } from "../../evaluation/report-document";
import type { ReportCertification, ReportDeclaration } from "../../evaluation/report.server";
import { useTranslation } from "../../i18n/use-translation";

export const decisionFields = (declarationId: string) => ({ outcome: `entscheidung-${declarationId}`, reason: `begruendung-${declarationId}` });

function DecisionForm({ d, errors, values }: { d: ReportDeclaration; errors: FieldErrors; values: Record<string, string> | undefined }) {
  const { t } = useTranslation();
  const f = decisionFields(d.id);
  const mine = values?.declarationId === d.id ? values : undefined;
  const names = { evaluator: d.evaluatorName, organisation: d.organisationName };
  return (
    <Form method="post" className="stack form-page" id={`entscheidung-${d.id}`}>
      <input type="hidden" name="intent" value="decide" />
      <input type="hidden" name="declarationId" value={d.id} />
      <RadioGroup
        name={f.outcome}
        legend={t("eval.conflictDecision.legend", names)}
        defaultValue={mine?.[f.outcome]}
        error={errors[f.outcome]}
        options={[
          { value: "exclude", label: t("eval.conflictDecision.exclude", names) },
          { value: "allow", label: t("eval.conflictDecision.allow", names) },
        ]}
        layout="vertical"
      />
      <TextArea
        name={f.reason}
        label={t("eval.conflictDecision.reason")}
        hint={t("eval.conflictDecision.reasonHint")}
        error={errors[f.reason]}
        rows={2}
        maxLength={MAX_CONFLICT_NOTE_CHARS}
        defaultValue={mine?.[f.reason] ?? ""}
      />
      <SubmitButton kind="secondary" label={t("eval.conflictDecision.submit", names)} />
    </Form>
  );
}

export function ConflictDeclarations({
  declarations,
  certifications,
  errors,
  values,
}: {
  declarations: ReportDeclaration[];
  certifications: ReportCertification[];
  errors: FieldErrors;
  values: Record<string, string> | undefined;
}) {
  const { t, locale } = useTranslation();
  const undecided = declarations.filter((d) => d.current && d.hasConflict && !d.decision);
  return (
    <>
      <Section level={2} className="stack" title={t("eval.declarations.title")} id="erklaerungen">
        <p className="kern-body">{t("eval.declarations.intro")}</p>
        {declarations.length === 0 ? (
          <p className="kern-body">{t("eval.declarations.none")}</p>
        ) : (
          <DataTable
            id="erklaerungen-tabelle"
            caption={t("report.conflicts.caption")}
            columns={[
              { label: t("report.conflicts.col.at") },
              { label: t("report.conflicts.col.evaluator"), rowHeader: true },
              { label: t("report.conflicts.col.organisation") },
              { label: t("report.conflicts.col.declaration") },
              { label: t("report.conflicts.col.note") },
              { label: t("eval.declarations.col.decision") },
            ]}
            rows={declarations.map((d) => [
              <time dateTime={d.declaredAt}>{when(d.declaredAt, locale)}</time>,
              d.evaluatorName,
              d.organisationName,
              <>
                {d.hasConflict ? <strong>{t("report.conflicts.conflict")}</strong> : t("report.conflicts.noConflict")}
                {d.hasConflict && d.types.length ? (
                  <>
                    <br />
                    {conflictTypeNames(d.types, t)}
                  </>
                ) : null}
                {d.current ? null : (
                  <>
                    <br />
                    <span className="kern-body--small">{t("report.conflicts.superseded")}</span>
                  </>
                )}
              </>,
              d.note,
              d.current && d.hasConflict && !d.decision ? <strong>{t("eval.declarations.undecided")}</strong> : decisionText(d, t, locale),
            ])}
          />
        )}
        {undecided.map((d) => (
          <DecisionForm key={d.id} d={d} errors={errors} values={values} />
        ))}
      </Section>
      <Section level={2} className="stack" title={t("eval.certifications.title")} id="versicherungen">
        <p className="kern-body">{t("eval.certifications.intro")}</p>
        {certifications.length === 0 ? (
          <p className="kern-body">{t("eval.certifications.none")}</p>
        ) : (
          <ul className="kern-list">
            {certifications.map((c) => (
              <li key={`${c.evaluatorId}-${c.certifiedAt}`}>{t("eval.certifications.item", { evaluator: c.evaluatorName, date: when(c.certifiedAt, locale) })}</li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
