import { describe, expect, it } from "vitest";
import dresdenJson from "../calls/dresden-2017.json";
import { isoWithBerlinOffset } from "../i18n/berlin-time";
import { callStatuses, type CallStatus } from "../infra/schema";
import { reportPeriods } from "../contracts/terms";
import {
  codelist,
  mergePatch,
  releaseSchemaWithLots,
  validateReleasePackage,
} from "../../tests/support/ocds-schema";
import { parseCallDefinition } from "./call-definition";
import type { CallView } from "./call-view";
import { callViewFromDefinition } from "./call-view-from-definition";
import {
  buildReleasePackage,
  LOTS_EXTENSION_URL,
  serializeReleasePackage,
  type OcdsOutcome,
  type ReleasePackage,
} from "./ocds";

const PUBLIC_URL = "https://portal.example.org/";
const PUBLISHED_AT = new Date("2017-01-26T09:00:00Z");

function dresden(opts: { status?: CallStatus } = {}): CallView {
  const parsed = parseCallDefinition(structuredClone(dresdenJson));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors, null, 2));
  return callViewFromDefinition(parsed.definition, opts);
}

function build(call: CallView = dresden(), publishedAt = PUBLISHED_AT): ReleasePackage {
  return buildReleasePackage(call, { publicUrl: PUBLIC_URL, publishedAt });
}

/** A deep, mutable copy as plain JSON, for breaking things on purpose. */
function plain(pkg: ReleasePackage): any {
  return JSON.parse(JSON.stringify(pkg));
}

const amendment = {
  number: 1,
  title: "Verlängerung der Einreichungsfrist",
  body: "Die Einreichungsfrist wird auf den 7. März 2017, 12:00 Uhr verlängert.",
  reason: "Mehrere Träger haben um mehr Zeit für die Konzepte gebeten.",
  publishedAt: new Date("2017-02-10T09:30:00Z"),
};

