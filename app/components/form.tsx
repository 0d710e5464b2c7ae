// Form primitives after KERN and GOV.UK: an error summary that links to the fields,
// and fields whose label, hint and error are tied together for screen readers.
import { useEffect, useRef } from "react";
import { useTranslation } from "../i18n/use-translation";

export type FieldErrors = Record<string, string | undefined>;

export function ErrorSummary({ errors, fieldOrder }: { errors: FieldErrors; fieldOrder: string[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = fieldOrder
    .map((name) => [name, errors[name]] as const)
    .concat(Object.entries(errors).filter(([name]) => !fieldOrder.includes(name)))
    .filter((e): e is readonly [string, string] => Boolean(e[1]));
  useEffect(() => {
    if (entries.length) ref.current?.focus();
  }, [entries.length]);
  if (entries.length === 0) return null;
  return (
    <div ref={ref} className="kern-alert kern-alert--danger" role="alert" tabIndex={-1} aria-labelledby="fehler-titel">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 id="fehler-titel" className="kern-title">
          {t("form.errorSummary")}
        </h2>
      </div>
      <div className="kern-alert__body">
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
      </div>
    </div>
  );
}

export function TextField(props: {
  name: string;
  label: string;
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
        {props.label}
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
