// One item of the checklist: the suggestion and why, the recorded result, and the officer's
// result and note (a failed item needs a note: app/evaluation/formal-check.ts).
import { RadioGroup, TextArea } from "../../components/form";
import type { MessageKey, Translate } from "../../i18n";
import { formatDateTimeSeconds } from "../../i18n/format-seconds";
import { useTranslation } from "../../i18n/use-translation";
import type { ChecklistItemState } from "../../evaluation/formal-check";
import type { ActionValues, Errors } from "./types";

export function itemLabel(s: { item: string; lotId: string | null }, t: Translate): string {
  return s.lotId && s.item === "complete" ? t("check.item.lot.complete") : t(`check.item.${s.item}` as MessageKey);
}

export function ItemFields({ state, scope, errors, values }: { state: ChecklistItemState; scope: string; errors: Errors; values: ActionValues }) {
  const { t, locale } = useTranslation();
  const label = itemLabel(state, t);
  const result = `ergebnis-${scope}-${state.item}`;
  const note = `vermerk-${scope}-${state.item}`;
  const recorded = state.recorded;
  return (
    <div className="kern-card">
      <div className="kern-card__container stack">
        <p className="kern-body kern-body--bold">{label}</p>
        <p className="kern-body">
          {state.suggested === "pass" ? t("check.detail.suggestion.pass") : <strong>{t("check.detail.suggestion.fail")}</strong>}
        </p>
        {state.reasons.length ? (
          <ul className="kern-list">
            {state.reasons.map((r, i) => (
              <li key={i}>{t(r.key as MessageKey, r.params)}</li>
            ))}
          </ul>
        ) : null}
        <p className="kern-body--small">
          {recorded
            ? t(recorded.passed ? "check.detail.recorded.passed" : "check.detail.recorded.failed", {
                name: recorded.checkedByName,
                date: formatDateTimeSeconds(recorded.checkedAt, locale),
              })
            : t("check.detail.recorded.none")}
        </p>
        <RadioGroup
          name={result}
          legend={t("check.detail.result", { item: label })}
          options={[
            { value: "ja", label: t("check.detail.passed") },
            { value: "nein", label: t("check.detail.failed") },
          ]}
          defaultValue={values?.[result] ?? (recorded ? (recorded.passed ? "ja" : "nein") : undefined)}
          error={errors[result]}
        />
        <TextArea
          name={note}
          label={t("check.detail.note", { item: label })}
          hint={t("check.detail.noteHint")}
          defaultValue={values?.[note] ?? recorded?.note ?? ""}
          error={errors[note]}
          rows={2}
        />
      </div>
    </div>
  );
}