describe("buildReleasePackage (Dresden 2017)", () => {
  const call = dresden();
  const pkg = build(call);
  const release = pkg.releases[0];
  const tender = release.tender;

  it("is valid against the OCDS 1.1.5 release package schema with the Lots extension", () => {
    const result = validateReleasePackage(pkg);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes the package", () => {
    expect(pkg.uri).toBe("https://portal.example.org/aufrufe/dresden-2017/ocds.json");
    expect(pkg.version).toBe("1.1");
    expect(pkg.publishedDate).toBe("2017-01-26T10:00:00+01:00");
    expect(pkg.publisher).toEqual({ name: "Landeshauptstadt Dresden" });
    expect(pkg.extensions).toEqual([LOTS_EXTENSION_URL]);
    expect(LOTS_EXTENSION_URL).toBe(
      "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json",
    );
    expect(pkg.releases).toHaveLength(1);
  });

  it("identifies the release", () => {
    expect(release.ocid).toBe("ocds-dd2017-dresden-2017");
    expect(release.id).toMatch(/^ocds-dd2017-dresden-2017-tender-[0-9a-f]{12}$/);
    expect(release.tag).toEqual(["tender"]);
    expect(release.initiationType).toBe("tender");
    expect(release.language).toBe("de");
    expect(release.date).toBe("2017-01-26T10:00:00+01:00");
    const custom = buildReleasePackage(call, { publicUrl: PUBLIC_URL, publishedAt: PUBLISHED_AT, ocidPrefix: "ocds-abc123-" });
    expect(custom.releases[0].ocid).toBe("ocds-abc123-dresden-2017");
  });

  it("has 16 lots, each with one item that points at it", () => {
    expect(tender.lots).toHaveLength(16);
    const lotIds = new Set(tender.lots.map((l) => l.id));
    expect(lotIds.size).toBe(16);
    expect(tender.lots[0].title).toBe("Los 1: Regionalkoordination – Region Nord");
    expect(tender.lots[15].title).toBe("Los 16: Integrationsberatung – Region West");
    for (const lot of tender.lots) {
      expect(lot.status).toBe("active");
      expect(lot.description.length).toBeGreaterThan(0);
    }
    expect(tender.items).toHaveLength(16);
    expect(new Set(tender.items.map((i) => i.id)).size).toBe(16);
    for (const item of tender.items) {
      expect(lotIds.has(item.relatedLot)).toBe(true);
      expect(item.classification).toEqual({
        scheme: "CPV",
        id: "85312000",
        description: "Dienstleistungen des Sozialwesens ohne Unterbringung",
      });
    }
    expect(new Set(tender.items.map((i) => i.relatedLot))).toEqual(lotIds);
  });

  it("states the periods as the call's instants, with offset", () => {
    const same = (iso: string | undefined, date: Date) => {
      expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?[+-]\d{2}:\d{2}$/);
      expect(Date.parse(iso!)).toBe(date.getTime());
    };
    same(tender.tenderPeriod.endDate, call.dates.submissionDeadline);
    expect(tender.tenderPeriod.endDate).toBe("2017-02-28T12:00:00+01:00");
    same(tender.tenderPeriod.startDate, call.dates.published!);
    same(tender.enquiryPeriod.startDate, call.dates.published!);
    same(tender.enquiryPeriod.endDate, call.dates.questionDeadline);
    same(tender.awardPeriod.startDate, call.dates.opening);
    same(tender.contractPeriod.startDate, call.dates.serviceStart);
    expect(tender.contractPeriod.startDate).toBe("2017-06-01T00:00:00+02:00");
    same(tender.contractPeriod.endDate, call.dates.contractEnd);
  });

  it("names the buyer as a party with address and contact point", () => {
    expect(release.buyer).toEqual({ id: "landeshauptstadt-dresden", name: "Landeshauptstadt Dresden" });
    expect(tender.procuringEntity).toEqual(release.buyer);
    const party = release.parties.find((p) => p.id === release.buyer.id);
    expect(party).toBeDefined();
    expect(party!.name).toBe("Landeshauptstadt Dresden");
    expect(party!.roles).toEqual(["buyer", "procuringEntity"]);
    expect(party!.address).toEqual({
      streetAddress: "Junghansstraße 2",
      postalCode: "01277",
      locality: "Dresden",
      countryName: "Deutschland",
    });
    expect(party!.contactPoint).toEqual({
      name: "Vergabestelle Soziale Betreuung (Sozialamt)",
      email: "interessenbekundung-sozialamt@example.org",
      telephone: "0351 000000",
    });
  });

  it("lists every criterion with its weight and the meaning of the scale", () => {
    expect(call.criteria).toHaveLength(8);
    for (const c of call.criteria) {
      expect(tender.awardCriteriaDetails).toContain(`${c.name} – ${c.weightPercent} %`);
      for (const p of c.scale) expect(tender.awardCriteriaDetails).toContain(p.meaning);
      if (c.priceFormula) expect(tender.awardCriteriaDetails).toContain(c.priceFormula);
    }
    expect(tender.awardCriteriaDetails).toContain("die Gewichte der Kriterien jeder Leistung zusammen 100 %");
  });

  it("names the services a criterion of only some services applies to", () => {
    expect(tender.awardCriteriaDetails).toContain("Zusammenarbeit im Tandem und Übergänge – 15 % (nur Flüchtlingssozialarbeit, Flüchtlingsbegleitung):");
    expect(tender.awardCriteriaDetails).toContain("Fachliches Konzept und Methoden – 25 %:");
  });

  it("states the cost rule with its reason and the minimum pay group of each role", () => {
    expect(tender.awardCriteriaDetails).toContain("Kostenregel: Die Personalkosten werden nicht gewertet");
    for (const reason of call.costRule!.reason) expect(tender.awardCriteriaDetails).toContain(reason);
    expect(tender.awardCriteriaDetails).toContain(
      "Mindestentgeltgruppen (TVöD SuE, Vergütung nach Tarif oder gleichwertig): Regionalkoordination S 15; Flüchtlingssozialarbeit S 12; Flüchtlingsbegleitung S 8a; Integrationsberatung S 12.",
    );
  });

  it("describes the procedure", () => {
    expect(tender.id).toBe("dresden-2017");
    expect(tender.title).toBe(call.title);
    expect(tender.description).toBe(call.texts.summary);
    expect(tender.procurementMethodDetails).toBe("Interessenbekundungsverfahren (Aufruf zur Interessenbekundung)");
    expect(tender.submissionMethodDetails).toContain("https://portal.example.org/aufrufe/dresden-2017");
    expect(tender.amendments).toBeUndefined();
  });

  it("links the call page and the PDF", () => {
    const page = tender.documents.find((d) => d.documentType === "tenderNotice");
    expect(page).toMatchObject({ url: "https://portal.example.org/aufrufe/dresden-2017", format: "text/html" });
    const pdf = tender.documents.find((d) => d.format === "application/pdf");
    expect(pdf).toMatchObject({
      documentType: "biddingDocuments",
      url: "https://portal.example.org/aufrufe/dresden-2017/aufruf.pdf",
    });
    expect(new Set(tender.documents.map((d) => d.id)).size).toBe(tender.documents.length);
    const withoutPdf = buildReleasePackage(call, { publicUrl: PUBLIC_URL, publishedAt: PUBLISHED_AT, pdfUrl: null });
    expect(withoutPdf.releases[0].tender.documents.some((d) => d.format === "application/pdf")).toBe(false);
  });

  it("uses only codes from the OCDS codelists", () => {
    const inList = (list: string, values: (string | undefined)[]) => {
      const codes = codelist(list);
      for (const v of values) expect(codes, `${list}: ${v}`).toContain(v);
    };
    inList("releaseTag", release.tag);
    inList("initiationType", [release.initiationType]);
    inList("tenderStatus", [tender.status, ...tender.lots.map((l) => l.status)]);
    inList("method", [tender.procurementMethod]);
    inList("procurementCategory", [tender.mainProcurementCategory]);
    inList("awardCriteria", [tender.awardCriteria]); // not deprecated either
    inList("submissionMethod", tender.submissionMethod);
    inList("documentType", tender.documents.map((d) => d.documentType));
    inList("partyRole", release.parties.flatMap((p) => p.roles));
    inList("itemClassificationScheme", tender.items.map((i) => i.classification.scheme));
  });

  it("maps every call status to a valid package and tenderStatus", () => {
    const expected: Record<CallStatus, [string, string]> = {
      draft: ["planning", "planning"],
      published: ["active", "tender"],
      questions_closed: ["active", "tender"],
      submission_closed: ["active", "tender"],
      opened: ["active", "tender"],
      formal_check: ["active", "tender"],
      evaluation: ["active", "tender"],
      award_proposed: ["active", "tender"],
      awarded: ["complete", "tender"],
      staffing_active: ["complete", "tender"],
      archived: ["complete", "tender"],
      cancelled: ["cancelled", "tenderCancellation"],
    };
    const tenderStatuses = codelist("tenderStatus");
    const tags = codelist("releaseTag");
    for (const status of callStatuses) {
      const p = build(dresden({ status }));
      const r = p.releases[0];
      expect([status, r.tender.status, r.tag[0]]).toEqual([status, ...expected[status]]);
      expect(tenderStatuses).toContain(r.tender.status);
      expect(tags).toContain(r.tag[0]);
      expect(validateReleasePackage(p).errors, status).toEqual([]);
    }
    const draft = build(dresden({ status: "draft" })).releases[0];
    expect(draft.tender.tenderPeriod.startDate).toBeUndefined();
    expect(draft.date).toBe(isoWithBerlinOffset(PUBLISHED_AT));
  });

  it("gives identical bytes for identical input", () => {
    const a = serializeReleasePackage(build(dresden()));
    const b = serializeReleasePackage(build(dresden()));
    expect(a).toBe(b);
    expect(a.endsWith("}\n")).toBe(true);
    expect(JSON.parse(a)).toEqual(pkg);
  });

  it("changes the release id when the call changes, not when only the package date does", () => {
    const later = build(call, new Date("2017-03-01T00:00:00Z"));
    expect(later.publishedDate).not.toBe(pkg.publishedDate);
    expect(later.releases[0].id).toBe(release.id);

    const amended = build({ ...call, amendments: [amendment] });
    const r = amended.releases[0];
    expect(r.id).not.toBe(release.id);
    expect(r.ocid).toBe(release.ocid);
    expect(r.tag).toEqual(["tenderAmendment"]);
    expect(r.date).toBe("2017-02-10T10:30:00+01:00");
    expect(r.tender.amendments).toEqual([
      {
        id: "1",
        date: "2017-02-10T10:30:00+01:00",
        description: `${amendment.title}\n\n${amendment.body}`,
        rationale: amendment.reason,
      },
    ]);
    expect(validateReleasePackage(amended).errors).toEqual([]);

    const withCancelledLot = build({ ...call, lots: call.lots.map((l, i) => (i === 3 ? { ...l, cancelled: true } : l)) });
    expect(withCancelledLot.releases[0].id).not.toBe(release.id);
    expect(withCancelledLot.releases[0].tender.lots[3].status).toBe("cancelled");
  });
});

