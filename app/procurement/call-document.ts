// The published call as a document (app/documents): the public page /aufrufe/<slug> (and the
// officers' preview) and the PDF /aufrufe/<slug>/aufruf.pdf show these blocks, in the order
// and with the words of the page. What only a page can do (the countdown, the way to take
// part, the links to the PDF itself, the questions and the open data, the uploaded files)
// stays with the page (app/components/call-document.tsx) or is marked as page-only; what
// the page leaves to other pages (the rules for questions) or says in its frame (demo,
// cancellation) is marked as print-only. Pure.
import { message, strong, val, type Block, type DocumentModel, type Fact, type Inline } from "../documents/blocks";
import type { MessageKey, Translate } from "../i18n";
import type { CallView } from "./call-view";
import { criteriaServedBy, sectionsOfRole } from "./standards";
import { tandemRolePairs } from "./tandem";
import { fullTimeHoursHundredths } from "../submission/rules";
import { contractTermsFacts } from "../contracts/contract-document";

/** An uploaded document of the call (app/procurement/authoring.server.ts `CallFile`). */
export type CallFileRef = {
  id: string;
  title: string;
  description: string;
  file: { id: string; name: string; mediaType: string; sizeBytes: number; sha256: string };
};

const DATE_ROWS: { key: keyof CallView["dates"]; label: MessageKey }[] = [
  { key: "published", label: "call.dates.published" },
  { key: "questionDeadline", label: "call.dates.questionDeadline" },
  { key: "submissionDeadline", label: "call.dates.submissionDeadline" },
  { key: "opening", label: "call.dates.opening" },
  { key: "bindingPeriodEnd", label: "call.dates.bindingPeriodEnd" },
  { key: "serviceStart", label: "call.dates.serviceStart" },
  { key: "contractEnd", label: "call.dates.contractEnd" },
];

const paragraphs = (texts: string[]): Block[] => texts.map((text) => ({ kind: "paragraph", text }));

/** Pieces of a remark, all in small print. */
function secondaryAll(pieces: Inline[]): Inline[] {
  return pieces.map((p): Inline => (typeof p === "string" ? { text: p, style: "secondary" } : "value" in p ? { ...p, style: "secondary" } : p));
}

/** The floors per role (Mindestentgeltgruppen), what the call requires of the pay, and whether the list is illustrative. */
function payFloorBlocks(call: CallView, t: Translate): Block[] {
  const scale = call.payScale;
  if (!scale) return [];
  return [
    {
      kind: "table",
      caption: t("call.pay.floors.caption", { scale: scale.name }),
      captionInPrint: true,
      columns: [
        { label: t("call.pay.floors.role"), width: 0.6 },
        { label: t("call.pay.floors.group"), width: 0.4 },
      ],
      rows: call.roles.map((r) => [r.name, r.minPayGroup ?? "–"]),
    },
    { kind: "paragraph", text: t(scale.tariffOrEquivalentRequired ? "call.pay.tariffRequired" : "call.pay.floorOnly", { scale: scale.name }) },
    { kind: "paragraph", size: "small", text: t("call.pay.groups", { scale: scale.name, groups: scale.groups.join(", ") }) },
    // The "fte" format reads hundredths with as few decimals as needed: 39 h, 38,5 h.
    { kind: "paragraph", size: "small", text: message(t, "call.pay.fullTimeHours", { hours: val("fte", fullTimeHoursHundredths(scale)) }) },
    ...(scale.illustrative ? [{ kind: "paragraph" as const, size: "small" as const, text: t("call.pay.illustrative") }] : []),
  ];
}

/** How cost is scored (Kostenregel) and why: the rule that keeps lower pay from winning. */
function costRuleBlocks(call: CallView, t: Translate): Block[] {
  const rule = call.costRule;
  if (!rule) return [];
  return [
    {
      kind: "section",
      id: "kostenregel",
      title: t("call.costRule"),
      blocks: [
        { kind: "paragraph", strong: true, text: t(rule.kind === "nonPersonnelPerFte" ? "call.costRule.nonPersonnelPerFte" : "call.costRule.qualityOnly") },
        ...(rule.kind === "qualityOnly" ? [{ kind: "list" as const, style: "bullet" as const, items: rule.fixedRates }] : []),
        { kind: "heading", text: t("call.costRule.why") },
        ...paragraphs(rule.reason),
      ],
    },
  ];
}

