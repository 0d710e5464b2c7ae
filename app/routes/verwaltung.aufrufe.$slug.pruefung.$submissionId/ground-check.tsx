// The officer's finding per exclusion ground (§§ 123–125 GWB) beside the carrier's declaration
// (decision 0019). One form for all grounds; the rules are app/evaluation/ground-check.ts.
import { Form } from "@remix-run/react";
import { RadioGroup, SubmitButton, TextArea } from "../../components/form";
import { formatDateTime } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { proposedFinding } from "../../evaluation/ground-check";
import { groundName } from "../../submission/declarations";
import type { ActionValues, Errors, Grounds } from "./types";

export type GroundCheck = Grounds;

export function GroundCheckSection({ check, checkable, errors, values }: { check: GroundCheck; checkable: boolean; errors: Errors; values: ActionValues }) {
  const { t, locale } = useTranslation();
  const d = check.declaration;
  const findingLabel = (f: string) => t(f === "exclude" ? "groundCheck.finding.exclude" : f === "selfCleaning" ? "groundCheck.finding.selfCleaning" : "groundCheck.finding.none");
  return (
    <section id="ausschlussgruende" aria-labelledby="titel-ausschlussgruende" className="stack">
      <h2 id="titel-ausschlussgruende" className="kern-heading-medium">
        {t("groundCheck.title")}
      </h2>
      <p className="kern-body">{t("groundCheck.intro")}</p>
      <p className="kern-body kern-body--bold">
        {d
          ? t(d.grounds.length ? "groundCheck.declaredSome" : "groundCheck.declaredNone", {
              date: formatDateTime(new Date(d.signature.declaredAt), locale),
              name: d.signature.name,
              role: d.signature.role,
            })
          : t("groundCheck.notDeclared")}
      </p>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="grounds" />
        {check.grounds.map((g) => {
          const posted = values?.intent === "grounds";
          const finding = posted ? values?.[`befund-${g.ground}`] : (g.recorded?.finding ?? proposedFinding(d, g.ground) ?? undefined);
          const note = posted ? values?.[`befund-vermerk-${g.ground}`] : g.recorded?.note;
          return (
            <div key={g.ground} className="kern-card">
              <div className="kern-card__container stack">
                {g.declared ? <p className="kern-body">{t("groundCheck.declaredApplies", { text: g.declared.selfCleaning })}</p> : null}
                {g.recorded ? (
                  <p className="kern-body">
                    {t("groundCheck.recorded", { finding: findingLabel(g.recorded.finding), name: g.recorded.checkedByName, date: formatDateTime(new Date(g.recorded.checkedAt), locale) })}
                  </p>
                ) : null}
                <fieldset className="kern-fieldset" disabled={!checkable}>
                  <legend className="kern-label">{t(groundName(g.ground))}</legend>
                  <div className="kern-fieldset__body stack">
                    <RadioGroup
                      name={`befund-${g.ground}`}
                      legend={t("groundCheck.finding")}
                      group={t(groundName(g.ground)).split(":")[0]}
                      options={(["none", "selfCleaning", "exclude"] as const).map((value) => ({ value, label: findingLabel(value) }))}
                      defaultValue={finding}
                      error={errors[`befund-${g.ground}`]}
                    />
                    <TextArea
                      name={`befund-vermerk-${g.ground}`}
                      label={t("groundCheck.note")}
                      group={t(groundName(g.ground)).split(":")[0]}
                      hint={t("groundCheck.noteHint")}
                      defaultValue={note}
                      error={errors[`befund-vermerk-${g.ground}`]}
                      rows={2}
                    />
                  </div>
                </fieldset>
              </div>
            </div>
          );
        })}
        {checkable ? <SubmitButton label={t("groundCheck.save")} /> : null}
      </Form>
    </section>
  );
}
