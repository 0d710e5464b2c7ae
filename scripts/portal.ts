// The operators' command line: `npm run portal -- <command> [options]`.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { backup, BackupError, restore } from "../app/infra/backup.server";
import { refuseTestHooksOutsideTests, TestHookRefused } from "../app/infra/clock.server";
import { closeDb, databaseFile, databaseName, databaseOwnerUrl, databaseUrl, db, first, prepareDatabase, withoutPassword } from "../app/infra/db.server";
import { env } from "../app/infra/env.server";
import { configuredBaseUrl } from "../app/infra/http.server";
import { translator } from "../app/i18n";
import { refusalMessage } from "../app/i18n/refusal";
import { DomainError } from "../app/infra/errors";
import { PermissionsError, tightenDataDir } from "../app/infra/private-files.server";
import { issueRefusal } from "../app/infra/zod-messages";
import { createStaffUser, NewStaffUser } from "../app/identity/users.server";
import type { AccountActor } from "../app/identity/staff-accounts.server";
import { formatDefinitionErrors, parseCallDefinition } from "../app/procurement/call-definition";
import { importCall, publishCall } from "../app/procurement/calls.server";

const HELP = `Usage: npm run portal -- <command> [options]

Commands:
  setup [--demo]                       apply migrations; with --demo load the demo data
  call:validate <file.json>            check a call definition and name every mistake
  call:import <file.json> [--publish]  load or update a draft call from a definition
  call:publish <slug>                  publish a draft call
  user:create --email E --name N --role officer|evaluator|administrator [--password P]
                                       create a staff account (a password is generated if none is given);
                                       the first administrator is made so (no second administrator needed)
  user:invite --email E --name N --role R
                                       create a staff account and mail the invitation link instead
  user:disable --email E               disable an account and end its sessions (emergencies)
  user:enable --email E                re-enable a disabled account
  user:role --email E --role R         set a staff account's role (no second administrator: the
                                       operator's act, audited as "cli"); its sessions end
  user:reset-factor --email E          reset the second factor (the person enrols again); sessions end
  user:sign-out --email E              end every session of the account
  audit:verify                         check the audit chain, the heads on receipts and opening
                                       records, and the SHA-256 of every stored file (exit 1 if broken)
  backup <dir>                         consistent copy of the database, stored files and outbox
                                       into a new directory, with manifest.json (safe while running)
  restore <dir> [--force]              verify a backup and restore it into an empty DATA_DIR
                                       (--force replaces existing data; stop the server first)
  reminders:send                       mail the reminders of staff reports due within 7 days
                                       (each once; run it from cron, e.g. hourly)
  retention [--dry-run] [--now ISO]    delete what calls past their retention date no longer need:
                                       files and personal data of bids not awarded, names in the
                                       records, disabled accounts (--dry-run: list it, change nothing)
  retention:set <slug> <YYYY-MM-DD|none> --reason R --officer EMAIL
                                       keep a call longer than computed (or clear that), audited
  export <slug> <file.zip> --officer E
                                       the case file (Vergabeakte) of a call as one ZIP, made as
                                       the officer with address E (audited); readable without
                                       the portal, with manifest.json (SHA-256 of every file)
  migrate-to-postgres [--from <file>]  copy the SQLite database under DATA_DIR (or <file>) into the
                                       empty PostgreSQL database of DATABASE_URL (migrated first as
                                       DATABASE_OWNER_URL), in one transaction, and compare both
                                       (row counts, audit chain head); DATA_DIR's files stay as they are
  contracts:conclude                   conclude the contracts of calls awarded before contracts
                                       existed, dated by their award, and store the value of
                                       awards made before it was stored (once after an upgrade)
`;

class UsageError extends Error {}

const KNOWN = new Set([...HELP.matchAll(/^ {2}([a-z][a-z:-]*)/gm)].map((m) => m[1]));

/** backup and restore copy the SQLite file; PostgreSQL has its own tools. */
function refuseOnPostgres(command: string) {
  if (!databaseUrl()) return;
  throw new UsageError(
    `${command} copies the SQLite file under DATA_DIR; with DATABASE_URL the database is PostgreSQL: ` +
      `use pg_dump and pg_restore for the database and copy DATA_DIR's files (docs/operations.md, "Backups and restore on PostgreSQL")`,
  );
}

// The command line speaks German, as the operators' manual does.
const de = translator("de");

