// CI's gate on the runtime dependencies' advisories (G12, decision 0039): reads the JSON of
// `npm audit --omit=dev --json` and the allow-list `.ci/audit-allowlist.json`, prints what it
// found, and fails (exit 1) on a high or critical advisory that the allow-list does not name
// with a reason and a review date still ahead. Moderate and lower advisories are printed, not
// gating. An audit that could not run (the registry's advisory endpoint refused or was
// unreachable) fails too, unless the allow-list records that with a reason and a review date
// still ahead: then a banner says that nothing was checked, and CI passes until that date.
//
//   tsx scripts/audit-gate.ts <npm-audit.json> <allow-list.json> [--today YYYY-MM-DD]
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { z } from "zod";

const GATING = ["high", "critical"] as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const AllowedAdvisory = z.object({
  /** The advisory's id as npm audit reports it: the GHSA id (last part of its URL) or npm's number. */
  id: z.string().min(1),
  url: z.string().url().optional(),
  package: z.string().min(1),
  reason: z.string().min(10, "say why the advisory does not reach the portal"),
  reviewBy: z.string().regex(ISO_DAY, "a date YYYY-MM-DD"),
});

export const AllowList = z.object({
  advisories: z.array(AllowedAdvisory).default([]),
  /** While the audit cannot reach the advisory database: why, and until when CI may pass without it. */
  auditUnavailable: z
    .object({
      reason: z.string().min(10),
      reviewBy: z.string().regex(ISO_DAY, "a date YYYY-MM-DD"),
    })
    .optional(),
});
export type AllowList = z.infer<typeof AllowList>;

/** One advisory as npm audit (report version 2) names it in a vulnerability's `via`. */
export type Advisory = { id: string; source?: number; package: string; title: string; url?: string; severity: string; range?: string };

export type GateResult = { pass: boolean; lines: string[] };

type Via = { source?: number; name?: string; dependency?: string; title?: string; url?: string; severity?: string; range?: string };