const AWARDED_AT = new Date("2017-04-20T08:00:00Z"); // 10:00 in Dresden (summer time)
const ALPHA = { organisationId: "org-alpha", name: "Alpha e. V.", street: "Weg 1", postalCode: "01067", city: "Dresden" };
const BETA = { organisationId: "org-beta", name: "Beta gGmbH", street: "Gasse 2", postalCode: "01069", city: "Dresden" };

/** Lot 2 split between Alpha (2.00 FTE) and Beta (1.25 FTE), lot 3 to Alpha, lot 5 cancelled. */
function awardedOutcome(): OcdsOutcome {
  return {
    cancelledLots: [{ number: 5, at: new Date("2017-04-03T10:00:00Z"), reason: "Kein geeignetes Angebot eingegangen." }],
    award: {
      awardedAt: AWARDED_AT,
      lots: [
        {
          number: 2,
          awards: [
            { supplier: ALPHA, fteHundredths: 200, valueCents: 15_541_667 },
            { supplier: BETA, fteHundredths: 125, valueCents: null },
          ],
        },
        { number: 3, awards: [{ supplier: ALPHA, fteHundredths: 150, valueCents: 9_000_000 }] },
        // A decision with no FTE is no award.
        { number: 4, awards: [{ supplier: BETA, fteHundredths: 0, valueCents: 0 }] },
      ],
    },
  };
}

