// A choice of lots as boxes to tick in one fieldset (the lots a complaint concerns): each box
// posts `<prefix>-<lotId>`; the fieldset carries the hint and the error under `name`.
import { Checkbox, describedBy, fieldId, FieldMessages } from "./form";

export function LotCheckboxes(props: {
  name: string;
  legend: string;
  hint?: string;
  error?: string;
  lots: { id: string; label: string }[];
  /** What the form posted before (kept after a refusal). */
  values?: Record<string, string>;
}) {
  const id = fieldId(props.name);
  return (
    <fieldset className={`kern-fieldset${props.error ? " kern-fieldset--error" : ""}`} id={id} tabIndex={-1} aria-describedby={describedBy(id, props.hint, props.error)}>
      <legend className="kern-label">{props.legend}</legend>
      <FieldMessages id={id} hint={props.hint} error={props.error} />
      <div className="kern-fieldset__body">
        {props.lots.map((l) => (
          <Checkbox key={l.id} id={`${id}-${l.id}`} name={lotBoxName(props.name, l.id)} label={l.label} defaultChecked={props.values?.[lotBoxName(props.name, l.id)] === "ja"} />
        ))}
      </div>
    </fieldset>
  );
}

/** The posted name of one lot's box. */
export const lotBoxName = (name: string, lotId: string) => `${name}-${lotId}`;

/** The ids of the lots ticked in the posted values (the domain checks that each is the call's). */
export function tickedLots(values: Record<string, string>, name: string): string[] {
  const prefix = lotBoxName(name, "");
  return Object.keys(values)
    .filter((key) => key.startsWith(prefix) && values[key] === "ja")
    .map((key) => key.slice(prefix.length));
}
