// Builds the read model straight from a definition: for previews and for tests of the
// PDF and OCDS output that need no database. Ids are derived from codes.
import type { CallStatus } from "../infra/schema";
import { criterionFields, lotPairs, textsOf, type CallDefinition } from "./call-definition";
import type { CallView } from "./call-view";

export function callViewFromDefinition(
  d: CallDefinition,
  opts: { id?: string; status?: CallStatus; isDemo?: boolean } = {},
): CallView {
  const regionByCode = new Map(d.regions.map((r) => [r.code, r]));
  const roleByCode = new Map(d.roles.map((r) => [r.code, r]));
  const status = opts.status ?? "published";
  return {
    id: opts.id ?? d.slug,
    slug: d.slug,
    title: d.title,
    authority: d.authority,
    department: d.department,
    status,
    isDemo: opts.isDemo ?? false,
    currency: "EUR",
    texts: textsOf(d),
    payScale: d.payScale,
    costRule: d.costRule,
    contractTerms: d.contract,
    dates: {
      published: status === "draft" ? null : new Date(d.dates.published),
      questionDeadline: new Date(d.dates.questionDeadline),
      submissionDeadline: new Date(d.dates.submissionDeadline),
      opening: new Date(d.dates.opening),
      bindingPeriodEnd: new Date(d.dates.bindingPeriodEnd),
      serviceStart: new Date(d.dates.serviceStart),
      contractEnd: new Date(d.dates.contractEnd),
    },
    clientsPerFte: d.clientsPerFte,
    maxLotsPerCarrier: d.maxLotsPerCarrier,
    allowLotSplit: d.allowLotSplit,
    tandemTolerancePercentPoints: d.tandemTolerancePercentPoints,
    scale: { min: d.scale.min, max: d.scale.max },
    regions: d.regions.map((r) => ({ id: r.code, ...r })),
    roles: d.roles.map((r) => ({ id: r.code, ...r, minPayGroup: r.minPayGroup ?? null, tandemWith: r.tandemWith ?? null })),
    lots: lotPairs(d).map((l, i) => ({
      id: `${l.region}-${l.role}`,
      number: i + 1,
      regionCode: l.region,
      regionName: regionByCode.get(l.region)!.name,
      roleCode: l.role,
      roleName: roleByCode.get(l.role)!.name,
      cancelled: false,
      ...(l.fte === undefined ? {} : { volumeHundredths: Math.round(l.fte * 100) }),
    })),
    criteria: d.criteria.map((c) => ({
      id: c.code,
      ...criterionFields(c),
      scale: [...(c.scale ?? d.scale.points)].sort((a, b) => a.points - b.points),
    })),
    staffingRules: d.staffingRules.map((s) =>
      s.basis === "clientsPerFte"
        ? {
            roleCode: s.role,
            basis: s.basis,
            clientsPerFte: s.clientsPerFte,
            targetGroup: s.targetGroup,
            sharePercent: s.sharePercent,
            fixedFte: null,
            explanation: s.explanation,
          }
        : {
            roleCode: s.role,
            basis: s.basis,
            clientsPerFte: null,
            targetGroup: null,
            sharePercent: null,
            fixedFte: s.fte,
            explanation: s.explanation,
          },
    ),
    conceptSections: d.conceptSections.map(({ roles, ...section }) => ({ ...section, roleCodes: roles ?? null })),
    documents: d.documents.map((doc) => ({ ...doc, url: doc.url ?? null })),
    amendments: [],
  };
}