describe("buildReleasePackage after the award (Zuschlag)", () => {
  const base = dresden({ status: "awarded" });
  const call: CallView = { ...base, lots: base.lots.map((l) => (l.number === 5 ? { ...l, cancelled: true } : l)) };
  const pkg = buildReleasePackage(call, { publicUrl: PUBLIC_URL, publishedAt: AWARDED_AT, outcome: awardedOutcome() });
  const release = pkg.releases[0];

  it("is valid against the OCDS schema with the Lots extension", () => {
    expect(validateReleasePackage(pkg).errors).toEqual([]);
  });

  it("tags the release as an award and completes the tender", () => {
    expect(release.tag).toEqual(["tender", "award"]);
    expect(release.id).toMatch(/^ocds-dd2017-dresden-2017-award-[0-9a-f]{12}$/);
    expect(release.tender.status).toBe("complete");
    expect(release.date).toBe("2017-04-20T10:00:00+02:00");
  });

  it("has one active award per lot and carrier, with items, FTE, value and date", () => {
    const awards = release.awards!;
    expect(awards.map((a) => [a.id, a.relatedLots, a.suppliers.map((s) => s.name)])).toEqual([
      ["los-2-zuschlag-1", ["los-2"], ["Alpha e. V."]],
      ["los-2-zuschlag-2", ["los-2"], ["Beta gGmbH"]],
      ["los-3-zuschlag-1", ["los-3"], ["Alpha e. V."]],
    ]);
    const [first, second] = awards;
    expect(first.status).toBe("active");
    expect(first.date).toBe("2017-04-20T10:00:00+02:00");
    expect(first.value).toEqual({ amount: 155_416.67, currency: "EUR" });
    expect(second.value).toBeUndefined();
    expect(first.items).toEqual([
      {
        id: "los-2-leistung",
        description: "Flüchtlingssozialarbeit – Region Nord",
        classification: { scheme: "CPV", id: "85312000", description: "Dienstleistungen des Sozialwesens ohne Unterbringung" },
        relatedLot: "los-2",
        quantity: 2,
        unit: { name: "Vollzeitäquivalent (VZÄ)" },
      },
    ]);
    expect(second.items[0].quantity).toBe(1.25);
    expect(first.contractPeriod).toEqual(release.tender.contractPeriod);
    expect(first.documents[0]).toMatchObject({ documentType: "awardNotice", url: "https://portal.example.org/aufrufe/dresden-2017/ergebnis" });
  });

  it("names each carrier once among the parties, as supplier with its address", () => {
    const suppliers = release.parties.filter((p) => p.roles.includes("supplier"));
    expect(suppliers).toEqual([
      { id: "traeger-org-alpha", name: "Alpha e. V.", roles: ["supplier"], address: { streetAddress: "Weg 1", postalCode: "01067", locality: "Dresden" } },
      { id: "traeger-org-beta", name: "Beta gGmbH", roles: ["supplier"], address: { streetAddress: "Gasse 2", postalCode: "01069", locality: "Dresden" } },
    ]);
    const partyIds = new Set(release.parties.map((p) => p.id));
    for (const a of release.awards!) for (const s of a.suppliers) expect(partyIds).toContain(s.id);
  });

  it("states each lot's status: complete, unsuccessful without an award, cancelled with the reason", () => {
    const status = (n: number) => release.tender.lots.find((l) => l.id === `los-${n}`)!.status;
    expect([status(2), status(3), status(4), status(5), status(1)]).toEqual(["complete", "complete", "unsuccessful", "cancelled", "unsuccessful"]);
    const cancellation = release.tender.documents.find((d) => d.documentType === "cancellationDetails");
    expect(cancellation).toMatchObject({
      id: "aufhebung-los-5",
      relatedLots: ["los-5"],
      description: "Kein geeignetes Angebot eingegangen.",
      datePublished: "2017-04-03T12:00:00+02:00",
    });
  });

  it("uses only codes from the OCDS codelists", () => {
    for (const tag of release.tag) expect(codelist("releaseTag")).toContain(tag);
    for (const a of release.awards!) expect(codelist("awardStatus")).toContain(a.status);
    for (const l of release.tender.lots) expect(codelist("tenderStatus")).toContain(l.status);
    for (const p of release.parties) for (const r of p.roles) expect(codelist("partyRole")).toContain(r);
    const docTypes = [...release.tender.documents, ...release.awards!.flatMap((a) => a.documents)].map((d) => d.documentType);
    for (const d of docTypes) expect(codelist("documentType")).toContain(d);
  });

  it("fails validation when an award names its lots or status wrongly", () => {
    const broken = plain(pkg);
    broken.releases[0].awards[0].relatedLots = "los-2";
    broken.releases[0].awards[0].status = "vergeben";
    const errors = validateReleasePackage(broken).errors.join("\n");
    expect(errors).toContain("/releases/0/awards/0/relatedLots");
    expect(errors).toContain("/releases/0/awards/0/status");
  });

  it("publishes no awards without the award, even for a call marked awarded", () => {
    const without = build(call);
    expect(without.releases[0].awards).toBeUndefined();
    expect(without.releases[0].tag).toEqual(["tender"]);
    expect(without.releases[0].parties.map((p) => p.roles)).toEqual([["buyer", "procuringEntity"]]);
  });
});

