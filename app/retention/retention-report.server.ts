// What `npm run portal -- retention [--dry-run]` prints: per call what goes (dry run) or
// went, one line per bid, the accounts last.
import type { RetentionPlan, RetentionRunResult } from "./retention.server";

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);

export function formatRetentionPlan(plan: RetentionPlan, at: Date): string {
  const lines = [`Retention, dry run at ${at.toISOString()}: nothing is changed.`];
  if (plan.calls.length === 0) lines.push("No call has reached its retention date.");
  for (const c of plan.calls) {
    lines.push(`Call ${c.slug} (kept until ${c.retention!.date.toISOString()}, ${c.retention!.source}):`);
    for (const b of c.bids) {
      lines.push(`  bid not awarded: ${b.organisationName} (${b.status}), ${b.submissionIds.length} submitted version(s), ${b.files.length} file(s), ${b.bytes} bytes (${size(b.bytes)})`);
    }
    if (c.bids.length === 0) lines.push("  no bid without award");
    lines.push(`  askers of ${c.questionIds.length} question(s), names in ${c.staffReportIds.length} staff report(s), ${c.amendmentIds.length + c.cooperationIds.length} declarant name(s)`);
    lines.push(`  ${c.proofFiles.length} degree proof(s) of staff reports, ${c.caseFiles.length} stored case file(s) (the Vergabevermerk PDFs stay)`);
  }
  lines.push(`Accounts to anonymise: ${plan.accounts.length}${plan.accounts.map((a) => `\n  ${a.userId} (${a.role})`).join("")}`);
  return lines.join("\n");
}

export function formatRetentionRun(r: RetentionRunResult): string {
  return [
    `Retention run ${r.runId}:`,
    ...r.calls.map((c) => `  ${c.slug}: ${c.files} file(s), ${c.bytes} bytes, ${c.submissions} submitted version(s) of bids not awarded deleted`),
    r.calls.length === 0 ? "  no call has reached its retention date" : null,
    `Accounts anonymised: ${r.accounts}. Audit entries redacted (hash kept): ${r.auditEntriesRedacted}. Files removed from storage: ${r.filesRemoved}.`,
  ]
    .filter((l) => l !== null)
    .join("\n");
}
