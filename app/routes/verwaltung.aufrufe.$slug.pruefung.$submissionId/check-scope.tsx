// The checklist of one scope (the whole submission or one lot bid): its items in one form,
// then its exclusion.
import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import type { ChecklistItemState } from "../../evaluation/formal-check";
import { ExclusionBlock } from "./exclusion-block";
import { ItemFields } from "./item-fields";
import { scopeOf, type ActionValues, type Errors, type View } from "./types";

export function CheckScope({
  view,
  lotId,
  lotNumber,
  title,
  items,
  errors,
  values,
}: {
  view: View;
  lotId: string | null;
  lotNumber: number | null;
  title: string;
  items: ChecklistItemState[];
  errors: Errors;
  values: ActionValues;
}) {
  const { t } = useTranslation();
  const scope = scopeOf(lotId);
  return (
    <section id={`pruefung-${scope}`} aria-labelledby={`titel-${scope}`} className="stack">
      <h2 id={`titel-${scope}`} className="kern-heading-large">
        {title}
      </h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="record" />
        <input type="hidden" name="lotId" value={lotId ?? ""} />
        {items.map((s) => (
          <ItemFields key={s.item} state={s} scope={scope} errors={errors} values={values} />
        ))}
        {view.call.checkable ? (
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("check.detail.save")}</span>
          </button>
        ) : null}
      </Form>
      <ExclusionBlock view={view} lotId={lotId} lotNumber={lotNumber} items={items} errors={errors} values={values} />
    </section>
  );
}
