// Form primitives after KERN and GOV.UK: an error summary that links to the fields,
// and fields whose label, hint and error are tied together for screen readers.
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation";
import { Alert } from "./alert";

export type FieldErrors = Record<string, string | undefined>;

/**
 * A KERN alert that takes the focus when it appears, again when `focusKey` changes and after
 * every form sent that comes back with it still shown (the same errors a second time), so
 * that a screen reader reads it at once and a keyboard user is not left on the submit
 * button: the error summary, a locked sign-in. With `autoFocus`, a page loaded without
 * JavaScript (the answer to a refused form) starts there too.
 */
export function FocusedAlert(props: { kind: "danger" | "warning"; titleId: string; title: string; focusKey?: unknown; id?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const busy = useNavigation().state !== "idle";
  useEffect(() => {
    if (!busy) ref.current?.focus();
  }, [busy, props.focusKey]);
  return (
    <div ref={ref} id={props.id} className={`kern-alert kern-alert--${props.kind}`} role="alert" tabIndex={-1} aria-labelledby={props.titleId} autoFocus>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${props.kind}`} aria-hidden="true" />
        <h2 id={props.titleId} className="kern-title">
          {props.title}
        </h2>
      </div>
      <div className="kern-alert__body stack">{props.children}</div>
    </div>
  );
}

export function ErrorSummary({ errors, fieldOrder }: { errors: FieldErrors; fieldOrder: string[] }) {
  const { t } = useTranslation();
  const entries = fieldOrder
    .map((name) => [name, errors[name]] as const)
    .concat(Object.entries(errors).filter(([name]) => !fieldOrder.includes(name)))
    .filter((e): e is readonly [string, string] => Boolean(e[1]));
  if (entries.length === 0) return null;
  return (
    <FocusedAlert kind="danger" titleId="fehler-titel" title={t("form.errorSummary")} focusKey={entries.length}>
      <ul className="kern-list">
        {entries.map(([name, message]) => (
          <li key={name}>
            {name === "_form" ? (
              message
            ) : (
              <a className="kern-link" href={`#feld-${name}`}>
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </FocusedAlert>
  );
}

/**
 * A label's text. In a repeated group (a row of posts, of criteria) `group` names the row
 * ("Stelle 2"); it is read out before the label ("Stelle 2: Qualifikation") but not shown,
 * since the row's legend shows it, so that no two fields of a page share a name.
 */
export function LabelText({ label, group }: { label: string; group?: string }) {
  return (
    <>
      {group ? <span className="kern-sr-only">{group}: </span> : null}
      {label}
    </>
  );
}

/** What every field has: its posted name, its label, and what is shown beside it. */
type FieldBase = {
  name: string;
  label: string;
  /** The repeated row the field belongs to ("Stelle 2"), read before the label (see LabelText). */
  group?: string;
  hint?: string;
  error?: string;
  /** The label is read by screen readers only (inside a table row whose headers say it). */
  hiddenLabel?: boolean;
  /** Where the posted name is not the field's (one name in several forms on a page). */
  id?: string;
  /** The id of a further text that describes the field (a list of a file's problems). */
  alsoDescribedBy?: string;
};

/** The id a field's label, hint, error and the error summary's link point at. */
export function fieldId(name: string) {
  return `feld-${name}`;
}

/** ids of the hint and the error that describe the field `id`, for `aria-describedby`. */
export function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hinweis` : null, error ? `${id}-fehler` : null].filter(Boolean).join(" ") || undefined;
}

/** The message below a field that names what is wrong with it (the summary links here too). */
export function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-fehler`} className="kern-error">
      <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span className="kern-body">{error}</span>
    </p>
  );
}

export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <div id={`${id}-hinweis`} className="kern-hint">
          {hint}
        </div>
      ) : null}
      <FieldError id={id} error={error} />
    </>
  );
}

/** The attributes that tie a control to its label, hint and error. */
function controlProps(id: string, props: FieldBase) {
  return {
    id,
    name: props.name,
    "aria-invalid": props.error ? true : undefined,
    "aria-describedby": [describedBy(id, props.hint, props.error), props.alsoDescribedBy].filter(Boolean).join(" ") || undefined,
  } as const;
}

/** The frame of a one-control field: label, hint and error above the control. */
function Field({ id, props, children }: { id: string; props: FieldBase; children: React.ReactNode }) {
  return (
    <div className={`kern-form-input${props.error ? " kern-form-input--error" : ""}`}>
      <label className={`kern-label${props.hiddenLabel ? " kern-sr-only" : ""}`} htmlFor={id}>
        <LabelText label={props.label} group={props.group} />
      </label>
      <FieldMessages id={id} hint={props.hint} error={props.error} />
      {children}
    </div>
  );
}

const inputClass = (error?: string) => `kern-form-input__input${error ? " kern-form-input__input--error" : ""}`;

