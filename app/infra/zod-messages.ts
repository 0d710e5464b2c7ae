// zod issues as refusals. Schemas give catalogue keys as messages (`messageKey("…")`);
// zod's own issues get keys from `catalogueErrorMap`; `issueRefusal` adds what the issue
// knows (minimum, maximum, expected type, …) as parameters, so the reader's language fills them.
import { z, type ZodErrorMap } from "zod";
import type { MessageKey } from "../i18n";
import type { Refusal, RefusalParams, RefusalValue } from "./errors";

/** A catalogue key as a schema's message; tsc refuses a key the catalogue does not have. */
export const messageKey = <K extends MessageKey>(key: K): K => key;

const TYPE_NAMES: Record<string, MessageKey> = {
  string: "zod.type.string",
  number: "zod.type.number",
  boolean: "zod.type.boolean",
  array: "zod.type.array",
  object: "zod.type.object",
  integer: "zod.type.integer",
};

export const catalogueErrorMap: ZodErrorMap = (issue, ctx) => {
  // A message the schema sets itself (invalid_type_error, required_error) wins.
  if (ctx.defaultError !== z.defaultErrorMap(issue, { ...ctx, defaultError: "" }).message && ctx.defaultError) {
    return { message: ctx.defaultError };
  }
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return { message: messageKey(issue.received === "undefined" ? "zod.required" : "zod.invalidType") };
    case z.ZodIssueCode.too_small:
      if (issue.type === "array") return { message: messageKey("zod.tooSmall.array") };
      if (issue.type === "string") return { message: messageKey("zod.tooSmall.string") };
      return { message: messageKey(issue.inclusive ? "zod.tooSmall.inclusive" : "zod.tooSmall.exclusive") };
    case z.ZodIssueCode.too_big:
      if (issue.type === "array") return { message: messageKey("zod.tooBig.array") };
      if (issue.type === "string") return { message: messageKey("zod.tooBig.string") };
      return { message: messageKey(issue.inclusive ? "zod.tooBig.inclusive" : "zod.tooBig.exclusive") };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: messageKey("zod.enum") };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: messageKey("zod.unrecognizedKeys") };
    case z.ZodIssueCode.not_multiple_of:
      return { message: messageKey("zod.multipleOf") };
    default:
      return { message: ctx.defaultError };
  }
};

const typeName = (type: string): RefusalValue => (TYPE_NAMES[type] ? { message: TYPE_NAMES[type] } : type);

/**
 * An issue as a refusal: its message is the key; a custom issue brings its own `params`,
 * the others what zod recorded. `field` is the issue's path joined with dots.
 */
export function issueRefusal(issue: z.ZodIssue): Refusal {
  const params: RefusalParams = {};
  switch (issue.code) {
    case z.ZodIssueCode.custom:
      Object.assign(params, issue.params);
      break;
    case z.ZodIssueCode.invalid_type:
      params.expected = typeName(issue.expected);
      params.received = typeName(issue.received);
      break;
    case z.ZodIssueCode.too_small:
      params.minimum = Number(issue.minimum);
      break;
    case z.ZodIssueCode.too_big:
      params.maximum = Number(issue.maximum);
      break;
    case z.ZodIssueCode.invalid_enum_value:
      params.options = issue.options.join(", ");
      break;
    case z.ZodIssueCode.unrecognized_keys:
      params.keys = issue.keys.join(", ");
      break;
    case z.ZodIssueCode.not_multiple_of:
      params.multipleOf = Number(issue.multipleOf);
      break;
  }
  const field = issue.path.map(String).join(".");
  return { key: issue.message as MessageKey, ...(Object.keys(params).length ? { params } : {}), ...(field ? { field } : {}) };
}
