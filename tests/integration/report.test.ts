// The Vergabevermerk of a whole evaluation: declarations (one changed to a conflict),
// scores with justifications, a spread resolved by consensus, an exclusion, the ranking;
// rendered as PDF (parsed back with unpdf) and as CSV for German Excel.
import { createElement } from "react";
import { extractText } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  certifyNoConflict,
  decideConflict,
  declarationsOfCall,
  declareConflict,
  recordConsensus,
  saveScores,
} from "../../app/evaluation/assessment.server";
import { excludeBid } from "../../app/evaluation/formal-check.server";
import { DocumentView } from "../../app/components/document-view";
import { evaluationReportDocument } from "../../app/evaluation/report-document";
import { renderEvaluationReportPdf } from "../../app/evaluation/report-pdf.server";
import { buildEvaluationReport, csvField, evaluationCsv, loadEvaluationDesk, TIMELINE_ACTIONS, type EvaluationReport } from "../../app/evaluation/report.server";
import { translator, type MessageKey } from "../../app/i18n";
import { allElements, expectTaggedPdfA, readTaggedPages, textOf } from "../support/tagged-pdf";
import { expectSameFacts } from "../support/documents";
import { evaluationScenario, QUALITY, type EvaluationScenario } from "../support/evaluation";

let s: EvaluationScenario;
let report: EvaluationReport;
let pdfText: string;
let reportPdf: Uint8Array;

const TRICKY = 'Ziele klar; Methoden "aufsuchend" gut beschrieben';
const CONFLICT_NOTE = "Vorstand im Trägerverein";
const CONSENSUS_REASON = "Gemeinsam abgewogen: Methoden tragfähig";
const EXCLUSION_REASON = "Registerauszug veraltet";
const DECISION_REASON = "Vorstandsamt im laufenden Jahr";

beforeAll(async () => {
  s = await evaluationScenario({ conceptFor: ["Alpha e. V."] });
  const { db, call } = s;
  let minute = 0;
  const at = () => new Date(s.after.getTime() + ++minute * 60_000);
  // The first evaluator first declares no conflict with Gamma, then corrects it.
  for (const name of ["Alpha e. V.", "Beta e. V.", "Gamma e. V."]) {
    await declareConflict({ evaluatorId: s.eval1, callId: call.id, organisationId: s.org(name), types: [], note: "", now: at(), db });
    await declareConflict({ evaluatorId: s.eval2, callId: call.id, organisationId: s.org(name), types: [], note: "", now: at(), db });
  }
  await declareConflict({ evaluatorId: s.eval1, callId: call.id, organisationId: s.org("Gamma e. V."), types: ["employment"], note: CONFLICT_NOTE, now: at(), db });
  const conflict = (await declarationsOfCall(call.id, db)).find((d) => d.hasConflict)!;
  await decideConflict({ officerUserId: s.officerB, declarationId: conflict.id, outcome: "exclude", reason: DECISION_REASON, now: at(), db });
  await excludeBid({ officerUserId: s.officerA, submissionId: s.sub("Gamma e. V."), lotId: s.lotId(3), reason: EXCLUSION_REASON, now: at(), db });

  const score = async (evaluatorId: string, name: string, points: Record<string, number>, justification: (code: string) => string) => {
    const result = await saveScores({
      evaluatorId,
      submissionId: s.sub(name),
      lotId: s.lotId(2),
      entries: QUALITY.map((code) => ({ criterionId: s.crit(code), points: points[code], justification: justification(code) })),
      finalise: true,
      now: at(),
      db,
    });
    expect(result.problems).toEqual([]);
  };
  const all = (p: number) => Object.fromEntries(QUALITY.map((c) => [c, p]));
  await score(s.eval1, "Alpha e. V.", { ...all(4), konzept: 1 }, (code) => (code === "konzept" ? TRICKY : `Eins zu ${code}`));
  await score(s.eval2, "Alpha e. V.", all(4), (code) => `Zwei zu ${code}`);
  await score(s.eval1, "Beta e. V.", all(3), (code) => `Beta eins ${code}`);
  await score(s.eval2, "Beta e. V.", all(3), (code) => `Beta zwei ${code}`);
  await score(s.eval2, "Gamma e. V.", all(2), (code) => `Gamma zwei ${code}`);
  for (const evaluatorId of [s.eval1, s.eval2]) await certifyNoConflict({ evaluatorId, callId: call.id, now: at(), db });
  await recordConsensus({ officerUserId: s.officerA, submissionId: s.sub("Alpha e. V."), lotId: s.lotId(2), criterionId: s.crit("konzept"), points: 3, reason: CONSENSUS_REASON, now: at(), db });

  report = await buildEvaluationReport({ officerUserId: s.officerB, callSlug: call.slug, now: at(), db });
  const bytes = await renderEvaluationReportPdf(report, { locale: "de", generatedAt: new Date(report.generatedAt), cityName: "Landeshauptstadt Dresden", publicUrl: "https://portal.example/verwaltung/aufrufe/x/vergabevermerk" });
  reportPdf = bytes;
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  pdfText = text.replace(/\s+/g, " ");
}, 60_000);
afterAll(() => s?.t.cleanup());

