// The call as an Open Contracting Data Standard (OCDS 1.1) release package, served at
// /aufrufe/:slug/ocds.json. Pure: no database, no HTTP, no clock — the same CallView and
// options give the same bytes (see `serializeReleasePackage`), so the output can be cached
// and compared. Validated in tests against the official 1.1.5 schema plus the Lots
// extension (tests/support/ocds-schema.ts).
//
// Codelist choices (all checked against tests/fixtures/ocds/codelists/*.csv):
// - tender.status (tenderStatus, closed): see TENDER_STATUS below.
// - procurementMethod "open" (method, closed): every interested carrier may take part.
// - awardCriteria "ratedCriteria" (open, not deprecated): weighted quality and price criteria.
// - submissionMethod "electronicSubmission", mainProcurementCategory "services",
//   party roles "buyer" + "procuringEntity", documentType "tenderNotice" (the call page)
//   and "biddingDocuments" (the PDF and further documents).
// - After the award (Zuschlag): one award per lot and carrier (each contract has its own
//   FTE and value), status "active", the carrier as a party with role "supplier", the
//   lot's service as the award's item with quantity = FTE awarded and unit "VZÄ" (UN/CEFACT
//   has no code for a full-time equivalent, so the unit is named, not coded); documentType
//   "awardNotice" for the public result page; tag "award" beside the tender tag; lots
//   without an award are "unsuccessful", awarded lots "complete".
// - Contracts (Verträge, decision 0022): one per award, id = the contract number, awardID
//   the award's id; status by the contract period as of `now` (contractStatus: "pending"
//   before its start, "active" during, "terminated" after its end); value for the term like
//   the award's (the value per year is in the description); the lot's service as item with
//   relatedLot; dateSigned = when it was concluded (the award); `implementation.milestones`
//   holds what is known of the implementation so far: the staff reports it is due to
//   receive, one "reporting" milestone per report period, "scheduled" with its dueDate (the
//   last second of the due day). `amendments`: the accepted changes (Nachsteuerung, decision
//   0026), dated when accepted, the value for the term counting each from its first month;
//   left out while a contract is unchanged (OCDS omits empty fields rather than publish empty arrays).
// - Cancellation (Aufhebung) of the call or a lot: tenderStatus / lot status "cancelled"
//   and a "cancellationDetails" document with the date and the reason (OCDS 1.1 has no
//   statusDetails field).
// - Items are classified with CPV 85312000 (check digit -9), "Dienstleistungen des
//   Sozialwesens ohne Unterbringung" (social work services without accommodation): the
//   carriers provide social work and counselling, not the accommodation itself, so the
//   narrower code fits better than 85310000 ("Dienstleistungen des Sozialwesens"). OCDS
//   publishers (e.g. the EU/eForms profile) give CPV ids as the 8 digits without the
//   check digit.
import { createHash } from "node:crypto";
import { isoWithBerlinOffset } from "../i18n/berlin-time";
import { formatEuroCents } from "../i18n/format";
import type { CallStatus } from "../infra/schema";
import { dueInstant, type ReportPeriod } from "../contracts/terms";
import { termMonths } from "../submission/rules";
import type { CallView } from "./call-view";

/**
 * Default OCID prefix. A real operator registers its own prefix with the Open Contracting
 * Partnership (https://standard.open-contracting.org/latest/en/guidance/map/ocid/ —
 * "ocds-" plus six characters); until then this unregistered placeholder is used. Pass
 * `ocidPrefix` to `buildReleasePackage` (e.g. from the environment) once one is assigned.
 */
export const DEFAULT_OCID_PREFIX = "ocds-dd2017-";

/** The Lots extension, tag v1.1.5 (the copy in tests/fixtures/ocds/extensions/lots matches it). */
export const LOTS_EXTENSION_URL =
  "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json";

/** CPV code of every item (see the note at the top of this file). */
export const CPV_SOCIAL_WORK = {
  scheme: "CPV",
  id: "85312000",
  description: "Dienstleistungen des Sozialwesens ohne Unterbringung",
} as const;

