// Generates the PostgreSQL migrations (drizzle-pg/) from the tables derived in
// app/infra/schema-pg.ts, in the folder layout drizzle-kit writes and drizzle's migrator reads:
// meta/_journal.json, meta/NNNN_snapshot.json, NNNN_<name>.sql. drizzle-kit's command line
// collects tables from a module's named exports; the derived tables are one object, so this
// script calls drizzle-kit's API with it instead (decision 0041).
//   npm run db:generate -- --name <name>; npm run db:generate:pg -- --name <name>
//   tsx scripts/db-generate-pg.ts --check     (exit 1 when the schema has changes not generated)
import fs from "node:fs";
import path from "node:path";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { pgTables } from "../app/infra/schema-pg";

const OUT = path.resolve("drizzle-pg");
type Journal = { version: string; dialect: string; entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[] };

export function readJournal(dir = OUT): Journal {
  const file = path.join(dir, "meta", "_journal.json");
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : { version: "7", dialect: "postgresql", entries: [] };
}

function lastSnapshot(dir: string, journal: Journal): Parameters<typeof generateMigration>[0] {
  const last = journal.entries.at(-1);
  if (!last) return generateDrizzleJson({}) as never;
  return JSON.parse(fs.readFileSync(path.join(dir, "meta", `${String(last.idx).padStart(4, "0")}_snapshot.json`), "utf8"));
}

/** The statements the derived schema needs beyond the last generated migration. */
export async function pendingStatements(dir = OUT): Promise<{ statements: string[]; snapshot: unknown }> {
  const journal = readJournal(dir);
  const prev = lastSnapshot(dir, journal);
  const cur = generateDrizzleJson(pgTables, (prev as { id: string }).id);
  return { statements: await generateMigration(prev as never, cur as never), snapshot: cur };
}

async function main() {
  const args = process.argv.slice(2);
  const { statements, snapshot } = await pendingStatements();
  if (args.includes("--check")) {
    if (statements.length > 0) {
      console.error(`drizzle-pg/ lacks ${statements.length} statement(s) of the schema; run npm run db:generate:\n${statements.join("\n")}`);
      process.exit(1);
    }
    console.log("drizzle-pg/ matches the schema.");
    return;
  }
  if (statements.length === 0) {
    console.log("No PostgreSQL schema changes.");
    return;
  }
  const nameAt = args.indexOf("--name");
  const name = nameAt >= 0 ? args[nameAt + 1] : "migration";
  const journal = readJournal();
  const idx = journal.entries.length;
  const tag = `${String(idx).padStart(4, "0")}_${name}`;
  fs.mkdirSync(path.join(OUT, "meta"), { recursive: true });
  fs.writeFileSync(path.join(OUT, `${tag}.sql`), statements.join("\n--> statement-breakpoint\n") + "\n");
  fs.writeFileSync(path.join(OUT, "meta", `${String(idx).padStart(4, "0")}_snapshot.json`), JSON.stringify(snapshot, null, 2) + "\n");
  journal.entries.push({ idx, version: "7", when: Date.now(), tag, breakpoints: true });
  fs.writeFileSync(path.join(OUT, "meta", "_journal.json"), JSON.stringify(journal, null, 2) + "\n");
  console.log(`Wrote drizzle-pg/${tag}.sql (${statements.length} statements).`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