describe("buildReleasePackage with the contracts (Verträge)", () => {
  const base = dresden({ status: "awarded" });
  const call: CallView = { ...base, lots: base.lots.map((l) => (l.number === 5 ? { ...l, cancelled: true } : l)) };
  const start = base.dates.serviceStart;
  const end = base.dates.contractEnd;
  const periods = reportPeriods(start, end, base.contractTerms.reporting);
  const contract = (number: string, lotNumber: number, organisationId: string, fteHundredths: number, valuePerYearCents: number) => ({
    number, lotNumber, organisationId, fteHundredths, valuePerYearCents, startsAt: start, endsAt: end, concludedAt: AWARDED_AT, reportPeriods: periods,
  });
  // Beta's contract in lot 2 is not concluded yet: its award stands without one.
  const outcome: OcdsOutcome = { ...awardedOutcome(), contracts: [contract("50.21-IB/2017-001-V02-1", 2, "org-alpha", 200, 6_016_129), contract("50.21-IB/2017-001-V03-1", 3, "org-alpha", 150, 3_483_871)] };
  const at = (now: Date) => buildReleasePackage(call, { publicUrl: PUBLIC_URL, publishedAt: AWARDED_AT, outcome, now });
  const before = at(new Date("2017-05-31T21:59:59Z"));
  const running = at(new Date("2018-03-01T12:00:00Z"));
  const after = at(new Date("2026-12-06T12:00:00Z"));

  it("is valid against the OCDS schema with the Lots extension before, during and after the term", () => {
    for (const pkg of [before, running, after]) expect(validateReleasePackage(pkg).errors).toEqual([]);
  });

  it("has one contract per concluded award, with its award, period, value for the term, item and signing date", () => {
    const contracts = running.releases[0].contracts!;
    expect(contracts.map((c) => [c.id, c.awardID, c.items[0].relatedLot, c.items[0].quantity])).toEqual([
      ["50.21-IB/2017-001-V02-1", "los-2-zuschlag-1", "los-2", 2],
      ["50.21-IB/2017-001-V03-1", "los-3-zuschlag-1", "los-3", 1.5],
    ]);
    const [first] = contracts;
    expect(first.title).toBe("Vertrag 50.21-IB/2017-001-V02-1: Los 2: Flüchtlingssozialarbeit – Region Nord");
    expect(first.period).toEqual({ startDate: "2017-06-01T00:00:00+02:00", endDate: "2019-12-31T23:59:59+01:00" });
    // 31 months: 60,161.29 € a year × 31 / 12 = 155,416.67 €, the award's value.
    expect(first.value).toEqual({ amount: 155_416.67, currency: "EUR" });
    expect(first.value).toEqual(running.releases[0].awards![0].value);
    expect(first.description).toContain("Wert je Jahr 60.161,29");
    expect(first.dateSigned).toBe("2017-04-20T10:00:00+02:00");
    expect(first).not.toHaveProperty("amendments");
  });

  it("publishes an accepted contract amendment (Nachsteuerung) with its date and rationale, and values the term with the new value per year from its first month", () => {
    const amendment = { id: "50.21-IB/2017-001-V02-1-aenderung-1", acceptedAt: new Date("2017-10-17T09:00:00Z"), fromDay: "2017-12-01", beforeHundredths: 200, afterHundredths: 240, valuePerYearAfterCents: 7_219_355 };
    const amended: OcdsOutcome = { ...outcome, contracts: [{ ...outcome.contracts![0], amendments: [amendment] }, outcome.contracts![1]] };
    const pkg = buildReleasePackage(call, { publicUrl: PUBLIC_URL, publishedAt: AWARDED_AT, outcome: amended, now: new Date("2018-03-01T12:00:00Z") });
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    const [first, second] = pkg.releases[0].contracts!;
    expect(first.amendments).toEqual([
      {
        id: "50.21-IB/2017-001-V02-1-aenderung-1",
        date: "2017-10-17T11:00:00+02:00",
        rationale: "Anpassung an neue Fallzahlen (Nachsteuerung) im Rahmen der im Aufruf vorbehaltenen Änderung der vereinbarten VZÄ",
        description: "Ab 01.12.2017: 2,40 statt 2,00 VZÄ; Wert je Jahr danach 72.193,55\u00a0€.",
      },
    ]);
    // June to November 2017 (6 months) at 60,161.29 €, December 2017 to December 2019 (25) at 72,193.55 €.
    expect(first.value.amount).toBe(Math.round((6_016_129 * 6) / 12 + (7_219_355 * 25) / 12) / 100);
    expect(second).not.toHaveProperty("amendments");
    // The acceptance is the release's latest change.
    expect(pkg.releases[0].date).toBe("2017-10-17T11:00:00+02:00");
  });

  it("lists the staff reports due under each contract as scheduled reporting milestones of its implementation", () => {
    const { milestones } = running.releases[0].contracts![0].implementation;
    expect(milestones).toHaveLength(31);
    expect(milestones[0]).toEqual({
      id: "50.21-IB/2017-001-V02-1-meldung-1",
      title: "Meldung zur Stellenbesetzung 01.06.2017–30.06.2017",
      type: "reporting",
      dueDate: "2017-07-15T23:59:59+02:00",
      status: "scheduled",
    });
    expect(milestones.at(-1)!.dueDate).toBe("2020-01-15T23:59:59+01:00");
    for (const m of milestones) {
      expect(codelist("milestoneType")).toContain(m.type);
      expect(codelist("milestoneStatus")).toContain(m.status);
    }
  });

  it("states the contracts pending before the term, active in it, terminated after it, and dates the release by the last change", () => {
    expect([before, running, after].map((p) => p.releases[0].contracts!.map((c) => c.status))).toEqual([
      ["pending", "pending"],
      ["active", "active"],
      ["terminated", "terminated"],
    ]);
    for (const pkg of [before, running, after]) for (const c of pkg.releases[0].contracts!) expect(codelist("contractStatus")).toContain(c.status);
    expect([before, running, after].map((p) => p.releases[0].date)).toEqual(["2017-04-20T10:00:00+02:00", "2017-06-01T00:00:00+02:00", "2019-12-31T23:59:59+01:00"]);
    expect(new Set([before, running, after].map((p) => p.releases[0].id)).size).toBe(3);
  });

  it("fails validation when a contract loses its award or states an unknown status", () => {
    const broken = plain(running);
    delete broken.releases[0].contracts[0].awardID;
    broken.releases[0].contracts[1].status = "laufend";
    const errors = validateReleasePackage(broken).errors.join("\n");
    expect(errors).toContain("/releases/0/contracts/0");
    expect(errors).toContain("/releases/0/contracts/1/status");
  });
});