// --- Types of what is emitted (a subset of OCDS 1.1 + Lots extension) --------------------

export type TenderStatus = "planning" | "active" | "cancelled" | "complete";
export type LotStatus = TenderStatus | "unsuccessful";
export type ReleaseTag = "planning" | "tender" | "tenderAmendment" | "tenderCancellation" | "award";
export type PartyRole = "buyer" | "procuringEntity" | "supplier";
export type DocumentType = "tenderNotice" | "biddingDocuments" | "awardNotice" | "cancellationDetails";

/** ISO 8601 / RFC 3339 date-time with offset, in Europe/Berlin (e.g. 2017-02-28T12:00:00+01:00). */
export type OcdsDateTime = string;

export type Period = { startDate?: OcdsDateTime; endDate?: OcdsDateTime };

export type OrganizationReference = { id: string; name: string };

export type Organization = {
  id: string;
  name: string;
  roles: PartyRole[];
  address: {
    streetAddress: string;
    postalCode: string;
    locality: string;
    countryName?: string;
  };
  /** The buyer's; suppliers are published without a contact point. */
  contactPoint?: {
    name: string;
    email: string;
    telephone?: string;
    url?: string;
  };
};

export type OcdsDocument = {
  id: string;
  documentType?: DocumentType;
  title: string;
  description?: string;
  url?: string;
  datePublished?: OcdsDateTime;
  dateModified?: OcdsDateTime;
  format?: string;
  language: "de";
  relatedLots?: string[];
};

export type Lot = {
  id: string;
  title: string;
  description: string;
  status: LotStatus;
};

export type Item = {
  id: string;
  description: string;
  classification: { scheme: "CPV"; id: string; description: string };
  relatedLot: string;
  /** In awards: the FTE awarded. */
  quantity?: number;
  unit?: { name: string };
};

export type Value = { amount: number; currency: string };

/** Zuschlag: one contract of one carrier in one lot. */
export type Award = {
  id: string;
  title: string;
  description: string;
  status: "active";
  date: OcdsDateTime;
  value?: Value;
  suppliers: OrganizationReference[];
  items: Item[];
  contractPeriod: Period;
  documents: OcdsDocument[];
  relatedLots: [string];
};

/** Stellenbesetzungsmeldung due under a contract (milestoneType "reporting"). */
export type Milestone = {
  id: string;
  title: string;
  type: "reporting";
  dueDate: OcdsDateTime;
  status: "scheduled";
};

export type ContractStatus = "pending" | "active" | "terminated";

/** Vertrag: the contract that followed one award. */
export type Contract = {
  id: string;
  awardID: string;
  title: string;
  description: string;
  status: ContractStatus;
  period: Period;
  value: Value;
  items: Item[];
  dateSigned: OcdsDateTime;
  implementation: { milestones: Milestone[] };
  amendments?: Amendment[];
};

export type Amendment = {
  id: string;
  date: OcdsDateTime;
  description: string;
  rationale: string;
};

export type Tender = {
  id: string;
  title: string;
  description: string;
  status: TenderStatus;
  procuringEntity: OrganizationReference;
  items: Item[];
  procurementMethod: "open";
  procurementMethodDetails: string;
  mainProcurementCategory: "services";
  awardCriteria: "ratedCriteria";
  awardCriteriaDetails: string;
  submissionMethod: ["electronicSubmission"];
  submissionMethodDetails: string;
  tenderPeriod: Period;
  enquiryPeriod: Period;
  eligibilityCriteria: string;
  awardPeriod: Period;
  contractPeriod: Period;
  documents: OcdsDocument[];
  amendments?: Amendment[];
  lots: Lot[];
  lotDetails?: { maximumLotsAwardedPerSupplier: number };
};

export type Release = {
  ocid: string;
  id: string;
  date: OcdsDateTime;
  tag: ReleaseTag[];
  initiationType: "tender";
  language: "de";
  parties: Organization[];
  buyer: OrganizationReference;
  tender: Tender;
  awards?: Award[];
  contracts?: Contract[];
};

