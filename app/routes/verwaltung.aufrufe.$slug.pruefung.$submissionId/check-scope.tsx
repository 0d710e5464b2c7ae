// The checklist of one scope (the whole submission or one lot bid): its items in one form,
// then its exclusion.
import { Form } from "@remix-run/react";
import { useTranslation } from "../../i18n/use-translation";
import { ExclusionBlock } from "./exclusion-block";
import { ItemFields } from "./item-fields";
import { scopeOf, type ScopeProps } from "./types";
import { SubmitButton } from "../../components/form";

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
          <SubmitButton label={t("check.detail.save")} />
        ) : null}
      </Form>
      <ExclusionBlock {...scope} />
    </section>
  );
}
