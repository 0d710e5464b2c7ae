// The change of one bid's allocation in the proposal: the FTE and the reason, folded away
// until opened (open after a refused change).
import { Form } from "@remix-run/react";
import { SubmitButton, TextArea, TextField } from "../../components/form";
import { formatNumber } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import { MIN_REASON_CHARS } from "../../award/reasons";
import { changeKey, type Errors, type Overview, type Values } from "./types";

export function ChangeForm({ lotId, bid, errors, values }: { lotId: string; bid: Overview["lots"][number]["bids"][number]; errors: Errors; values: Values }) {
  const { t, locale } = useTranslation();
  const key = changeKey(lotId, bid.submissionId);
  const fte = `vzae-${key}`;
  return (
    <details open={Boolean(errors[fte] || errors[`begruendung-${key}`])}>
      <summary className="kern-link">{t("award.change.open", { organisation: bid.organisationName })}</summary>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="change" />
        <input type="hidden" name="lotId" value={lotId} />
        <input type="hidden" name="submissionId" value={bid.submissionId} />
        <TextField
          name={fte}
          label={t("award.change.fte", { organisation: bid.organisationName })}
          hint={t("award.change.fteHint", { offered: formatNumber(bid.offeredHundredths / 100, locale, 2) })}
          error={errors[fte]}
          inputMode="decimal"
          defaultValue={values?.[fte] ?? formatNumber(bid.fteHundredths / 100, "de", 2)}
        />
        <TextArea
          name={`begruendung-${key}`}
          label={t("award.change.reason", { organisation: bid.organisationName })}
          hint={t("award.change.reasonHint", { min: MIN_REASON_CHARS })}
          defaultValue={values?.[`begruendung-${key}`]}
          error={errors[`begruendung-${key}`]}
          rows={3}
        />
        <SubmitButton kind="secondary" label={t("award.change.submit")} />
      </Form>
    </details>
  );
}
