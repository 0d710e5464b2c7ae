// A contract as a document (app/documents): the carrier's contract page shows these blocks,
// and the call's page and PDF state the same terms (contractTermsFacts). Pure.
import { message, val, type Block, type DocumentModel, type Fact } from "../documents/blocks";
import type { Translate } from "../i18n";
import type { CallContractTerms } from "../infra/schema";
import type { ContractDetail } from "./contracts.server";
import type { ReportPeriod } from "./terms";

/** Term, reporting duty, vacancy tolerance, adjustment trigger and bounds: what every contract of a call carries. */
export function contractTermsFacts(terms: CallContractTerms, start: Date | string, end: Date | string, t: Translate): Fact[] {
  return [
    { label: t("contracts.terms.term"), value: message(t, "contracts.terms.termValue", { start: val("date", start), end: val("date", end) }) },
    { label: t("contracts.terms.reporting"), value: t(`contracts.terms.reporting.${terms.reporting.interval}`, { days: terms.reporting.dueDays }) },
    { label: t("contracts.terms.vacancy"), value: t("contracts.terms.vacancyValue", { days: terms.vacancyToleranceDays }) },
    { label: t("contracts.terms.adjustmentTrigger"), value: t("contracts.terms.adjustmentTriggerValue", { percent: terms.adjustmentTolerancePercent }) },
    { label: t("contracts.terms.adjustment"), value: t("contracts.terms.adjustmentValue", { percent: terms.adjustmentBoundsPercent }) },
  ];
}

/** The report periods with their due days (Meldetermine). */
export function reportPeriodsTable(periods: ReportPeriod[], t: Translate): Block {
  return {
    kind: "table",
    caption: t("contracts.reports.caption", { count: periods.length }),
    columns: [{ label: t("contracts.reports.period") }, { label: t("contracts.reports.due"), format: "date" }],
    rows: periods.map((p) => [message(t, "contracts.reports.periodValue", { from: val("date", p.from), to: val("date", p.to) }), p.due]),
    small: true,
    striped: true,
  };
}

/** Dates as the loader hands them to the page: ISO strings after serialisation. */
type Dated<T> = { [K in keyof T]: T[K] extends Date ? Date | string : T[K] };

/** What the carrier's contract page reads. */
export type ContractDocumentInput = Dated<
  Pick<
    ContractDetail,
    "number" | "callTitle" | "lotNumber" | "regionName" | "roleName" | "organisationName" | "fteHundredths" | "valuePerYearCents" | "startsAt" | "endsAt" | "concludedAt" | "posts" | "costBasis" | "terms" | "reportPeriods"
  >
>;

export function contractDocument(c: ContractDocumentInput, t: Translate): DocumentModel {
  const partial = c.fteHundredths !== c.costBasis.offeredHundredths;
  return {
    title: t("contracts.detail.title", { number: c.number }),
    subject: t("contracts.detail.facts"),
    author: c.organisationName,
    runningHeader: c.callTitle,
    numberSections: false,
    blocks: [
      { kind: "title", text: t("contracts.detail.title", { number: c.number }) },
      {
        kind: "section",
        id: "vertragsdaten",
        title: t("contracts.detail.facts"),
        blocks: [
          {
            kind: "facts",
            items: [
              { label: t("contracts.col.call"), value: c.callTitle },
              { label: t("contracts.col.lot"), value: t("contracts.lot", { number: c.lotNumber, role: c.roleName, region: c.regionName }) },
              { label: t("contracts.col.carrier"), value: c.organisationName },
              { label: t("contracts.detail.fte"), value: message(t, "contracts.detail.fteValue", { fte: val("fte", c.fteHundredths) }) },
              { label: t("contracts.detail.valuePerYear"), value: { format: "money", value: c.valuePerYearCents } },
              { label: t("contracts.detail.concludedAt"), value: { format: "datetime", value: c.concludedAt } },
            ],
          },
          {
            kind: "paragraph",
            size: "small",
            text: message(t, "contracts.detail.valueHow", {
              personnel: val("money", c.costBasis.personnelCostPerFteCents),
              fte: val("fte", c.fteHundredths),
              other: val("money", c.costBasis.materialCostCents + c.costBasis.overheadCents),
              offered: val("fte", c.costBasis.offeredHundredths),
            }),
          },
        ],
      },
      {
        kind: "section",
        id: "stellen",
        title: t("contracts.posts"),
        blocks: [
          {
            kind: "table",
            caption: t("contracts.posts.caption"),
            columns: [
              { label: t("contracts.posts.payGroup") },
              { label: t("contracts.posts.weeklyHours"), format: "fte", align: "end" },
              { label: t("contracts.posts.fte"), format: "fteFixed", align: "end" },
              { label: t("contracts.posts.degree") },
            ],
            rows: c.posts.map((p) => [
              p.payGroup,
              p.weeklyHoursHundredths ?? t("contracts.posts.notRecorded"),
              p.fteHundredths,
              t(p.hasPedagogicalDegree ? "contracts.posts.yes" : "contracts.posts.no"),
            ]),
          },
          ...(partial
            ? [{ kind: "paragraph" as const, size: "small" as const, text: message(t, "contracts.posts.partial", { fte: val("fte", c.fteHundredths), offered: val("fte", c.costBasis.offeredHundredths) }) }]
            : []),
        ],
      },
      { kind: "section", id: "bedingungen", title: t("contracts.terms"), blocks: [{ kind: "facts", items: contractTermsFacts(c.terms, c.startsAt, c.endsAt, t) }] },
      { kind: "section", id: "meldetermine", title: t("contracts.reports"), blocks: [reportPeriodsTable(c.reportPeriods, t)] },
    ],
  };
}
