// Typed domain errors (refusals): a code for the HTTP status (`httpStatusOf`, the one
// mapping), a catalogue key with its parameters for the reader's language, and optionally
// the form field the refusal belongs to. Domain modules never build the sentence: routes
// render it with `refusalMessage` (app/i18n/refusal.ts). See docs/decisions/0011.
import type { MessageKey, PlaceholdersOf } from "../i18n";

export type DomainErrorCode = "NOT_FOUND" | "FORBIDDEN" | "CONFLICT" | "DEADLINE_PASSED" | "INVALID";

/** A number shown with a fixed count of decimals in the reader's locale ("1,50" / "1.50"). */
export type Decimal = { decimal: number; digits: number };
/** A size in bytes, shown in binary units ("20 MB", "1,5 KB"). */
export type Bytes = { bytes: number };
/** The kinds of file a form takes, as a phrase ("PDF- oder ODT-Datei" / "PDF or ODT file"). */
export type FileTypes = { fileTypes: string[] };
/** Another catalogue text inside a refusal, e.g. the name of a target group or the cause. */
export type MessageRef = { message: MessageKey; params?: RefusalParams };
/** Several catalogue texts, each a sentence, shown one after the other. */
export type Sentences = { sentences: MessageRef[] };
/**
 * A parameter's value as the domain knows it; the route formats it in the reader's locale:
 * a Date as date and time in Berlin, a Decimal with its digits, Bytes in binary units,
 * FileTypes as a list, a MessageRef translated. Numbers appear as written (`String(n)`:
 * counts, years, line numbers).
 */
export type RefusalValue = string | number | Date | Decimal | Bytes | FileTypes | MessageRef | Sentences;
export type RefusalParams = Record<string, RefusalValue>;

/** The parameters a key's text needs: one value per placeholder, nothing for a text without. */
export type ParamsOf<K extends MessageKey> = [PlaceholdersOf<K>] extends [never] ? Record<string, never> : { [P in PlaceholdersOf<K>]: RefusalValue };

/** A refusal as data (a result, a row of a rejected file): what the reader is told, and where. */
export type Refusal = { key: MessageKey; params?: RefusalParams; field?: string };

// A text without placeholders needs no parameters; one with placeholders needs all of them.
type ParamArgs<K extends MessageKey> = [PlaceholdersOf<K>] extends [never]
  ? [params?: ParamsOf<K>, field?: string]
  : [params: ParamsOf<K>, field?: string];

/** A refusal as a parameter of another ("Los 3 (nord): {problem}"). */
export function asMessage(refusal: Refusal): MessageRef {
  return refusal.params ? { message: refusal.key, params: refusal.params } : { message: refusal.key };
}

/** Builds a refusal whose parameters match its key's placeholders (checked by tsc). */
export function refusal<K extends MessageKey>(key: K, ...[params, field]: ParamArgs<K>): Refusal {
  return { key, ...(params && Object.keys(params).length ? { params: params as RefusalParams } : {}), ...(field ? { field } : {}) };
}

export class DomainError<K extends MessageKey = MessageKey> extends Error implements Refusal {
  readonly key: K;
  readonly params?: RefusalParams;
  readonly field?: string;

  constructor(
    readonly code: DomainErrorCode,
    key: K,
    ...[params, field]: ParamArgs<K>
  ) {
    // The key (never a sentence) is the message: logs and stack traces stay language-free.
    super(key);
    this.name = "DomainError";
    this.key = key;
    if (params && Object.keys(params).length) this.params = params as RefusalParams;
    if (field) this.field = field;
  }
}

/** The refusal of an error as plain data (for a loader's answer or a stored result). */
export function refusalOf(error: DomainError): Refusal {
  return { key: error.key, ...(error.params ? { params: error.params } : {}), ...(error.field ? { field: error.field } : {}) };
}

const STATUS: Record<DomainErrorCode, number> = {
  NOT_FOUND: 404,
  FORBIDDEN: 403,
  CONFLICT: 409,
  DEADLINE_PASSED: 409,
  INVALID: 400,
};

export function httpStatusOf(error: DomainError): number {
  return STATUS[error.code];
}

/** A refusal found by a pure rule, thrown as a domain error with the given code. */
export function refusalError(code: DomainErrorCode, r: Refusal): DomainError {
  // The rule built the refusal from its key's placeholders; the constructor's check is done.
  const Untyped = DomainError as new (code: DomainErrorCode, key: MessageKey, params?: RefusalParams, field?: string) => DomainError;
  return new Untyped(code, r.key, r.params, r.field);
}
