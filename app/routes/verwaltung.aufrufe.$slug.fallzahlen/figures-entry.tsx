// The form for new figures: their as-of date and a count per region and target group, each
// field hinting at the figure on file.
import { Form } from "@remix-run/react";
import { type FieldErrors, SubmitButton, TextField } from "../../components/form";
import type { MessageKey } from "../../i18n";
import { formatDate, formatNumber } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { figureField } from "../../staffing/figures-form";
import { TARGET_GROUPS } from "../../staffing/plan-text";
import type { FiguresData } from "./route";

type Props = Pick<FiguresData, "regions" | "latest" | "today"> & { errors: FieldErrors; values: Record<string, string> };

export function FiguresEntry({ regions, latest, today, errors, values }: Props) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="eingeben" className="stack">
      <h2 id="eingeben" className="kern-heading-large">
        {t("staffing.figures.form")}
      </h2>
      <Form method="post" noValidate className="stack form-page">
        <p className="kern-hint">{t("staffing.figures.formHint")}</p>
        <TextField name="stand" type="date" label={t("staffing.figures.asOf")} hint={t("staffing.figures.asOfHint")} error={errors.stand} defaultValue={values.stand ?? today} max={today} />
        {regions.map((r) => (
          <fieldset key={r.code} className="kern-fieldset">
            <legend className="kern-label">{r.name}</legend>
            <div className="kern-fieldset__body stack">
              {TARGET_GROUPS.map((g) => {
                const name = figureField(r.code, g);
                const current = latest[r.code]?.[g];
                return (
                  <TextField
                    key={g}
                    name={name}
                    label={t(`staffing.group.${g}` as MessageKey)}
                    inputMode="numeric"
                    hint={current ? `${t("staffing.figures.asOfCol")} ${formatDate(new Date(current.asOf), locale)}: ${formatNumber(current.count, locale)}` : undefined}
                    error={errors[name]}
                    defaultValue={values[name] ?? ""}
                    autoComplete="off"
                  />
                );
              })}
            </div>
          </fieldset>
        ))}
        <SubmitButton label={t("staffing.figures.save")} />
      </Form>
    </section>
  );
}
