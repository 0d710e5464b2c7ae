// The form for new figures: their as-of date and a count per region and target group, each
// field hinting at the figure on file.
import { Form } from "@remix-run/react";
import { describedBy, type FieldErrors, FieldMessages, TextField } from "../../components/form";
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
        <div className={`kern-form-input${errors.stand ? " kern-form-input--error" : ""}`}>
          <label className="kern-label" htmlFor="feld-stand">
            {t("staffing.figures.asOf")}
          </label>
          <FieldMessages id="feld-stand" hint={t("staffing.figures.asOfHint")} error={errors.stand} />
          <input
            id="feld-stand"
            name="stand"
            type="date"
            className={`kern-form-input__input${errors.stand ? " kern-form-input__input--error" : ""}`}
            defaultValue={values.stand ?? today}
            max={today}
            aria-invalid={errors.stand ? true : undefined}
            aria-describedby={describedBy("feld-stand", t("staffing.figures.asOfHint"), errors.stand)}
          />
        </div>
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
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t("staffing.figures.save")}</span>
        </button>
      </Form>
    </section>
  );
}