/** A small RFC 4180 reader: ";" between fields, quoted fields with doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") row.push(field), (field = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field), rows.push(row), (row = []), (field = ""), i++;
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

describe("the evaluation report", () => {
  it("gathers the ranking with unrounded totals, the consensus and the declarations' history", () => {
    const lot = report.lots.find((l) => l.number === 2)!;
    expect(lot.bids.map((b) => [b.organisationName, b.rank])).toEqual([
      ["Alpha e. V.", 1],
      ["Beta e. V.", 2],
      ["Gamma e. V.", 3],
    ]);
    expect(lot.bids[1].total).toBeCloseTo(3.033, 10);
    const konzept = lot.bids[0].criteria.find((c) => c.criterionId === s.crit("konzept"))!;
    expect(konzept.spread).toBe(true);
    expect(konzept.consensus).toMatchObject({ points: 3, reason: CONSENSUS_REASON, recordedBy: "Anna Vergabe (Demo, fiktiv)" });
    expect(report.lotsWithoutBids).toContain(3);
    const gamma = report.declarations.filter((d) => d.evaluatorId === s.eval1 && d.organisationName === "Gamma e. V.");
    expect(gamma.map((d) => [d.hasConflict, d.current])).toEqual([
      [false, false],
      [true, true],
    ]);
    expect(report.exclusions).toEqual([expect.objectContaining({ organisationName: "Gamma e. V.", lotNumber: 3, reason: EXCLUSION_REASON })]);
    expect(report.formalCheck).toHaveLength(3);
    expect(gamma[1]).toMatchObject({ types: ["employment"], decision: { outcome: "exclude", reason: DECISION_REASON, decidedBy: "Bernd Vergabe (Demo, fiktiv)" } });
    expect(report.certifications.map((c) => c.evaluatorId).sort()).toEqual([s.eval1, s.eval2].sort());
    const actions = report.timeline.map((e) => e.action);
    for (const a of ["call.published", "application.submitted", "opening.started", "call.opened", "evaluation.evaluator-assigned", "evaluation.conflict-declared", "evaluation.conflict-decided", "evaluation.no-conflict-certified", "formal-check.excluded", "evaluation.scores-finalised", "evaluation.consensus-recorded"]) {
      expect(actions, a).toContain(a);
    }
    expect(actions).not.toContain("application.lot-saved");
    const consensusStep = report.timeline.find((e) => e.action === "evaluation.consensus-recorded")!;
    expect(consensusStep.subject).toMatchObject({ organisationName: "Alpha e. V.", lotNumber: 2, criterionName: "Fachliches Konzept und Methoden", points: 3 });
  });

  it("gives the Vergabevermerk's page and its PDF the same facts: every score, justification, declaration and checksum", async () => {
    const doc = evaluationReportDocument(report, translator("de"), "de");
    const { facts } = await expectSameFacts(doc, createElement(DocumentView, { doc, embedded: true }));
    for (const fact of [TRICKY, CONFLICT_NOTE, CONSENSUS_REASON, report.opening!.recordHash, report.audit.head!, "3,03", "3,33"]) expect(facts).toContain(fact);
    // The decision on the declared conflict: outcome, officer, time and reason in one cell.
    expect(facts.some((f) => f.includes("ausgeschlossen am") && f.includes(DECISION_REASON))).toBe(true);
  });

  it("has a label in both languages for every step of the timeline", () => {
    for (const locale of ["de", "en"] as const) {
      const t = translator(locale);
      for (const a of TIMELINE_ACTIONS) expect(t(`report.action.${a}` as MessageKey), a).not.toBe(`report.action.${a}`);
    }
  });

  it("prints justifications, the conflict declaration, the consensus, the exclusion, the rounding rule and the ranking in the PDF", () => {
    expect(pdfText).toContain("Vergabevermerk");
    expect(pdfText).toContain("Beta eins vernetzung");
    expect(pdfText).toContain("Zwei zu tandem");
    expect(pdfText).toContain(CONFLICT_NOTE);
    expect(pdfText).toContain(DECISION_REASON);
    expect(pdfText).toMatch(/Beschäftigung oder Organ- bzw\. Vorstandsfunktion beim Träger in den letzten drei Jahren/);
    expect(pdfText).toContain("Versicherungen nach der Bewertung");
    expect(pdfText).toMatch(/Zweite Bewerterin: versichert am/);
    expect(pdfText).toContain(CONSENSUS_REASON);
    expect(pdfText).toContain(EXCLUSION_REASON);
    expect(pdfText).toContain("ungerundeten Wert");
    expect(pdfText).toContain("Rangfolge: Los 2: Flüchtlingssozialarbeit – Region Nord");
    // Alpha 3.75, Beta 3.033 → 3,03, Gamma 2.3 → 2,30; price scores 4,00 / 3,33 / 5,00.
    expect(pdfText).toMatch(/1 Alpha e\. V\. .*3,75 4,00/);
    expect(pdfText).toMatch(/2 Beta e\. V\. .*3,03 3,33/);
    expect(pdfText).toMatch(/3 Gamma e\. V\. .*2,30 5,00/);
  });

  it("prints a tagged PDF/A-2b Vergabevermerk: numbered sections as H2 with nested H3 and H4, the exclusions as a list, the ranking as a table headed by column and by carrier", async () => {
    const doc = evaluationReportDocument(report, translator("de"), "de");
    await expectTaggedPdfA(reportPdf, { title: doc.title, language: "de" });
    const pages = await readTaggedPages(reportPdf);
    for (const page of pages) expect(page.unmarked).toEqual([]);
    const all = allElements(pages);
    expect(all.filter((e) => e.role === "H1").map((e) => e.text)).toEqual(["Vergabevermerk"]);
    const h2 = all.filter((e) => e.role === "H2").map((e) => e.text);
    expect(h2.slice(0, 3)).toEqual(["1 Verfahrensablauf", "2 Öffnung", "3 Formale Prüfung"]);
    // A lot's part within "Bewertungen je Los und Angebot": H3, each bid in it H4.
    const scores = all.find((e) => e.role === "Sect" && e.children[0].text.endsWith("Bewertungen je Los und Angebot"))!;
    const lot = scores.children.find((e) => e.role === "Sect")!;
    expect(lot.children[0]).toMatchObject({ role: "H3", text: "Los 2: Flüchtlingssozialarbeit – Region Nord" });
    expect(lot.children.find((e) => e.role === "Sect")!.children[0].role).toBe("H4");
    const bids = all.filter((e) => e.role === "H4").map((e) => e.text.split(" (")[0]);
    expect(bids).toEqual(["Alpha e. V.", "Beta e. V.", "Gamma e. V."]);
    // The exclusion is a list item under its heading.
    const exclusions = all.find((e) => e.role === "H3" && e.text === "Ausschlüsse")!;
    const formal = all.find((e) => e.role === "Sect" && e.children.includes(exclusions))!;
    const list = formal.children[formal.children.indexOf(exclusions) + 1];
    expect(list.role).toBe("L");
    expect(textOf(list.children[0].children[1])).toContain(EXCLUSION_REASON);
    // The ranking: a header row, then rows headed by the carrier (TH), rank and totals as TD.
    const ranking = all.find((e) => e.role === "Table" && textOf(e.children[0]).startsWith("Rang Träger"))!;
    expect(ranking.children[0].children.every((c) => c.role === "TH")).toBe(true);
    expect(ranking.children[1].children.slice(0, 4).map((c) => [c.role, c.text])).toEqual([
      ["TD", "1"],
      ["TH", expect.stringContaining("Alpha e. V.")],
      ["TD", "3,75"],
      ["TD", "4,00"],
    ]);
  });

  it("writes every score, the declarations with their decisions and the certifications as CSV for German Excel, quoted where needed", () => {
    const csv = evaluationCsv(report, translator("de"));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const all = parseCsv(csv.slice(1));
    // Three tables, each after an empty line: scores, declarations, certifications.
    const blank = all.flatMap((r, i) => (r.length === 1 && r[0] === "" ? [i] : []));
    expect(blank).toHaveLength(2);
    const rows = all.slice(0, blank[0]);
    const declarations = all.slice(blank[0] + 1, blank[1]);
    expect(declarations[0]).toEqual(["Erklärungen zu Interessenkonflikten"]);
    expect(declarations[1]).toEqual(["Erklärt am", "Bewertende Person", "Träger", "Erklärung", "Erläuterung", "Aktuell", "Entscheidung", "Entschieden von", "Entschieden am", "Begründung der Entscheidung"]);
    expect(declarations.find((r) => r[4] === CONFLICT_NOTE)!.slice(3, 8)).toEqual([
      "Beschäftigung oder Organ- bzw. Vorstandsfunktion beim Träger in den letzten drei Jahren",
      CONFLICT_NOTE,
      "ja",
      "ausgeschlossen",
      "Bernd Vergabe (Demo, fiktiv)",
    ]);
    expect(declarations.find((r) => r[4] === CONFLICT_NOTE)![9]).toBe(DECISION_REASON);
    expect(declarations).toHaveLength(2 + 7);
    const certifications = all.slice(blank[1] + 1);
    expect(certifications.slice(0, 2)).toEqual([["Versicherungen nach der Bewertung"], ["Bewertende Person", "Versichert am"]]);
    expect(certifications).toHaveLength(2 + 2);
    expect(rows[0]).toEqual([
      "Los",
      "Region",
      "Leistung",
      "Eingangsnummer",
      "Träger",
      "Kriterium",
      "Gewicht (%)",
      "Bewertende Person",
      "Punkte",
      "Begründung",
      "Streuung",
      "Konsens (Punkte)",
      "Begründung des Konsenses",
      "Ergebnis des Kriteriums",
      "Gewichtete Summe",
      "Rang",
    ]);
    // Lot 2: Alpha and Beta 5 criteria × 2 evaluators + price, Gamma 5 × 1 (conflict) + price.
    expect(rows.slice(1)).toHaveLength(11 + 11 + 6);
    expect(rows.every((r) => r.length === 16)).toBe(true);
    const tricky = rows.find((r) => r[9] === TRICKY)!;
    expect(tricky.slice(4, 15)).toEqual(["Alpha e. V.", "Fachliches Konzept und Methoden", "25", "Clara Bewertung (Demo, fiktiv)", "1", TRICKY, "ja", "3", CONSENSUS_REASON, "3", "3,75"]);
    expect(csv).toContain(`"${TRICKY.replace(/"/g, '""')}"`);
    const price = rows.find((r) => r[4] === "Beta e. V." && r[5] === "Wirtschaftlichkeit")!;
    expect(price[13]).toBe("3,33");
  });

  it("quotes fields and defuses formulas", () => {
    expect(csvField("schlicht")).toBe("schlicht");
    expect(csvField('a;b"c')).toBe('"a;b""c"');
    expect(csvField("zwei\nZeilen")).toBe('"zwei\nZeilen"');
    expect(csvField("=SUMME(A1)")).toBe("'=SUMME(A1)");
  });

  it("gives the officers' page every lot, the progress and the open work", async () => {
    const desk = await loadEvaluationDesk({ officerUserId: s.officerA, callSlug: s.call.slug, db: s.db });
    expect(desk.lots).toHaveLength(16);
    const lot2 = desk.lots.find((l) => l.number === 2)!;
    expect(lot2.belowMinimum).toBe(false);
    expect(desk.lots.find((l) => l.number === 3)!.belowMinimum).toBe(true);
    const states = Object.fromEntries(lot2.progress.map((p) => [p.organisationName, p.byEvaluator.map((e) => e.state)]));
    expect(states).toEqual({ "Alpha e. V.": ["final", "final"], "Beta e. V.": ["final", "final"], "Gamma e. V.": ["conflict", "final"] });
    expect(desk.evaluators.map((e) => e.name)).toContain("Dritte Bewerterin");
  });
});
