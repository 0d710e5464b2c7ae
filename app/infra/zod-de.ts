// German messages for zod's generic issues; specific messages in schemas take precedence.
import { z, type ZodErrorMap } from "zod";

const TYPE_NAMES: Record<string, string> = {
  string: "Text",
  number: "Zahl",
  boolean: "Ja/Nein (true/false)",
  array: "Liste",
  object: "Objekt",
  integer: "ganze Zahl",
};

export const germanErrorMap: ZodErrorMap = (issue, ctx) => {
  // A message the schema sets itself (invalid_type_error, required_error) wins.
  if (ctx.defaultError !== z.defaultErrorMap(issue, { ...ctx, defaultError: "" }).message && ctx.defaultError) {
    return { message: ctx.defaultError };
  }
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined") return { message: "Pflichtfeld" };
      return {
        message: `Erwartet: ${TYPE_NAMES[issue.expected] ?? issue.expected}, erhalten: ${TYPE_NAMES[issue.received] ?? issue.received}`,
      };
    case z.ZodIssueCode.too_small:
      if (issue.type === "array") return { message: `Mindestens ${issue.minimum} Einträge` };
      if (issue.type === "string") return { message: `Mindestens ${issue.minimum} Zeichen` };
      return { message: issue.inclusive ? `Mindestens ${issue.minimum}` : `Muss größer als ${issue.minimum} sein` };
    case z.ZodIssueCode.too_big:
      if (issue.type === "array") return { message: `Höchstens ${issue.maximum} Einträge` };
      if (issue.type === "string") return { message: `Höchstens ${issue.maximum} Zeichen` };
      return { message: issue.inclusive ? `Höchstens ${issue.maximum}` : `Muss kleiner als ${issue.maximum} sein` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `Erlaubt sind: ${issue.options.join(", ")}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `Unbekannte Felder: ${issue.keys.join(", ")}` };
    case z.ZodIssueCode.not_multiple_of:
      return { message: `Muss ein Vielfaches von ${issue.multipleOf} sein` };
    default:
      return { message: ctx.defaultError };
  }
};