export type ReleasePackage = {
  uri: string;
  version: "1.1";
  extensions: string[];
  publishedDate: OcdsDateTime;
  publisher: { name: string };
  releases: [Release];
};

export type BuildOptions = {
  /** Public base URL of the portal, e.g. https://portal.example.org (trailing slash ignored). */
  publicUrl: string;
  /** Package publishedDate: when this package was generated/published (pass a stable value to cache). */
  publishedAt: Date;
  /** OCID prefix registered with the Open Contracting Partnership; see DEFAULT_OCID_PREFIX. */
  ocidPrefix?: string;
  /**
   * URL of the call as PDF; default `<publicUrl>/aufrufe/<slug>/aufruf.pdf`, null to leave the
   * PDF out of the documents.
   */
  pdfUrl?: string | null;
  /** What happened after the tender: cancellations (public at once) and the award (public once made). */
  outcome?: OcdsOutcome;
  /** The moment the contracts' status is stated for (pending, active, terminated); default `publishedAt`. */
  now?: Date;
};

/** The outcome of a call, as far as it is public (app/award/result.ts builds it). */
export type OcdsOutcome = {
  /** Aufhebung of the whole call (the call's status is then "cancelled"). */
  cancellation?: { at: Date | null; reason: string } | null;
  /** Aufhebung of single lots. */
  cancelledLots?: { number: number; at: Date | null; reason: string }[];
  /** Zuschlag: only once it is made. */
  award?: {
    awardedAt: Date;
    lots: {
      number: number;
      awards: {
        supplier: { organisationId: string; name: string; street: string; postalCode: string; city: string };
        fteHundredths: number;
        /** Value of the contract for its term; null if unknown. */
        valueCents: number | null;
      }[];
    }[];
  } | null;
  /** The contracts concluded with the award (app/contracts), matched to the awards by lot and carrier. */
  contracts?: OcdsContractInput[];
};

export type OcdsContractInput = {
  number: string;
  lotNumber: number;
  organisationId: string;
  fteHundredths: number;
  valuePerYearCents: number;
  startsAt: Date;
  endsAt: Date;
  concludedAt: Date;
  reportPeriods: ReportPeriod[];
  /** Accepted amendments (Nachsteuerung, decision 0026), by from-day. */
  amendments?: OcdsContractAmendmentInput[];
};

export type OcdsContractAmendmentInput = {
  id: string;
  /** When the carrier accepted it. */
  acceptedAt: Date;
  /** The Berlin day it takes effect. */
  fromDay: string;
  beforeHundredths: number;
  afterHundredths: number;
  valuePerYearAfterCents: number;
};

// --- Mapping -----------------------------------------------------------------------------

/** tenderStatus for each state of the call. Awards are not published here, so everything
 *  from the opening to the award proposal is still "active" (the tender process runs). */
export const TENDER_STATUS: Record<CallStatus, TenderStatus> = {
  draft: "planning",
  published: "active",
  questions_closed: "active",
  submission_closed: "active",
  opened: "active",
  formal_check: "active",
  evaluation: "active",
  award_proposed: "active",
  awarded: "complete",
  staffing_active: "complete",
  archived: "complete",
  cancelled: "cancelled",
};

function releaseTag(call: CallView): ReleaseTag {
  if (call.status === "draft") return "planning";
  if (call.status === "cancelled") return "tenderCancellation";
  if (call.amendments.length > 0) return "tenderAmendment";
  return "tender";
}

/** URL of the package for a call. */
export function ocdsPackageUrl(publicUrl: string, slug: string): string {
  return `${trimBase(publicUrl)}/aufrufe/${encodeURIComponent(slug)}/ocds.json`;
}

export function buildReleasePackage(call: CallView, opts: BuildOptions): ReleasePackage {
  const base = trimBase(opts.publicUrl);
  const callUrl = `${base}/aufrufe/${encodeURIComponent(call.slug)}`;
  const pdfUrl = opts.pdfUrl === undefined ? `${callUrl}/aufruf.pdf` : opts.pdfUrl;
  const ocid = `${opts.ocidPrefix ?? DEFAULT_OCID_PREFIX}${call.slug}`;

  const amendments = [...call.amendments].sort((a, b) => a.number - b.number);
  const published = call.dates.published;
  const lastChange = amendments.reduce<Date | null>(
    (latest, a) => (latest === null || a.publishedAt.getTime() > latest.getTime() ? a.publishedAt : latest),
    null,
  );
  const outcome = opts.outcome ?? {};
  const award = outcome.award ?? null;
  const cancelledLots = new Map((outcome.cancelledLots ?? []).map((c) => [c.number, c]));
  // The release states the call as of its latest public change; an unpublished draft has
  // no public date, so it takes the package date.
  const releaseDate =
    [lastChange, outcome.cancellation?.at ?? null, ...[...cancelledLots.values()].map((c) => c.at), award?.awardedAt ?? null].reduce(
      latest,
      published,
    ) ?? opts.publishedAt;

  const status = TENDER_STATUS[call.status];
  const buyer: OrganizationReference = { id: slugify(call.authority), name: call.authority };
  const contact = call.texts.contact;

  const party: Organization = {
    id: buyer.id,
    name: buyer.name,
    roles: ["buyer", "procuringEntity"],
    address: {
      streetAddress: contact.street,
      postalCode: contact.postalCode,
      locality: contact.city,
      countryName: "Deutschland",
    },
    contactPoint: {
      name: contact.department ? `${contact.name} (${contact.department})` : contact.name,
      email: contact.email,
      telephone: contact.phone,
      url: contact.url,
    },
  };

  const regionByCode = new Map(call.regions.map((r) => [r.code, r]));
  const roleByCode = new Map(call.roles.map((r) => [r.code, r]));
  const sortedLots = [...call.lots].sort((a, b) => a.number - b.number);

  const awardsOfLot = (n: number) => (award?.lots.find((a) => a.number === n)?.awards ?? []).filter((a) => a.fteHundredths > 0);
  const lots: Lot[] = sortedLots.map((l) => {
    const role = roleByCode.get(l.roleCode);
    const region = regionByCode.get(l.regionCode);
    const parts = [
      role?.summary,
      region ? `${region.name}: ${region.description}` : l.regionName,
    ].filter((p): p is string => !!p);
    return {
      id: lotId(l.number),
      title: `Los ${l.number}: ${l.roleName} – ${l.regionName}`,
      description: parts.join(" "),
      status: l.cancelled ? "cancelled" : award ? (awardsOfLot(l.number).length ? "complete" : "unsuccessful") : status,
    };
  });

  const items: Item[] = sortedLots.map((l) => {
    const role = roleByCode.get(l.roleCode);
    const tasks = role?.tasks.length ? ` Aufgaben: ${role.tasks.join("; ")}.` : "";
    return {
      id: `${lotId(l.number)}-leistung`,
      description: `${l.roleName} – ${l.regionName}.${tasks}`,
      classification: { ...CPV_SOCIAL_WORK },
      relatedLot: lotId(l.number),
    };
  });

  const publishedIso = published ? isoWithBerlinOffset(published) : undefined;
  const modifiedIso = lastChange ? isoWithBerlinOffset(lastChange) : undefined;

  const documents: OcdsDocument[] = [
    {
      id: "aufruf",
      documentType: "tenderNotice",
      title: call.title,
      description: `Aufruf zur Interessenbekundung im Portal (${call.authority}, ${call.department}), mit Fragen und Antworten und allen Änderungen.`,
      url: callUrl,
      datePublished: publishedIso,
      dateModified: modifiedIso,
      format: "text/html",
      language: "de",
    },
  ];
  if (pdfUrl) {
    documents.push({
      id: "aufruf-pdf",
      documentType: "biddingDocuments",
      title: `${call.title} (PDF)`,
      description:
        "Der vollständige Aufruf als PDF: Lose, Standards, Wertungskriterien mit Gewichten und Bewertungsskala, Personalbemessung und Gliederung des Konzepts.",
      url: pdfUrl,
      datePublished: publishedIso,
      dateModified: modifiedIso,
      format: "application/pdf",
      language: "de",
    });
  }
  call.documents.forEach((d, i) => {
    documents.push({
      id: `dokument-${i + 1}`,
      documentType: "biddingDocuments",
      title: d.title,
      description: d.description,
      url: d.url ?? undefined,
      datePublished: publishedIso,
      language: "de",
    });
  });

  // Aufhebung: the reason and date, as documents of the tender (and of the lot).
  if (outcome.cancellation) {
    documents.push({
      id: "aufhebung",
      documentType: "cancellationDetails",
      title: `Aufhebung: ${call.title}`,
      description: outcome.cancellation.reason,
      url: callUrl,
      datePublished: outcome.cancellation.at ? isoWithBerlinOffset(outcome.cancellation.at) : undefined,
      language: "de",
    });
  }
  for (const l of sortedLots) {
    const c = cancelledLots.get(l.number);
    if (!c || !l.cancelled) continue;
    documents.push({
      id: `aufhebung-${lotId(l.number)}`,
      documentType: "cancellationDetails",
      title: `Aufhebung von Los ${l.number}: ${l.roleName} – ${l.regionName}`,
      description: c.reason,
      url: callUrl,
      datePublished: c.at ? isoWithBerlinOffset(c.at) : undefined,
      language: "de",
      relatedLots: [lotId(l.number)],
    });
  }

  const tender: Tender = {
    id: call.slug,
    title: call.title,
    description: call.texts.summary,
    status,
    procuringEntity: buyer,
    items,
    procurementMethod: "open",
    procurementMethodDetails: "Interessenbekundungsverfahren (Aufruf zur Interessenbekundung)",
    mainProcurementCategory: "services",
    awardCriteria: "ratedCriteria",
    awardCriteriaDetails: awardCriteriaDetails(call),
    submissionMethod: ["electronicSubmission"],
    submissionMethodDetails: [
      `Elektronisch über das Portal: ${callUrl}`,
      ...call.texts.howToApply,
    ].join("\n\n"),
    tenderPeriod: { startDate: publishedIso, endDate: isoWithBerlinOffset(call.dates.submissionDeadline) },
    enquiryPeriod: { startDate: publishedIso, endDate: isoWithBerlinOffset(call.dates.questionDeadline) },
    eligibilityCriteria: call.roles
      .map((r) => `${r.name}: ${r.qualifications}`)
      .join("\n"),
    // From the opening until the end of the binding period (Bindefrist), within which the
    // award is to be made.
    awardPeriod: {
      startDate: isoWithBerlinOffset(call.dates.opening),
      endDate: isoWithBerlinOffset(call.dates.bindingPeriodEnd),
    },
    contractPeriod: {
      startDate: isoWithBerlinOffset(call.dates.serviceStart),
      endDate: isoWithBerlinOffset(call.dates.contractEnd),
    },
    documents,
    amendments: amendments.length
      ? amendments.map((a) => ({
          id: String(a.number),
          date: isoWithBerlinOffset(a.publishedAt),
          description: `${a.title}\n\n${a.body}`,
          rationale: a.reason,
        }))
      : undefined,
    lots,
    // maxLotsPerCarrier caps what one carrier can get; a cap on bids would cap awards too,
    // so "awarded" is the statement that holds either way.
    lotDetails:
      call.maxLotsPerCarrier !== null ? { maximumLotsAwardedPerSupplier: call.maxLotsPerCarrier } : undefined,
  };

  // Zuschlag: one award per lot and carrier, each carrier once among the parties.
  const suppliers = new Map<string, Organization>();
  const awards: Award[] = [];
  const contracts: Contract[] = [];
  if (award) {
    const awardedIso = isoWithBerlinOffset(award.awardedAt);
    for (const l of sortedLots) {
      if (l.cancelled) continue;
      awardsOfLot(l.number).forEach((a, i) => {
        const supplierId = `traeger-${a.supplier.organisationId}`;
        if (!suppliers.has(supplierId)) {
          suppliers.set(supplierId, {
            id: supplierId,
            name: a.supplier.name,
            roles: ["supplier"],
            address: { streetAddress: a.supplier.street, postalCode: a.supplier.postalCode, locality: a.supplier.city },
          });
        }
        const fte = a.fteHundredths / 100;
        awards.push({
          id: `${lotId(l.number)}-zuschlag-${i + 1}`,
          title: `Zuschlag für Los ${l.number}: ${l.roleName} – ${l.regionName}`,
          description: `${a.supplier.name}: ${formatFteDe(a.fteHundredths)} Vollzeitäquivalente (VZÄ) ${l.roleName} in ${l.regionName}. Der Wert gilt für die Vertragslaufzeit, berechnet aus dem Kostenplan des Angebots.`,
          status: "active",
          date: awardedIso,
          value: a.valueCents === null ? undefined : { amount: a.valueCents / 100, currency: call.currency },
          suppliers: [{ id: supplierId, name: a.supplier.name }],
          items: [
            {
              id: `${lotId(l.number)}-leistung`,
              description: `${l.roleName} – ${l.regionName}`,
              classification: { ...CPV_SOCIAL_WORK },
              relatedLot: lotId(l.number),
              quantity: fte,
              unit: { name: "Vollzeitäquivalent (VZÄ)" },
            },
          ],
          contractPeriod: {
            startDate: isoWithBerlinOffset(call.dates.serviceStart),
            endDate: isoWithBerlinOffset(call.dates.contractEnd),
          },
          documents: [
            {
              id: "ergebnis",
              documentType: "awardNotice",
              title: `Ergebnis: ${call.title}`,
              url: `${callUrl}/ergebnis`,
              datePublished: awardedIso,
              format: "text/html",
              language: "de",
            },
          ],
          relatedLots: [lotId(l.number)],
        });
        const contract = (outcome.contracts ?? []).find((c) => c.lotNumber === l.number && c.organisationId === a.supplier.organisationId);
        if (contract) contracts.push(contractOf(contract, awards.at(-1)!, l, a.supplier.name, call.currency, opts.now ?? opts.publishedAt));
      });
    }
  }

  const tag = releaseTag(call);
  // A contract that has begun or ended since changed its status, or was amended: the release is dated then.
  const asOf = (opts.now ?? opts.publishedAt).getTime();
  const contractChange = (outcome.contracts ?? [])
    .flatMap((c) => [c.startsAt, c.endsAt, ...(c.amendments ?? []).map((a) => a.acceptedAt)])
    .filter((d) => d.getTime() <= asOf)
    .reduce<Date | null>(latest, null);
  const content: Omit<Release, "id"> = compact({
    ocid,
    date: isoWithBerlinOffset(latest(releaseDate, award ? contractChange : null)!),
    tag: award ? [tag, "award"] : [tag],
    initiationType: "tender",
    language: "de",
    parties: [party, ...suppliers.values()],
    buyer,
    tender,
    awards: award ? awards : undefined,
    contracts: contracts.length ? contracts : undefined,
  });
  // The id changes whenever the released content changes (and only then).
  const id = `${ocid}-${award ? "award" : "tender"}-${shortHash(content)}`;
  const release: Release = { ocid, id, ...omit(content, "ocid") };

  return compact<ReleasePackage>({
    uri: ocdsPackageUrl(base, call.slug),
    version: "1.1",
    extensions: [LOTS_EXTENSION_URL],
    publishedDate: isoWithBerlinOffset(opts.publishedAt),
    publisher: { name: call.authority },
    releases: [release],
  });
}