describe("buildReleasePackage after a cancellation (Aufhebung)", () => {
  const call = dresden({ status: "cancelled" });
  const at = new Date("2017-03-15T11:00:00Z");
  const reason = "Der Bedarf ist durch eine Änderung der Zuweisungen entfallen.";
  const pkg = buildReleasePackage(
    { ...call, lots: call.lots.map((l) => ({ ...l, cancelled: true })) },
    { publicUrl: PUBLIC_URL, publishedAt: at, outcome: { cancellation: { at, reason } } },
  );
  const release = pkg.releases[0];

  it("is valid, cancelled, tagged tenderCancellation, with the reason and date as a document", () => {
    expect(validateReleasePackage(pkg).errors).toEqual([]);
    expect(release.tag).toEqual(["tenderCancellation"]);
    expect(release.tender.status).toBe("cancelled");
    expect(new Set(release.tender.lots.map((l) => l.status))).toEqual(new Set(["cancelled"]));
    expect(release.awards).toBeUndefined();
    expect(release.date).toBe("2017-03-15T12:00:00+01:00");
    expect(release.tender.documents.find((d) => d.documentType === "cancellationDetails")).toEqual({
      id: "aufhebung",
      documentType: "cancellationDetails",
      title: `Aufhebung: ${call.title}`,
      description: reason,
      url: "https://portal.example.org/aufrufe/dresden-2017",
      datePublished: "2017-03-15T12:00:00+01:00",
      language: "de",
    });
  });
});

describe("validateReleasePackage", () => {
  const pkg = build();

  it("fails when a release has no ocid", () => {
    const broken = plain(pkg);
    delete broken.releases[0].ocid;
    const result = validateReleasePackage(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toContain("ocid");
  });

  it("fails on a value outside a closed codelist", () => {
    const broken = plain(pkg);
    broken.releases[0].tender.status = "offen";
    const result = validateReleasePackage(broken);
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toContain("/releases/0/tender/status");
  });

  it("checks lots against the Lots extension (so the patch is applied)", () => {
    const broken = plain(pkg);
    broken.releases[0].tender.lots[0].status = "offen";
    broken.releases[0].tender.lots[1].id = 2;
    broken.releases[0].tender.items[0].relatedLot = ["los-1"];
    const errors = validateReleasePackage(broken).errors.join("\n");
    expect(errors).toContain("/releases/0/tender/lots/0/status");
    expect(errors).toContain("/releases/0/tender/lots/1/id");
    expect(errors).toContain("/releases/0/tender/items/0/relatedLot");
  });

  it("fails on dates without offset and on missing package fields", () => {
    const broken = plain(pkg);
    broken.releases[0].tender.tenderPeriod.endDate = "2017-02-28T12:00:00";
    delete broken.publisher;
    const errors = validateReleasePackage(broken).errors.join("\n");
    expect(errors).toContain("/releases/0/tender/tenderPeriod/endDate");
    expect(errors).toContain("publisher");
  });
});

describe("mergePatch (RFC 7386)", () => {
  it("merges objects recursively, deletes on null and replaces arrays", () => {
    expect(mergePatch({ a: { b: 1, c: 2 }, d: [1, 2], e: 1 }, { a: { c: null, f: 3 }, d: [3], e: null })).toEqual({
      a: { b: 1, f: 3 },
      d: [3],
    });
    expect(mergePatch({ a: 1 }, [1])).toEqual([1]);
    expect(mergePatch("x", { a: { b: null } })).toEqual({ a: {} });
  });

  it("adds the Lots extension to the release schema", () => {
    const schema = releaseSchemaWithLots() as any;
    expect(schema.definitions.Tender.properties.lots.items.$ref).toBe("#/definitions/Lot");
    expect(schema.definitions.Item.properties.relatedLot).toBeDefined();
    expect(schema.definitions.Tender.properties.items).toBeDefined(); // core fields kept
  });
});
