// Dresden's 2017 call definition, raw (for broken variants) and parsed.
import fs from "node:fs";
import path from "node:path";
import { parseCallDefinition, type CallDefinition } from "../../app/procurement/call-definition";

export const DRESDEN_FILE = path.resolve("app/calls/dresden-2017.json");

/** The JSON as written in the file: a fresh copy on every call, free to break. */
export function dresdenJson(): Record<string, any> {
  return JSON.parse(fs.readFileSync(DRESDEN_FILE, "utf8"));
}

export function dresdenDefinition(): CallDefinition {
  const result = parseCallDefinition(dresdenJson());
  if (!result.ok) throw new Error(`dresden-2017.json is invalid: ${JSON.stringify(result.errors)}`);
  return result.definition;
}
