// The exclusion of the whole submission or of one lot bid: the current one with its revocation,
// or the form to exclude, its reason drafted from the failed items.
import { Form } from "@remix-run/react";
import { SubmitButton, TextArea } from "../../components/form";
import { formatDateTimeSeconds } from "../../i18n/format-seconds";
import { useTranslation } from "../../i18n/use-translation";
import { itemLabel } from "./item-fields";
import { scopeOf, type ScopeProps } from "./types";

export function ExclusionBlock({ view, lotId, lotNumber, items, errors, values }: ScopeProps) {
  const { t, locale } = useTranslation();
  const current = view.exclusions.find((x) => x.lotId === lotId);
  const failed = items.filter((i) => i.recorded && !i.recorded.passed);
  const field = `grund-${scopeOf(lotId)}`;
  const draft = failed.map((i) => t("check.exclusion.draft", { item: itemLabel(i, t), note: i.recorded!.note })).join("\n");
  return (
    <div className="stack">
      <h3 className="kern-heading-small">{t("check.exclusion.section")}</h3>
      {current ? (
        <>
          <p className="kern-body">
            <strong>
              {t("check.exclusion.current", {
                date: formatDateTimeSeconds(current.decidedAt, locale),
                name: current.decidedByName,
                reason: current.reason,
              })}
            </strong>
          </p>
          {view.call.checkable ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="exclusionId" value={current.id} />
              <TextArea
                name={`aufhebung-${current.id}`}
                label={t("check.exclusion.revokeReason")}
                defaultValue={values?.[`aufhebung-${current.id}`]}
                error={errors[`aufhebung-${current.id}`]}
                rows={2}
              />
              <SubmitButton kind="secondary" label={t("check.exclusion.revoke")} />
            </Form>
          ) : null}
        </>
      ) : view.call.checkable ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="exclude" />
          <input type="hidden" name="lotId" value={lotId ?? ""} />
          {failed.length ? <p className="kern-body kern-body--bold">{t("check.exclusion.suggest")}</p> : null}
          <TextArea
            name={field}
            label={t("check.exclusion.reason")}
            hint={t("check.exclusion.reasonHint")}
            defaultValue={values?.[field] ?? draft}
            error={errors[field]}
            rows={3}
          />
          <SubmitButton kind="secondary" label={lotNumber === null ? t("check.exclusion.submitWhole") : t("check.exclusion.submitLot", { number: lotNumber })} />
        </Form>
      ) : null}
    </div>
  );
}