/** The advisories in an npm audit report, each once; null when the report holds no audit (an error). */
export function advisoriesOf(report: unknown): Advisory[] | null {
  if (!report || typeof report !== "object" || !("vulnerabilities" in report)) return null;
  const vulnerabilities = (report as { vulnerabilities: Record<string, { via?: (string | Via)[] }> }).vulnerabilities;
  const found = new Map<string, Advisory>();
  for (const [name, vulnerability] of Object.entries(vulnerabilities ?? {})) {
    // A string in `via` is another package through which this one is affected: that
    // package's entry carries the advisory itself.
    for (const via of vulnerability.via ?? []) {
      if (typeof via !== "object" || via === null) continue;
      const id = via.url?.split("/").pop() || String(via.source ?? "");
      const pkg = via.name ?? name;
      const key = `${id} ${pkg}`;
      if (!found.has(key)) {
        found.set(key, { id, source: via.source, package: pkg, title: via.title ?? "(no title)", url: via.url, severity: via.severity ?? "unknown", range: via.range });
      }
    }
  }
  return [...found.values()].sort((a, b) => a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
}

/** Why the audit did not run, from npm's error JSON ("405 Method Not Allowed - POST …"). */
function failureOf(report: unknown): string {
  if (report && typeof report === "object") {
    const r = report as { message?: unknown; error?: { summary?: unknown } };
    if (typeof r.message === "string" && r.message) return r.message;
    if (typeof r.error?.summary === "string" && r.error.summary) return r.error.summary;
  }
  return "npm audit wrote no report";
}

const describe = (a: Advisory) => `${a.severity.toUpperCase()} ${a.package}${a.range ? ` ${a.range}` : ""}: ${a.title} (${a.url ?? a.id})`;

function matches(entry: z.infer<typeof AllowedAdvisory>, advisory: Advisory): boolean {
  if (entry.package !== advisory.package) return false;
  return entry.id === advisory.id || entry.id === String(advisory.source ?? "") || (entry.url !== undefined && entry.url === advisory.url);
}

/**
 * The decision: `report` is the parsed output of `npm audit --omit=dev --json` (or undefined
 * when it printed nothing parsable), `today` an ISO day. An allow-list entry counts up to and
 * including its review day.
 */
export function auditGate(report: unknown, allowList: AllowList, today: string): GateResult {
  const lines: string[] = [];
  const advisories = advisoriesOf(report);
  if (advisories === null) {
    const why = failureOf(report);
    const waiver = allowList.auditUnavailable;
    const banner = "!".repeat(78);
    lines.push(banner, `!! DEPENDENCY AUDIT NOT PERFORMED: ${why}`, "!! No advisory of the runtime dependencies was checked in this run.");
    if (waiver && today <= waiver.reviewBy) {
      lines.push(`!! Passing as .ci/audit-allowlist.json allows until ${waiver.reviewBy}: ${waiver.reason}`, banner);
      return { pass: true, lines };
    }
    lines.push(
      waiver
        ? `!! FAIL: the allow-list let CI pass without an audit until ${waiver.reviewBy}; that day is past. Run the audit where the registry answers, or review the entry.`
        : "!! FAIL: an audit that cannot run is a failure unless .ci/audit-allowlist.json records why (auditUnavailable).",
      banner,
    );
    return { pass: false, lines };
  }

  let pass = true;
  const gating = advisories.filter((a) => (GATING as readonly string[]).includes(a.severity));
  const others = advisories.filter((a) => !gating.includes(a));
  lines.push(`npm audit --omit=dev: ${advisories.length} advisory(ies) in runtime dependencies, ${gating.length} high or critical.`);
  for (const advisory of gating) {
    const entry = allowList.advisories.find((e) => matches(e, advisory));
    if (!entry) {
      pass = false;
      lines.push(`FAIL ${describe(advisory)}: not in .ci/audit-allowlist.json. Update the package, or add it there with a reason and a review date.`);
    } else if (today > entry.reviewBy) {
      pass = false;
      lines.push(`FAIL ${describe(advisory)}: allowed until ${entry.reviewBy}, which is past. Review it: ${entry.reason}`);
    } else {
      lines.push(`allowed ${describe(advisory)} until ${entry.reviewBy}: ${entry.reason}`);
    }
  }
  for (const advisory of others) lines.push(`noted ${describe(advisory)} (below high: does not fail CI)`);
  if (allowList.auditUnavailable) {
    lines.push(`note: the audit ran, so the allow-list's auditUnavailable entry (until ${allowList.auditUnavailable.reviewBy}) is no longer needed.`);
  }
  lines.push(pass ? "Dependency audit gate: passed." : "Dependency audit gate: FAILED.");
  return { pass, lines };
}

function parseJsonFile(file: string): unknown {
  const text = fs.readFileSync(file, "utf8").trim();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function main(argv: string[]): number {
  const todayAt = argv.indexOf("--today");
  const today = todayAt >= 0 ? argv[todayAt + 1] : new Date().toISOString().slice(0, 10);
  const [reportFile, allowListFile] = argv.filter((a, i) => a !== "--today" && (todayAt < 0 || i !== todayAt + 1));
  if (!reportFile || !allowListFile || !ISO_DAY.test(today ?? "")) {
    console.error("Usage: tsx scripts/audit-gate.ts <npm-audit.json> <allow-list.json> [--today YYYY-MM-DD]");
    return 2;
  }
  const allowList = AllowList.safeParse(JSON.parse(fs.readFileSync(allowListFile, "utf8")));
  if (!allowList.success) {
    for (const issue of allowList.error.issues) console.error(`${allowListFile}: ${issue.path.join(".")}: ${issue.message}`);
    return 1;
  }
  const result = auditGate(parseJsonFile(reportFile), allowList.data, today);
  for (const line of result.lines) (result.pass ? console.log : console.error)(line);
  return result.pass ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) process.exitCode = main(process.argv.slice(2));