function readDefinition(file: string | undefined) {
  if (!file) throw new UsageError("a definition file is required");
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.resolve(file), "utf8"));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const result = parseCallDefinition(raw);
  if (!result.ok) {
    throw new UsageError(
      `${file} ist keine gültige Aufrufdefinition (${result.errors.length} Fehler):\n${formatDefinitionErrors(result.errors, de, "de")}`,
    );
  }
  return result.definition;
}

async function main(argv: string[]) {
  // The CLI writes deadlines' consequences too (reminders, receipts of the demo): no test clock outside tests.
  refuseTestHooksOutsideTests();
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      demo: { type: "boolean", default: false },
      publish: { type: "boolean", default: false },
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      force: { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      now: { type: "string" },
      reason: { type: "string" },
      officer: { type: "string" },
      from: { type: "string" },
    },
  });
  const now = new Date();
  // Commands that use the database make it ready first (on PostgreSQL: migrations as the owner).
  // backup and restore are SQLite-file operations and open nothing; migrate-to-postgres opens both itself.
  if (command && !["help", "--help", "call:validate", "backup", "restore", "migrate-to-postgres"].includes(command) && KNOWN.has(command)) {
    await prepareDatabase();
  }
  switch (command) {
    case "setup": {
      // What an older version or an operator left readable to others is narrowed first.
      const tightened = tightenDataDir(env().dataDir);
      if (tightened.length) console.log(`Permissions narrowed to the portal's user: ${tightened.length} path(s) under ${env().dataDir}`);
      // prepareDatabase (above) opened it, checked the pragmas and applied the migrations.
      console.log(`Database ready: ${databaseUrl() ? `PostgreSQL ${databaseName(db())}` : databaseFile()}`);
      if (values.demo && env().PUBLIC_URL?.startsWith("https://")) {
        // The demo's staff passwords are public: never on a real (https) deployment.
        throw new UsageError("refuses to load the demo on an https deployment (PUBLIC_URL): its accounts' passwords are public");
      }
      if (values.demo) {
        // Loaded only here: the demo pulls in the whole procedure (award, staffing, PDFs),
        // which the other commands do not need to start.
        const { DEMO_ACCOUNTS, DEMO_CARRIER_ACCOUNT, loadDemo } = await import("../app/demo/demo.server");
        const report = await loadDemo({ now, decideHistoric: true });
        console.log(
          report.createdCalls.length || report.createdAccounts.length || report.decided.length
            ? `Demo loaded: calls ${report.createdCalls.join(", ") || "(already there)"}; accounts ${report.createdAccounts.length} new` +
                (report.decided.length ? `; ${report.decided.join(", ")} run from registration to the staffing plan.` : ".")
            : "Demo data already present; nothing changed.",
        );
        const base = configuredBaseUrl();
        console.log(`\nDemo (all names, people and numbers are illustrative):`);
        console.log(`  ${base}/aufrufe/dresden-2017                 the historic call, decided (7 illustrative carriers)`);
        console.log(`  ${base}/aufrufe/dresden-2017/ergebnis        its result: awards per lot and the city's staffing figures`);
        console.log(`  ${base}/verwaltung/aufrufe/dresden-2017/stellenplan   the staffing plans of the four regions (officers)`);
        console.log(`  ${base}/aufrufe/dresden-2017-demo            the demo copy, open for 14 days from loading`);
        console.log(`  Sign in at ${base}/anmelden with:`);
        for (const a of DEMO_ACCOUNTS) console.log(`    ${a.role.padEnd(13)} ${a.email.padEnd(30)} password: ${a.password}`);
        console.log(`    ${"carrier".padEnd(13)} ${DEMO_CARRIER_ACCOUNT.email.padEnd(30)} password: ${DEMO_CARRIER_ACCOUNT.password}  (${DEMO_CARRIER_ACCOUNT.organisation}: its letters)`);
        console.log(`  Staff accounts enrol a second factor at their first sign-in (the portal leads there before`);
        console.log(`  any other page): a TOTP authenticator app, or a passkey where the browser has one. Later`);
        console.log(`  sign-ins ask for it after the password; ${base}/konto/zwei-faktor manages it.`);
        console.log(`  Carriers register themselves at ${base}/registrieren.`);
        console.log(
          env().SMTP_URL
            ? `  Mail goes out through SMTP (${new URL(env().SMTP_URL!).host}).`
            : `  No SMTP_URL set: every mail (confirmation links, receipts) is written to ${path.join(env().dataDir, "outbox")}\n  and officers read it at ${base}/verwaltung/postausgang.`,
        );
      }
      return;
    }
    case "call:validate": {
      const d = readDefinition(positionals[0]);
      console.log(`${positionals[0]}: valid (${d.slug}, ${d.regions.length} regions, ${d.roles.length} roles)`);
      return;
    }
    case "call:import": {
      const definition = readDefinition(positionals[0]);
      const result = await importCall({ definition, actorUserId: null, now });
      console.log(`Call ${definition.slug}: ${result.outcome} (draft)`);
      if (values.publish) {
        await publishCall({ slug: definition.slug, actorUserId: null, now });
        console.log(`Call ${definition.slug}: published`);
      }
      return;
    }
    case "call:publish": {
      const slug = positionals[0];
      if (!slug) throw new UsageError("a slug is required");
      await publishCall({ slug, actorUserId: null, now });
      console.log(`Call ${slug}: published`);
      return;
    }
    case "user:create": {
      const generated = values.password ? undefined : randomBytes(12).toString("base64url");
      const parsed = NewStaffUser.safeParse({ ...values, password: values.password ?? generated });
      if (!parsed.success) {
        throw new UsageError(parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${refusalMessage(issueRefusal(i), de, "de")}`).join("\n"));
      }
      const user = await createStaffUser({ ...parsed.data, now });
      console.log(`User ${user.email} (${user.role}) created.`);
      if (generated) console.log(`Password (shown once): ${generated}`);
      return;
    }
    case "user:invite":
    case "user:disable":
    case "user:enable":
    case "user:role":
    case "user:reset-factor":
    case "user:sign-out": {
      // The operator's emergency and setup acts (decision 0035): no second administrator, audited as "cli".
      const accounts = await import("../app/identity/staff-accounts.server");
      const cli: AccountActor = { kind: "cli" };
      if (command === "user:invite") {
        const parsed = accounts.NewStaffAccount.safeParse(values);
        if (!parsed.success) {
          throw new UsageError(parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${refusalMessage(issueRefusal(i), de, "de")}`).join("\n"));
        }
        const outcome = await accounts.createStaffAccount({ actor: cli, input: parsed.data, now });
        if (outcome.kind !== "invited") throw new Error("the CLI invites at once");
        const { sendStaffInvitationMail } = await import("../app/identity/account-mails.server");
        const { closeMailTransports } = await import("../app/infra/mail.server");
        const sent = await sendStaffInvitationMail(configuredBaseUrl(), outcome.invitation).finally(closeMailTransports);
        console.log(`User ${outcome.invitation.email} (${outcome.invitation.role}) invited${sent ? "" : "; the invitation mail could NOT be sent"}.`);
        return;
      }
      if (!values.email) throw new UsageError("--email is required");
      const userId = await accounts.accountIdByEmail(values.email);
      const opts = { actor: cli, userId, now };
      if (command === "user:disable" || command === "user:enable") {
        await accounts.setAccountDisabled({ ...opts, disabled: command === "user:disable" });
        console.log(`User ${values.email}: ${command === "user:disable" ? "disabled, sessions ended" : "enabled"}.`);
      } else if (command === "user:role") {
        const role = accounts.STAFF_ROLES.find((r) => r === values.role);
        if (!role) throw new UsageError(`--role must be one of ${accounts.STAFF_ROLES.join(", ")}`);
        const outcome = await accounts.changeRole({ ...opts, role });
        console.log(`User ${values.email}: ${outcome.kind === "unchanged" ? `already ${role}` : `now ${role}, sessions ended`}.`);
      } else if (command === "user:reset-factor") {
        await accounts.resetAccountSecondFactor(opts);
        console.log(`User ${values.email}: second factor reset, sessions ended; the person enrols again at the next sign-in.`);
      } else {
        await accounts.signOutAccountEverywhere(opts);
        console.log(`User ${values.email}: every session ended.`);
      }
      return;
    }
    case "audit:verify": {
      // Loaded on demand: the storage backends it needs cost every other command a second.
      const { verifyAuditTrail, formatAuditReport } = await import("../app/infra/audit-verify.server");
      const report = await verifyAuditTrail({ db: db(), dataDir: env().dataDir });
      console.log(formatAuditReport(report));
      if (!report.ok) process.exitCode = 1;
      return;
    }
    case "backup": {
      refuseOnPostgres("backup");
      if (!positionals[0]) throw new UsageError("a backup directory is required");
      // No db() here: opening would migrate the live database under a server of another version.
      const result = await backup({ dataDir: env().dataDir, targetDir: positionals[0], now });
      const m = result.manifest;
      console.log(`Backup written to ${result.dir}: database, ${m.files.length} stored file(s), ${m.outbox.length} outbox file(s).`);
      if (m.remoteFiles) console.log(`${m.remoteFiles} file(s) are kept by UploadThing and not part of this backup.`);
      return;
    }
    case "restore": {
      refuseOnPostgres("restore");
      if (!positionals[0]) throw new UsageError("a backup directory is required");
      const { manifest } = await restore({ backupDir: positionals[0], dataDir: env().dataDir, force: values.force });
      db(); // applies any newer migrations to the restored database and checks the pragmas
      console.log(`Restored the backup of ${manifest.createdAt} into ${env().dataDir}: database, ${manifest.files.length} stored file(s), ${manifest.outbox.length} outbox file(s).`);
      console.log("Run `npm run portal -- audit:verify` to check the restored data.");
      return;
    }
    case "reminders:send": {
      // Loaded on demand, like audit:verify. The server clock (a test may move it), not the wall clock.
      const { sendStaffReportReminders } = await import("../app/contracts/staff-reports.server");
      const { now: serverNow } = await import("../app/infra/clock.server");
      const { closeMailTransports } = await import("../app/infra/mail.server");
      const sent = await sendStaffReportReminders({ now: serverNow(), baseUrl: env().PUBLIC_URL, db: db() }).finally(closeMailTransports);
      console.log(`Staff report reminders sent: ${sent.length} (${sent.reduce((n, r) => n + r.recipients, 0)} mail(s)).`);
      return;
    }
    case "retention": {
      const { planRetention, runRetention } = await import("../app/retention/retention.server");
      const { formatRetentionPlan, formatRetentionRun } = await import("../app/retention/retention-report.server");
      // The server clock (a test may move it) unless a time is given.
      const { now: serverNow } = await import("../app/infra/clock.server");
      // --now is a test clock (decision 0039): in operation a typo would delete before the legal minimum.
      if (values.now && process.env.NODE_ENV !== "test") throw new UsageError("--now is only accepted with NODE_ENV=test (a test clock); retention runs at the server's time");
      const at = values.now ? new Date(values.now) : serverNow();
      if (Number.isNaN(at.getTime())) throw new UsageError(`--now ${values.now} is not a time`);
      const years = env().RETENTION_YEARS;
      const accountDays = env().RETENTION_ACCOUNT_DAYS;
      if (values["dry-run"]) console.log(formatRetentionPlan(await planRetention({ now: at, years, accountDays, db: db() }), at));
      else console.log(formatRetentionRun(await runRetention({ now: at, years, accountDays, db: db() })));
      return;
    }
    case "retention:set": {
      const [slug, until] = positionals;
      if (!slug || !until) throw new UsageError("a slug and a date (YYYY-MM-DD or none) are required");
      if (!values.officer || !values.reason) throw new UsageError("--officer and --reason are required");
      const { setRetentionOverride } = await import("../app/retention/retention.server");
      const { eq } = await import("drizzle-orm");
      const { calls, users } = await import("../app/infra/schema");
      const call = await first(db().select({ id: calls.id }).from(calls).where(eq(calls.slug, slug)));
      if (!call) throw new UsageError(`no call ${slug}`);
      const officer = await first(db().select({ id: users.id }).from(users).where(eq(users.email, values.officer.toLowerCase())));
      if (!officer) throw new UsageError(`no account ${values.officer}`);
      const { endOfBerlinDay } = await import("../app/i18n/berlin-time");
      const date = until === "none" ? null : endOfBerlinDay(until);
      if (until !== "none" && !date) throw new UsageError(`${until} is not a date (YYYY-MM-DD)`);
      await setRetentionOverride({ officerUserId: officer.id, callId: call.id, until: date, reason: values.reason, now, db: db() });
      console.log(`Call ${slug}: ${date ? `kept until ${until}` : "computed retention date"}.`);
      return;
    }
    case "contracts:conclude": {
      const { concludeMissingContracts } = await import("../app/contracts/conclude-missing.server");
      const rounds = await concludeMissingContracts({ db: db() });
      for (const r of rounds) console.log(`${r.slug}: ${r.contractIds.length} contract(s), awarded ${r.decidedAt.toISOString()}`);
      console.log(`Contracts concluded: ${rounds.reduce((n, r) => n + r.contractIds.length, 0)} in ${new Set(rounds.map((r) => r.callId)).size} call(s).`);
      // Awards made before their value was stored with them (decision 0033).
      const { fixMissingAwardValues } = await import("../app/award/award-values.server");
      console.log(`Award values stored: ${await fixMissingAwardValues({ db: db() })}.`);
      return;
    }
    case "migrate-to-postgres": {
      const target = databaseUrl();
      if (!target?.startsWith("postgres")) throw new UsageError("DATABASE_URL=postgres://… (the target, an empty database) is required");
      const from = path.resolve(values.from ?? databaseFile());
      if (!fs.existsSync(from)) throw new UsageError(`no SQLite database at ${from}`);
      const { migrateToPostgres, MigrationRefused } = await import("../app/infra/migrate-to-postgres.server");
      // The owner migrates and writes; without DATABASE_OWNER_URL, DATABASE_URL's role must own the tables.
      const ownerUrl = databaseOwnerUrl() ?? target;
      console.log(`Copying ${from} into ${withoutPassword(target)} (migrated and written as ${withoutPassword(ownerUrl)}), in one transaction:`);
      let report;
      try {
        report = await migrateToPostgres({ from, ownerUrl, dataDir: env().dataDir, log: (line) => console.log(line) });
      } catch (error) {
        if (error instanceof MigrationRefused) throw new UsageError(`${error.message}; nothing was copied`);
        throw error;
      }
      const head = (a: { entries: number; head: string; ok: boolean }) => `${a.entries} entries, head ${a.head}${a.ok ? "" : " (audit:verify finds faults)"}`;
      console.log(`Tables: ${report.tables.length}; rows copied: ${report.rows} in ${report.batches} batch(es); ${(report.ms / 1000).toFixed(1)} s.`);
      console.log(`Audit trail, SQLite:     ${head(report.source.audit)}`);
      console.log(`Audit trail, PostgreSQL: ${head(report.target.audit)}`);
      if (!report.source.audit.ok) {
        const { formatAuditReport } = await import("../app/infra/audit-verify.server");
        console.log(`audit:verify finds the same faults on both sides (the SQLite database had them before the copy):\n${formatAuditReport(report.source.audit)}`);
      }
      if (!report.ok) {
        for (const d of report.differences) console.error(`Difference: ${d}`);
        console.error("Nothing was committed: the PostgreSQL database is as empty as before.");
        process.exitCode = 1;
        return;
      }
      console.log("Committed: every table's row count and the audit chain's head are the same on both.");
      console.log(`The files under DATA_DIR (${env().dataDir}: stored files, outbox, keys) were not copied: the portal on`);
      console.log("PostgreSQL uses DATA_DIR as it is. Move it with the portal, or share it between instances, and");
      console.log(`keep ${path.basename(from)} as the record of the move (the portal no longer reads it while DATABASE_URL is set).`);
      return;
    }
    case "export": {
      const [slug, target] = positionals;
      if (!slug || !target) throw new UsageError("a call's slug and a target file are required");
      if (!values.officer) throw new UsageError("--officer (the address of the officer who exports) is required");
      const { exportCaseFileTo } = await import("../app/documents/case-file.server");
      const { now: serverNow } = await import("../app/infra/clock.server");
      const m = await exportCaseFileTo({ officerEmail: values.officer, callSlug: slug, target: path.resolve(target), now: serverNow(), clock: serverNow, db: db() });
      console.log(`Case file of ${m.call.slug} written to ${path.resolve(target)}: ${m.files.length} file(s) and manifest.json${m.deleted.length ? `, ${m.deleted.length} deleted file(s) listed` : ""}.`);
      if (m.sealed) console.log("The call is not opened: the case file holds nothing of the bids.");
      console.log(`Audit chain head: ${m.auditChain.head}`);
      return;
    }
    case undefined:
    case "help":
    case "--help":
      console.log(HELP);
      return;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

// Every command is awaited whole (its queries and transactions included) before the database
// is closed; the exit code is set (audit:verify) or the process exits with it (errors).
main(process.argv.slice(2))
  .then(() => closeDb())
  .catch((error: unknown) => {
    try {
      closeDb();
    } catch (closeError) {
      console.error(closeError);
    }
    if (error instanceof TestHookRefused || error instanceof PermissionsError) {
      console.error(`Error: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof UsageError || error instanceof DomainError || error instanceof BackupError) {
      console.error(`Error: ${error instanceof DomainError ? refusalMessage(error, de, "de") : error.message}`);
      if (error instanceof UsageError && /unknown command|required/.test(error.message)) console.error(HELP);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });
