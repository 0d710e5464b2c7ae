// Fields of the call editor, in the markup of components/form.tsx (KERN): label, hint and
// error tied to the input for screen readers; the id is `feld-<name>` so that the error
// summary links to it. Field names follow the definition's paths (`criteria[2].weight`).
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "../i18n/use-translation";
import { describedBy, FieldMessages as Messages, LabelText, RadioGroup } from "./form";

type Common = {
  name: string;
  label: string;
  value?: string;
  error?: string;
  hint?: string;
  /** The label is read by screen readers only (inside a table row whose headers say it). */
  hiddenLabel?: boolean;
  /** The repeated row the field belongs to ("Kriterium 2"), read before the label (see LabelText). */
  group?: string;
};

export function Input(
  props: Common & {
    type?: "text" | "email" | "url" | "datetime-local";
    inputMode?: "numeric" | "decimal";
    autoComplete?: string;
    size?: number;
  },
) {
  const id = `feld-${props.name}`;
  return (
    <div className={`kern-form-input${props.error ? " kern-form-input--error" : ""}`}>
      <label className={`kern-label${props.hiddenLabel ? " kern-sr-only" : ""}`} htmlFor={id}>
        <LabelText label={props.label} group={props.group} />
      </label>
      <Messages id={id} hint={props.hint} error={props.error} />
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        size={props.size}
        className={`kern-form-input__input${props.error ? " kern-form-input__input--error" : ""}`}
        defaultValue={props.value}
        autoComplete={props.autoComplete ?? "off"}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}

export function Area(props: Common & { rows?: number }) {
  const id = `feld-${props.name}`;
  return (
    <div className={`kern-form-input${props.error ? " kern-form-input--error" : ""}`}>
      <label className={`kern-label${props.hiddenLabel ? " kern-sr-only" : ""}`} htmlFor={id}>
        <LabelText label={props.label} group={props.group} />
      </label>
      <Messages id={id} hint={props.hint} error={props.error} />
      <textarea
        id={id}
        name={props.name}
        rows={props.rows ?? 4}
        className={`kern-form-input__input${props.error ? " kern-form-input__input--error" : ""}`}
        defaultValue={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}

export function Select(props: Common & { options: { value: string; label: string }[]; /** Where the posted name is not the field's (one name in several forms). */ id?: string }) {
  const id = props.id ?? `feld-${props.name}`;
  return (
    <div className={`kern-form-input${props.error ? " kern-form-input--error" : ""}`}>
      <label className={`kern-label${props.hiddenLabel ? " kern-sr-only" : ""}`} htmlFor={id}>
        <LabelText label={props.label} group={props.group} />
      </label>
      <Messages id={id} hint={props.hint} error={props.error} />
      <div className="kern-form-input__select-wrapper">
        <select
          id={id}
          name={props.name}
          className={`kern-form-input__select${props.error ? " kern-form-input__select--error" : ""}`}
          defaultValue={props.value}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(id, props.hint, props.error)}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function Check(props: { name: string; label: string; group?: string; checked?: boolean; error?: string; hint?: string }) {
  const id = `feld-${props.name}`;
  return (
    <div className="checkbox-field">
      <Messages id={id} hint={props.hint} error={props.error} />
      <div className={`kern-form-check${props.error ? " kern-form-check--error" : ""}`}>
        <input
          id={id}
          type="checkbox"
          name={props.name}
          value="ja"
          className="kern-form-check__checkbox"
          defaultChecked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={describedBy(id, props.hint, props.error)}
        />
        <label className="kern-label" htmlFor={id}>
          <LabelText label={props.label} group={props.group} />
        </label>
      </div>
    </div>
  );
}

/** Radio buttons one below the other (the choice of a source, of a basis). */
export function RadioList(props: {
  name: string;
  legend: string;
  group?: string;
  options: { value: string; label: string; hint?: string }[];
  value?: string;
  error?: string;
  hint?: string;
  legendClassName?: string;
}) {
  const { value, ...rest } = props;
  return <RadioGroup {...rest} defaultValue={value} layout="vertical" />;
}


/** Where an error without a field of its own is shown (the error summary links here). */
export function AnchorError({ name, error, children }: { name: string; error?: string; children?: React.ReactNode }) {
  const id = `feld-${name}`;
  return (
    <div id={id} tabIndex={-1} className={error ? "kern-form-input--error" : undefined}>
      {children}
      {error ? (
        <p id={`${id}-fehler`} className="kern-error">
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </div>
  );
}

/** A notice after a successful save (role status: read out without moving focus). */
export function SavedNotice({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <div className="kern-alert kern-alert--success" role="status">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--success" aria-hidden="true" />
        <span className="kern-title">{t("authoring.saved")}</span>
      </div>
      <div className="kern-alert__body">
        <p className="kern-body">{text}</p>
      </div>
    </div>
  );
}

/** The publish form of a draft (editor and preview); `error` is the refusal, shown above the button. */
export function PublishSection({ slug, withPreviewLink = true, error }: { slug: string; withPreviewLink?: boolean; error?: string }) {
  const { t } = useTranslation();
  return (
    <section id="abschnitt-publish" aria-labelledby="abschnitt-publish-titel" className="call-section stack">
      <h2 id="abschnitt-publish-titel" className="kern-heading-large">
        {t("authoring.section.publish")}
      </h2>
      <p className="kern-body">{t("authoring.publish.intro")}</p>
      {withPreviewLink ? (
        <p>
          <Link className="kern-link" to={`/verwaltung/aufrufe/${slug}/vorschau`}>
            {t("authoring.preview.link")}
          </Link>
        </p>
      ) : null}
      <AnchorError name="publish" error={error} />
      <Form method="post">
        <input type="hidden" name="intent" value="publish" />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t("authoring.publish.submit")}</span>
        </button>
      </Form>
    </section>
  );
}