export function callDocument(call: CallView, t: Translate, page: { files?: CallFileRef[] } = {}): DocumentModel {
  const roleName = (code: string) => call.roles.find((r) => r.code === code)?.name ?? code;
  const rolesOf = (item: { roleCodes: string[] | null }) => (item.roleCodes === null ? t("call.criteria.allRoles") : item.roleCodes.map(roleName).join(", "));
  const sectionTitle = (code: string) => call.conceptSections.find((s) => s.code === code)?.title ?? code;
  const base = `/aufrufe/${call.slug}`;
  const c = call.texts.contact;
  const dates = DATE_ROWS.flatMap(({ key, label }): Fact[] => {
    const value = call.dates[key];
    if (value) return [{ label: t(label), value: { format: "datetime", value } }];
    return [{ label: t(label), value: t("pdf.date.notPublished"), only: "print" }];
  });
  return {
    title: call.title,
    subject: t("pdf.meta.subject"),
    author: call.authority,
    runningHeader: `${call.authority} · ${call.department}`,
    numberSections: true,
    blocks: [
      { kind: "letterhead", authority: call.authority, department: call.department },
      { kind: "title", text: call.title },
      // The page says both in its frame, for every call.
      ...(call.isDemo ? [{ kind: "note" as const, tone: "warning" as const, title: t("pdf.demo.title"), body: [t("pdf.demo.body")], only: "print" as const }] : []),
      ...(call.status === "cancelled"
        ? [{ kind: "note" as const, tone: "warning" as const, title: t("pdf.cancelled.title"), body: [t("pdf.cancelled.body")], only: "print" as const }]
        : []),
      { kind: "lead", text: call.texts.summary },
      {
        kind: "section",
        id: "termine",
        title: t("call.dates"),
        blocks: [
          { kind: "facts", items: dates },
          { kind: "paragraph", size: "small", text: t("call.dates.note") },
        ],
      },
      // Vertragsbedingungen (decision 0022): what the contract of every awarded lot carries.
      {
        kind: "section",
        id: "vertrag",
        title: t("contracts.terms"),
        blocks: [
          { kind: "paragraph", text: t("contracts.terms.intro") },
          { kind: "facts", items: contractTermsFacts(call.contractTerms, call.dates.serviceStart, call.dates.contractEnd, t) },
        ],
      },
      {
        kind: "section",
        id: "worum-es-geht",
        title: t("call.about"),
        blocks: [...paragraphs(call.texts.description), { kind: "heading", text: t("call.standards") }, ...paragraphs(call.texts.standards)],
      },
      {
        kind: "section",
        id: "regionen",
        title: t("call.regions"),
        blocks: [{ kind: "facts", items: call.regions.map((r) => ({ label: r.name, value: r.description })) }],
      },
      {
        kind: "section",
        id: "leistungen",
        title: t("call.roles"),
        blocks: [
          ...call.roles.map(
            (r): Block => ({
              kind: "section",
              id: `rolle-${r.code}`,
              card: "headed",
              title: r.name,
              badge: r.requiresPedagogicalDegree ? { text: t("call.role.degreeRequired"), tone: "info" } : undefined,
              blocks: [
                { kind: "paragraph", text: r.summary },
                { kind: "heading", text: t("call.role.tasks") },
                { kind: "list", style: "bullet", items: r.tasks },
                { kind: "heading", text: t("call.role.qualifications") },
                { kind: "paragraph", text: r.qualifications },
                { kind: "heading", text: t("call.role.pay") },
                { kind: "paragraph", text: r.payGuideline },
                ...(call.payScale && r.minPayGroup
                  ? [{ kind: "paragraph" as const, strong: true, text: t("call.role.payFloor", { group: r.minPayGroup, scale: call.payScale.name }) }]
                  : []),
                ...(r.tandemWith ? [{ kind: "paragraph" as const, strong: true, text: t("call.role.tandem", { role: roleName(r.tandemWith) }) }] : []),
              ],
            }),
          ),
          { kind: "heading", text: t("call.pay") },
          ...paragraphs(call.texts.adequatePay),
          ...payFloorBlocks(call, t),
        ],
      },
      {
        kind: "section",
        id: "personalschluessel",
        title: t("call.staffing"),
        blocks: [
          { kind: "paragraph", size: "large", strong: true, text: t("call.staffing.key", { count: call.clientsPerFte }) },
          { kind: "paragraph", text: t("call.staffing.rules") },
          {
            kind: "facts",
            items: call.staffingRules.map((s) => ({
              label: roleName(s.roleCode),
              value: [
                ...(s.basis === "fixedPerRegion"
                  ? message(t, "call.staffing.fixed", { fte: val("decimal2", s.fixedFte ?? 0) })
                  : message(t, "call.staffing.perClients", { count: s.clientsPerFte ?? 0, share: s.sharePercent ?? 100 })),
                ` – ${s.explanation}`,
              ],
            })),
          },
        ],
      },
      { kind: "section", id: "schutzbeduerftige", title: t("call.vulnerable"), blocks: paragraphs(call.texts.vulnerableGroups) },
      {
        kind: "section",
        id: "lose",
        title: t("call.lots"),
        blocks: [
          { kind: "paragraph", text: t("call.lots.intro") },
          {
            kind: "list",
            style: "bullet",
            items: [
              call.maxLotsPerCarrier ? t("call.lots.cap", { count: call.maxLotsPerCarrier }) : t("call.lots.noCap"),
              call.allowLotSplit ? t("call.lots.split") : t("call.lots.noSplit"),
              ...tandemRules(call, t),
            ],
          },
          {
            kind: "table",
            caption: t("call.lots.caption", { count: call.lots.length }),
            captionInPrint: true,
            striped: true,
            columns: [
              { label: t("call.lots.number"), align: "end", width: 0.16 },
              { label: t("call.lots.region"), width: 0.32 },
              { label: t("call.lots.role"), width: 0.52 },
            ],
            rows: call.lots.map((l) => [
              `${t("call.lots.number")} ${l.number}`,
              l.regionName,
              [l.roleName, ...(l.cancelled ? [" ", { text: t("result.lotBadge"), style: "badge" as const }] : [])],
            ]),
          },
        ],
      },
      {
        kind: "section",
        id: "kriterien",
        title: t("call.criteria"),
        blocks: [
          { kind: "paragraph", text: t("call.criteria.intro", { min: call.scale.min, max: call.scale.max }) },
          {
            kind: "table",
            caption: t("call.criteria.caption"),
            columns: [
              { label: t("call.criteria.criterion"), width: 0.5 },
              { label: t("call.criteria.roles"), width: 0.35 },
              { label: t("call.criteria.weight"), format: "percent", width: 0.15 },
            ],
            rows: call.criteria.map((cr) => [[{ text: cr.name, href: `#kriterium-${cr.code}` }], rolesOf(cr), cr.weightPercent]),
          },
          ...costRuleBlocks(call, t),
          ...call.criteria.map(
            (cr): Block => ({
              kind: "section",
              id: `kriterium-${cr.code}`,
              title: `${cr.name} (${cr.weightPercent} %)`,
              blocks: [
                { kind: "paragraph", text: cr.description },
                { kind: "paragraph", text: [strong(`${t("call.criteria.roles")}:`), ` ${rolesOf(cr)}`] },
                ...(cr.sectionCodes.length
                  ? [{ kind: "paragraph" as const, text: [strong(`${t("call.criteria.sections")}:`), ` ${cr.sectionCodes.map((code) => sectionTitle(code)).join("; ")}`] }]
                  : []),
                ...(cr.priceFormula ? [{ kind: "paragraph" as const, text: [strong(`${t("call.criteria.formula")}:`), ` ${cr.priceFormula}`] }] : []),
                { kind: "heading", text: t("call.criteria.scale") },
                { kind: "facts", compact: true, items: cr.scale.map((p) => ({ label: t("call.criteria.points", { points: p.points }), value: p.meaning })) },
              ],
            }),
          ),
        ],
      },
      {
        kind: "section",
        id: "konzept",
        title: t("call.concept"),
        blocks: [
          { kind: "paragraph", text: t("call.concept.intro") },
          // Per role its own sections, each with the criteria that score it.
          ...call.roles.flatMap((role): Block[] => [
            { kind: "heading", text: t("call.concept.ofRole", { role: role.name }) },
            {
              kind: "list",
              style: "number",
              items: sectionsOfRole(call.conceptSections, role.code).map((s): Inline[] => [
                strong(s.title),
                " (",
                ...message(t, "call.concept.maxChars", { count: val("integer", s.maxChars) }),
                `): ${s.guidance} `,
                t("lot.sectionServes", {
                  criteria: criteriaServedBy(s.code, call.criteria, role.code)
                    .map((c) => t("lot.sectionCriterion", { name: c.name, weight: c.weightPercent }))
                    .join("; "),
                }),
              ]),
            },
          ]),
        ],
      },
      {
        kind: "section",
        id: "unterlagen",
        title: t("call.documents"),
        only: "page",
        blocks: [
          {
            kind: "list",
            items: [
              [{ text: t("call.documents.pdf"), href: `${base}/aufruf.pdf` }, " ", { text: `(${t("call.documents.pdfHint")})`, style: "secondary" }],
              [{ text: t("call.documents.questions"), href: `${base}/fragen` }],
              [{ text: t("call.documents.ocds"), href: `${base}/ocds.json` }],
              ...(page.files ?? []).map((d): Inline[] => [
                { text: d.title, href: `/dateien/${d.file.id}` },
                " ",
                ...secondaryAll(["(", ...message(t, "authoring.documents.meta", { size: val("decimal1", d.file.sizeBytes / 1024) }), `${d.description ? `; ${d.description}` : ""})`]),
              ]),
              ...call.documents.map((d): Inline[] => [d.url ? { text: d.title, href: d.url } : d.title, " ", { text: `(${d.description})`, style: "secondary" }]),
            ],
          },
        ],
      },
      ...(call.documents.length
        ? [
            {
              kind: "section" as const,
              title: t("call.documents"),
              only: "print" as const,
              blocks: [{ kind: "list" as const, style: "bullet" as const, items: call.documents.map((d) => [strong(d.title), ` (${d.description})`, ...(d.url ? [` ${d.url}`] : [])]) }],
            },
          ]
        : []),
      {
        kind: "section",
        id: "aenderungen",
        title: t("call.amendments"),
        blocks:
          call.amendments.length === 0
            ? [{ kind: "paragraph", text: t("call.amendments.none") }]
            : call.amendments.map(
                (a): Block => ({
                  kind: "section",
                  id: `aenderung-${a.number}`,
                  minor: true,
                  title: [...message(t, "call.amendments.item", { number: a.number, date: val("date", a.publishedAt) }), `: ${a.title}`],
                  blocks: [
                    { kind: "paragraph", text: a.body },
                    { kind: "paragraph", size: "small", text: `${t("call.amendments.reason")}: ${a.reason}` },
                  ],
                }),
              ),
      },
      { kind: "section", id: "bewerbung", title: t("call.howToApply"), blocks: [{ kind: "list", style: "number", items: call.texts.howToApply }] },
      // The page leaves them to the questions page it links to.
      { kind: "section", title: t("pdf.section.questions"), only: "print", blocks: paragraphs(call.texts.questionRules) },
      {
        kind: "section",
        id: "kontakt",
        title: t("call.contact"),
        blocks: [
          {
            kind: "address",
            lines: [
              call.authority,
              `${c.department}, ${c.name}`,
              c.street,
              `${c.postalCode} ${c.city}`,
              [{ text: c.email, href: `mailto:${c.email}` }],
              ...(c.phone ? [c.phone] : []),
            ],
          },
          ...(c.url ? [{ kind: "paragraph" as const, text: `${t("pdf.contact.web")}: ${c.url}`, only: "print" as const }] : []),
        ],
      },
      {
        kind: "section",
        id: "hinweis",
        title: t("call.illustrative"),
        blocks: [
          { kind: "paragraph", text: call.texts.illustrativeNotice },
          ...(call.texts.illustrative.length
            ? [
                { kind: "paragraph" as const, text: t("call.illustrative.list") },
                { kind: "list" as const, style: "bullet" as const, items: call.texts.illustrative },
              ]
            : []),
        ],
      },
    ],
  };
}

/** How the call treats a tandem of two roles (tandemWith): pair offers and the ratio's tolerance. */
function tandemRules(call: Pick<CallView, "roles" | "tandemTolerancePercentPoints">, t: Translate): string[] {
  return tandemRolePairs(call).map(([first, partner]) => t("call.lots.tandem", { first: first.name, partner: partner.name, points: call.tandemTolerancePercentPoints }));
}
