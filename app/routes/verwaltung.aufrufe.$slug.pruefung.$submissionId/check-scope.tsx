// The checklist of one scope (the whole submission or one lot bid): its items in one form,
// then its exclusion.
import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { ExclusionBlock } from "./exclusion-block";
import { ItemFields } from "./item-fields";
import { scopeOf, type ScopeProps } from "./types";

export function CheckScope({ title, ...scope }: ScopeProps & { title: string }) {
  const { view, lotId, items, errors, values } = scope;
  const { t } = useTranslation();
  const key = scopeOf(lotId);
  return (
    <section id={`pruefung-${key}`} aria-labelledby={`titel-${key}`} className="stack">
      <h2 id={`titel-${key}`} className="kern-heading-large">
        {title}
      </h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="record" />
        <input type="hidden" name="lotId" value={lotId ?? ""} />
        {items.map((s) => (
          <ItemFields key={s.item} state={s} scope={key} errors={errors} values={values} />
        ))}
        {view.call.checkable ? (
          <button type="submit" className="kern-btn kern-btn--primary">
            <span className="kern-label">{t("check.detail.save")}</span>
          </button>
        ) : null}
      </Form>
      <ExclusionBlock {...scope} />
    </section>
  );
}
