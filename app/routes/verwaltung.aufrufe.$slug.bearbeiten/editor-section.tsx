// One section of the call editor: its own form (an `intent` per section), its title, the
// notice after a save and the submit button. The sections beside this file fill it.
import { Form, type useLoaderData } from "@remix-run/react";
import { SavedNotice, SubmitButton } from "../../components/form";
import type { MessageKey, Translate } from "../../i18n";
import { useTranslation } from "../../i18n/use-translation";
import type { FormValues, Section } from "../../procurement/authoring-forms";
import type { loader } from "./route";

export const SECTION_TITLES: Record<Section | "documents" | "publish", MessageKey> = {
  basics: "authoring.section.basics",
  contact: "authoring.section.contact",
  dates: "authoring.section.dates",
  regions: "authoring.section.regions",
  roles: "authoring.section.roles",
  lots: "authoring.section.lots",
  criteria: "authoring.section.criteria",
  scale: "authoring.section.scale",
  staffing: "authoring.section.staffing",
  contract: "authoring.section.contract",
  concept: "authoring.section.concept",
  documents: "authoring.section.documents",
  publish: "authoring.section.publish",
};


export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
export type Ctx = {
  /** The values to show: typed ones after a refused save of this section, else the stored ones. */
  v: FormValues;
  /** The stored values (rows that exist, weights as saved). */
  stored: FormValues;
  err: (name: string) => string | undefined;
  t: Translate;
};

export function EditorSection(props: {
  id: Section;
  saved: boolean;
  formKey: string;
  intro?: string;
  children: React.ReactNode;
  onInput?: React.FormEventHandler<HTMLFormElement>;
}) {
  const { t } = useTranslation();
  const title = t(SECTION_TITLES[props.id]);
  return (
    <section id={`abschnitt-${props.id}`} aria-labelledby={`abschnitt-${props.id}-titel`} className="call-section stack">
      <h2 id={`abschnitt-${props.id}-titel`} className="kern-heading-large">
        {title}
      </h2>
      {props.saved ? <SavedNotice text={t("authoring.savedSection", { section: title })} /> : null}
      {props.intro ? <p className="kern-body">{props.intro}</p> : null}
      <Form method="post" noValidate className="stack" key={props.formKey} onInput={props.onInput}>
        <input type="hidden" name="intent" value={props.id} />
        {props.children}
        <SubmitButton label={t("authoring.save", { section: title })} />
      </Form>
    </section>
  );
}

export type SectionProps = { id: Section; saved: boolean; formKey: string; ctx: Ctx };

/** One repeated entry of a section (a role, a criterion, a concept section) as a card with its legend. */
export function RowCard({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="kern-fieldset kern-card">
      <legend className="kern-heading-small">{legend}</legend>
      <div className="kern-card__container stack">{children}</div>
    </fieldset>
  );
}
