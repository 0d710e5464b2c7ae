// Validates OCDS release packages against the official OCDS 1.1.5 schema (JSON Schema
// draft-04) with the Lots extension (v1.1.5) merged into the release schema, from the copies
// in tests/fixtures/ocds. Usable from unit tests and from end-to-end tests on served JSON.
import { readFileSync } from "node:fs";
import Ajv from "ajv-draft-04";
import type { ErrorObject, ValidateFunction } from "ajv-draft-04";

const FIXTURES = new URL("../fixtures/ocds/", import.meta.url);

/** The id under which release-package-schema.json `$ref`s the release schema. */
export const RELEASE_SCHEMA_ID = "https://standard.open-contracting.org/schema/1__1__5/release-schema.json";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function readJson(relative: string): Json {
  return JSON.parse(readFileSync(new URL(relative, FIXTURES), "utf8")) as Json;
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * JSON Merge Patch (RFC 7386): a null in the patch deletes the key, objects merge
 * recursively, anything else (arrays included) replaces the target value. Returns a new value.
 */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: { [key: string]: Json } = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** The release schema with the Lots extension applied. */
export function releaseSchemaWithLots(): { [key: string]: Json } {
  const merged = mergePatch(readJson("release-schema.json"), readJson("extensions/lots/release-schema.json"));
  if (!isObject(merged) || merged.id !== RELEASE_SCHEMA_ID) {
    throw new Error(`release-schema.json does not have the id ${RELEASE_SCHEMA_ID}`);
  }
  return merged;
}

// RFC 3339 date-time: the offset is required (JSON Schema "date-time").
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/i;

function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number);
  const daysInMonth = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return false;
  return !Number.isNaN(Date.parse(s));
}

function isUri(s: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:[^\s]*$/i.test(s)) return false;
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

// OCDS metadata keywords that carry no validation rule.
const OCDS_KEYWORDS = [
  "codelist",
  "openCodelist",
  "deprecated",
  "versionId",
  "omitWhenMerged",
  "wholeListMerge",
];

let cached: ValidateFunction | null = null;

function validator(): ValidateFunction {
  if (cached) return cached;
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  for (const keyword of OCDS_KEYWORDS) ajv.addKeyword({ keyword, schemaType: ["string", "boolean", "object"] });
  ajv.addFormat("date-time", { type: "string", validate: isDateTime });
  ajv.addFormat("uri", { type: "string", validate: isUri });
  ajv.addSchema(releaseSchemaWithLots(), RELEASE_SCHEMA_ID);
  cached = ajv.compile(readJson("release-package-schema.json") as object);
  return cached;
}

function describe(e: ErrorObject): string {
  const where = e.instancePath || "(package)";
  const params = Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : "";
  return `${where}: ${e.message ?? e.keyword}${params} [${e.schemaPath}]`;
}

/** Validates a release package; `errors` are readable lines "path: message {params} [schemaPath]". */
export function validateReleasePackage(pkg: unknown): { valid: boolean; errors: string[] } {
  const validate = validator();
  const valid = validate(pkg) as boolean;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describe) };
}

/** Parses one CSV line (RFC 4180 quoting, no line breaks inside fields). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      fields.push(field);
      field = "";
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/**
 * The codes of an OCDS codelist, e.g. `codelist("tenderStatus")`. Deprecated codes (a non-empty
 * "Deprecated" column) are left out unless `includeDeprecated`.
 */
export function codelist(name: string, opts: { includeDeprecated?: boolean } = {}): Set<string> {
  const text = readFileSync(new URL(`codelists/${name}.csv`, FIXTURES), "utf8");
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== "").map(csvFields);
  const code = header.indexOf("Code");
  const deprecated = header.indexOf("Deprecated");
  if (code < 0) throw new Error(`codelists/${name}.csv has no Code column`);
  return new Set(
    rows
      .filter((r) => opts.includeDeprecated || deprecated < 0 || !r[deprecated])
      .map((r) => r[code]),
  );
}