/** The bytes to serve: pretty-printed JSON with a final newline. */
export function serializeReleasePackage(pkg: ReleasePackage): string {
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The contract of an award (see the note at the top of this file). */
function contractOf(c: OcdsContractInput, award: Award, lot: { number: number; roleName: string; regionName: string }, supplier: string, currency: string, now: Date): Contract {
  const status: ContractStatus = now.getTime() < c.startsAt.getTime() ? "pending" : now.getTime() <= c.endsAt.getTime() ? "active" : "terminated";
  const months = termMonths(c.startsAt, c.endsAt);
  const fmtDay = (day: string) => day.split("-").reverse().join(".");
  const amendments = [...(c.amendments ?? [])].sort((a, b) => a.fromDay.localeCompare(b.fromDay));
  return {
    id: c.number,
    awardID: award.id,
    title: `Vertrag ${c.number}: Los ${lot.number}: ${lot.roleName} – ${lot.regionName}`,
    description: `${supplier}: ${formatFteDe(c.fteHundredths)} Vollzeitäquivalente (VZÄ) ${lot.roleName} in ${lot.regionName}; Wert je Jahr ${formatEuroCents(c.valuePerYearCents, "de")}, für die Laufzeit von ${months} Monaten berechnet. Der Träger meldet die Besetzung der Stellen zu den Terminen unter „implementation“.`,
    status,
    period: { startDate: isoWithBerlinOffset(c.startsAt), endDate: isoWithBerlinOffset(c.endsAt) },
    value: { amount: contractTermCents(c, amendments) / 100, currency },
    items: award.items,
    dateSigned: isoWithBerlinOffset(c.concludedAt),
    implementation: {
      milestones: c.reportPeriods.map((p, i) => ({
        id: `${c.number}-meldung-${i + 1}`,
        title: `Meldung zur Stellenbesetzung ${fmtDay(p.from)}–${fmtDay(p.to)}`,
        type: "reporting",
        dueDate: isoWithBerlinOffset(dueInstant(p)),
        status: "scheduled",
      })),
    },
    amendments: amendments.length
      ? amendments.map((a) => ({
          id: a.id,
          date: isoWithBerlinOffset(a.acceptedAt),
          rationale: "Anpassung an neue Fallzahlen (Nachsteuerung) im Rahmen der im Aufruf vorbehaltenen Änderung der vereinbarten VZÄ",
          description: `Ab ${fmtDay(a.fromDay)}: ${formatFteDe(a.afterHundredths)} statt ${formatFteDe(a.beforeHundredths)} VZÄ; Wert je Jahr danach ${formatEuroCents(a.valuePerYearAfterCents, "de")}.`,
        }))
      : undefined,
  };
}

/**
 * The contract's value for its term: the value per year for the months before its first
 * accepted amendment, then each amendment's value per year from its first month (amendments
 * take effect on the first of a month) to the next one or the end.
 */
function contractTermCents(c: OcdsContractInput, amendments: OcdsContractAmendmentInput[]): number {
  const total = termMonths(c.startsAt, c.endsAt);
  const monthsFrom = (day: string) => {
    const start = new Date(`${day}T12:00:00Z`);
    return start.getTime() > c.endsAt.getTime() ? 0 : Math.min(total, termMonths(start, c.endsAt));
  };
  let cents = 0;
  let perYear = c.valuePerYearCents;
  let remaining = total;
  for (const a of amendments) {
    const after = monthsFrom(a.fromDay);
    cents += (perYear * (remaining - after)) / 12;
    [perYear, remaining] = [a.valuePerYearAfterCents, after];
  }
  return Math.round(cents + (perYear * remaining) / 12);
}

// --- Texts ---------------------------------------------------------------------------------

function awardCriteriaDetails(call: CallView): string {
  const scaleKey = (s: CallView["criteria"][number]["scale"]) => JSON.stringify(s);
  // The scale most criteria share is printed once; deviating scales with their criterion.
  const counts = new Map<string, number>();
  for (const c of call.criteria) counts.set(scaleKey(c.scale), (counts.get(scaleKey(c.scale)) ?? 0) + 1);
  let common: string | null = null;
  for (const [key, n] of counts) if (common === null || n > counts.get(common)!) common = key;

  const scaleLines = (s: CallView["criteria"][number]["scale"]) =>
    s.map((p) => `${p.points} ${p.points === 1 ? "Punkt" : "Punkte"}: ${p.meaning}`);

  const total = call.criteria.reduce((sum, c) => sum + c.weightPercent, 0);
  const perRole = call.criteria.some((c) => c.roleCodes !== null);
  const roleName = (code: string) => call.roles.find((r) => r.code === code)?.name ?? code;
  const lines = [
    perRole
      ? // Standards per role: each lot is scored by the criteria of its service only.
        `Wertung der Konzepte je Los nach den Kriterien seiner Leistung (${call.criteria.length} veröffentlichte Kriterien; die Gewichte der Kriterien jeder Leistung zusammen 100 %), jeweils auf einer Skala von ${call.scale.min} bis ${call.scale.max} Punkten:`
      : `Wertung der Konzepte je Los nach ${call.criteria.length} veröffentlichten Kriterien (Gewichte zusammen ${total} %), jeweils auf einer Skala von ${call.scale.min} bis ${call.scale.max} Punkten:`,
  ];
  call.criteria.forEach((c, i) => {
    const kind = c.kind === "price" ? " (Preiskriterium)" : "";
    const roles = c.roleCodes === null ? "" : ` (nur ${c.roleCodes.map(roleName).join(", ")})`;
    lines.push(`${i + 1}. ${c.name} – ${c.weightPercent} %${kind}${roles}: ${c.description}`);
    if (c.priceFormula) lines.push(`   Formel: ${c.priceFormula}`);
    if (scaleKey(c.scale) !== common) {
      lines.push(`   Bewertungsskala für dieses Kriterium:`);
      for (const l of scaleLines(c.scale)) lines.push(`   ${l}`);
    }
  });
  const shared = call.criteria.find((c) => scaleKey(c.scale) === common);
  if (shared) {
    lines.push(
      counts.size === 1
        ? "Bedeutung der Punkte (für alle Kriterien):"
        : "Bedeutung der Punkte (für alle Kriterien ohne eigene Skala):",
    );
    lines.push(...scaleLines(shared.scale));
  }
  lines.push(...costRuleLines(call));
  return lines.join("\n");
}

/** The cost rule and the pay floors: what keeps a lower price from coming out of lower pay. */
function costRuleLines(call: CallView): string[] {
  const lines: string[] = [];
  if (call.costRule?.kind === "nonPersonnelPerFte") {
    lines.push(
      "Kostenregel: Die Personalkosten werden nicht gewertet; das Preiskriterium vergleicht nur die übrigen Kosten je VZÄ und Jahr (Sachkosten einschließlich Reisekosten, Verwaltungsgemeinkosten).",
    );
  } else if (call.costRule?.kind === "qualityOnly") {
    lines.push("Kostenregel: Gewertet wird nur die Qualität; die Kosten werden zu festen Sätzen erstattet:");
    for (const rate of call.costRule.fixedRates) lines.push(`   ${rate}`);
  }
  if (call.costRule) lines.push(`   Begründung: ${call.costRule.reason.join(" ")}`);
  if (call.payScale) {
    const floors = call.roles.map((r) => `${r.name} ${r.minPayGroup ?? "–"}`).join("; ");
    const tariff = call.payScale.tariffOrEquivalentRequired ? ", Vergütung nach Tarif oder gleichwertig" : "";
    lines.push(`Mindestentgeltgruppen (${call.payScale.name}${tariff}): ${floors}. Stellen darunter werden nicht zugelassen.`);
  }
  return lines;
}

// --- Helpers -------------------------------------------------------------------------------

const FTE_DE = new Intl.NumberFormat("de-DE", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 150 → "1,50". */
function formatFteDe(hundredths: number): string {
  return FTE_DE.format(hundredths / 100);
}

function lotId(n: number): string {
  return `los-${n}`;
}

function trimBase(url: string): string {
  return url.replace(/\/+$/, "");
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return b.getTime() > a.getTime() ? b : a;
}

/** A local organisation id from a name: "Landeshauptstadt Dresden" → "landeshauptstadt-dresden". */
function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Drops undefined values (recursively), so that the JSON has no empty keys. */
function compact<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => compact(v)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = compact(v);
    return out as T;
  }
  return value;
}

function omit<T extends Record<string, unknown>, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const { [key]: _omitted, ...rest } = o;
  return rest;
}

/** JSON with object keys sorted, so that the hash does not depend on key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function shortHash(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 12);
}