/** A one-line input: text, e-mail, password, web address, number, date and time. */
export function TextField(
  props: FieldBase & {
    type?: "text" | "email" | "password" | "url" | "number" | "date" | "datetime-local";
    defaultValue?: string;
    autoComplete?: string;
    required?: boolean;
    inputMode?: "numeric" | "decimal";
    size?: number;
    min?: string;
    max?: string;
  },
) {
  const id = props.id ?? fieldId(props.name);
  return (
    <Field id={id} props={props}>
      <input
        {...controlProps(id, props)}
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        size={props.size}
        min={props.min}
        max={props.max}
        className={inputClass(props.error)}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        required={props.required}
      />
    </Field>
  );
}

export function TextArea(props: FieldBase & { defaultValue?: string; rows?: number; maxLength?: number }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <Field id={id} props={props}>
      <textarea {...controlProps(id, props)} className={inputClass(props.error)} defaultValue={props.defaultValue} rows={props.rows ?? 6} maxLength={props.maxLength} />
    </Field>
  );
}

export function Select(props: FieldBase & { options: { value: string; label: string }[]; defaultValue?: string }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <Field id={id} props={props}>
      <div className="kern-form-input__select-wrapper">
        <select
          {...controlProps(id, props)}
          className={`kern-form-input__select${props.error ? " kern-form-input__select--error" : ""}`}
          defaultValue={props.defaultValue}
        >
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </Field>
  );
}

export function FileField(props: FieldBase & { accept?: string }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <Field id={id} props={props}>
      <input {...controlProps(id, props)} type="file" accept={props.accept} className="kern-form-input__input" />
    </Field>
  );
}

/** A box to tick; it posts `value` ("ja" unless given) when ticked. */
export function Checkbox(props: Omit<FieldBase, "hiddenLabel"> & { value?: string; defaultChecked?: boolean }) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div className="checkbox-field">
      <FieldMessages id={id} hint={props.hint} error={props.error} />
      <div className={`kern-form-check${props.error ? " kern-form-check--error" : ""}`}>
        <input
          {...controlProps(id, props)}
          type="checkbox"
          value={props.value ?? "ja"}
          className={`kern-form-check__checkbox${props.error ? " kern-form-check__checkbox--error" : ""}`}
          defaultChecked={props.defaultChecked}
        />
        <label className="kern-label" htmlFor={id}>
          <LabelText label={props.label} group={props.group} />
        </label>
      </div>
    </div>
  );
}

export function RadioGroup(props: {
  name: string;
  legend: string;
  /** The repeated group this choice belongs to (see LabelText), read before the legend and each option. */
  group?: string;
  options: { value: string; label: string; hint?: string }[];
  defaultValue?: string;
  error?: string;
  hint?: string;
  legendClassName?: string;
  /** Options side by side (yes/no); one below the other for longer lists. */
  layout?: "horizontal" | "vertical";
}) {
  const id = `feld-${props.name}`;
  return (
    <fieldset
      className={`kern-fieldset${props.error ? " kern-fieldset--error" : ""}`}
      id={id}
      tabIndex={-1}
      aria-describedby={describedBy(id, props.hint, props.error)}
    >
      <legend className={props.legendClassName ?? "kern-label"}>
        <LabelText label={props.legend} group={props.group} />
      </legend>
      <FieldMessages id={id} hint={props.hint} error={props.error} />
      <div className={`kern-fieldset__body${props.layout === "vertical" ? "" : " kern-fieldset__body--horizontal"}`}>
        {props.options.map((o) => (
          <div key={o.value} className="kern-form-check">
            <input
              id={`${id}-${o.value}`}
              type="radio"
              name={props.name}
              value={o.value}
              className="kern-form-check__radio"
              defaultChecked={props.defaultValue === o.value}
            />
            <label className="kern-label" htmlFor={`${id}-${o.value}`}>
              <LabelText label={o.label} group={props.group} />
              {o.hint ? <span className="kern-hint"> {o.hint}</span> : null}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}


/** Where an error without a field of its own is shown (the error summary links here). */
export function AnchorError({ name, error, children }: { name: string; error?: string; children?: React.ReactNode }) {
  const id = fieldId(name);
  return (
    <div id={id} tabIndex={-1} className={error ? "kern-form-input--error" : undefined}>
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A notice after a successful save (role status: read out without moving focus). */
export function SavedNotice({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <Alert tone="success" role="status" icon title={t("authoring.saved")}>
      <p className="kern-body">{text}</p>
    </Alert>
  );
}

/** A form's submit button; "secondary" beside a form's main action or for a minor one. */
export function SubmitButton({ label, kind = "primary", name, value }: { label: string; kind?: "primary" | "secondary"; name?: string; value?: string }) {
  return (
    <button type="submit" className={`kern-btn kern-btn--${kind}`} name={name} value={value}>
      <span className="kern-label">{label}</span>
    </button>
  );
}
