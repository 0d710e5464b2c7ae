// Form primitives after KERN and GOV.UK: an error summary that links to the fields,
// and fields whose label, hint and error are tied together for screen readers.
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation";

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

export function TextField(props: {
  name: string;
  label: string;
  group?: string;
  type?: "text" | "email" | "password";
  defaultValue?: string;
  error?: string;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
}) {
  const id = `feld-${props.name}`;
  const describedBy = [props.hint ? `${id}-hinweis` : null, props.error ? `${id}-fehler` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={`kern-form-input${props.error ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={id}>
        <LabelText label={props.label} group={props.group} />
      </label>
      {props.hint ? (
        <div id={`${id}-hinweis`} className="kern-hint">
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <p id={`${id}-fehler`} className="kern-error" role="alert">
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{props.error}</span>
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        className={`kern-form-input__input${props.error ? " kern-form-input__input--error" : ""}`}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
    </div>
  );
}

export function describedBy(id: string, hint?: string, error?: string) {
  return [hint ? `${id}-hinweis` : null, error ? `${id}-fehler` : null].filter(Boolean).join(" ") || undefined;
}

export function FieldMessages({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <div id={`${id}-hinweis`} className="kern-hint">
          {hint}
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-fehler`} className="kern-error">
          <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
    </>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  group?: string;
  defaultValue?: string;
  error?: string;
  hint?: string;
  maxLength?: number;
  rows?: number;
}) {
  const id = `feld-${props.name}`;
  return (
    <div className={`kern-form-input${props.error ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={id}>
        <LabelText label={props.label} group={props.group} />
      </label>
      <FieldMessages id={id} hint={props.hint} error={props.error} />
      <textarea
        id={id}
        name={props.name}
        className={`kern-form-input__input${props.error ? " kern-form-input__input--error" : ""}`}
        defaultValue={props.defaultValue}
        rows={props.rows ?? 6}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}

export function Checkbox(props: { name: string; label: string; group?: string; value?: string; defaultChecked?: boolean; error?: string; hint?: string; id?: string }) {
  const id = props.id ?? `feld-${props.name}`;
  return (
    <div className="checkbox-field">
      <FieldMessages id={id} hint={props.hint} error={props.error} />
      <div className={`kern-form-check${props.error ? " kern-form-check--error" : ""}`}>
        <input
          id={id}
          type="checkbox"
          name={props.name}
          value={props.value ?? "ja"}
          className={`kern-form-check__checkbox${props.error ? " kern-form-check__checkbox--error" : ""}`}
          defaultChecked={props.defaultChecked}
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

export function FileField(props: { name: string; label: string; group?: string; hint?: string; error?: string; accept?: string }) {
  const id = `feld-${props.name}`;
  return (
    <div className={`kern-form-input${props.error ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={id}>
        <LabelText label={props.label} group={props.group} />
      </label>
      <FieldMessages id={id} hint={props.hint} error={props.error} />
      <input
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        className="kern-form-input__input"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
    </div>
  );
}
