// The public call as an A4 PDF (served at /aufrufe/:slug/aufruf.pdf), set with the layout
// helper of app/infra/pdf.server.ts (Noto Sans subsets, tables, "Seite X von Y" footers).
import { translator, type Locale, type Translate } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import { BR, COLORS, TYPE, createPdf, finishPdf, labelled, type Layout, type Run } from "../infra/pdf.server";
import type { CallView } from "./call-view";

export type CallPdfOptions = {
  locale: Locale;
  /** Printed in the footer of every page and stored as the creation date. */
  generatedAt: Date;
  cityName: string;
  /** Address of the call in the portal, printed in the footer. */
  publicUrl: string;
};

export async function renderCallPdf(call: CallView, opts: CallPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(opts.locale);
  const pdf = await createPdf({
    title: call.title,
    author: call.authority,
    subject: t("pdf.meta.subject"),
    creator: t("pdf.meta.creator"),
    language: opts.locale,
    createdAt: opts.generatedAt,
  });
  writeCall(pdf.layout, call, t, opts);
  return finishPdf(pdf, {
    t,
    locale: opts.locale,
    generatedAt: opts.generatedAt,
    runningHeader: `${call.authority} · ${call.department}`,
    publicUrl: opts.publicUrl,
  });
}

// ---------------------------------------------------------------------------------------
// Content, in the order of the published call.

function writeCall(l: Layout, call: CallView, t: Translate, opts: CallPdfOptions): void {
  const { locale } = opts;
  const num = (n: number, digits = 0) => formatNumber(n, locale, digits);
  const roleName = new Map(call.roles.map((r) => [r.code, r.name]));

  l.letterhead(call.authority, call.department, opts.cityName);
  l.title(call.title);

  if (call.isDemo) l.notice("warning", t("pdf.demo.title"), [t("pdf.demo.body")]);
  if (call.status === "cancelled") l.notice("warning", t("pdf.cancelled.title"), [t("pdf.cancelled.body")]);

  l.paragraph(call.texts.summary, { style: TYPE.lead });

  l.section(t("pdf.section.dates"));
  const d = call.dates;
  const dateRows: [string, Date | null, boolean][] = [
    [t("pdf.date.published"), d.published, false],
    [t("pdf.date.questionDeadline"), d.questionDeadline, false],
    [t("pdf.date.submissionDeadline"), d.submissionDeadline, true],
    [t("pdf.date.opening"), d.opening, false],
    [t("pdf.date.bindingPeriodEnd"), d.bindingPeriodEnd, false],
    [t("pdf.date.serviceStart"), d.serviceStart, false],
    [t("pdf.date.contractEnd"), d.contractEnd, false],
  ];
  l.table(
    [{ width: 0.42 }, { width: 0.58 }],
    dateRows.map(([label, date, important]) => [
      [{ text: label, color: COLORS.muted }],
      [{ text: date ? formatDateTime(date, locale) : t("pdf.date.notPublished"), bold: important }],
    ]),
  );

  l.section(t("pdf.section.description"));
  l.paragraphs(call.texts.description);

  l.section(t("pdf.section.standards"));
  l.paragraphs(call.texts.standards);

  l.section(t("pdf.section.regions"));
  l.table(
    [{ width: 0.3 }, { width: 0.7 }],
    call.regions.map((r) => [[{ text: r.name, bold: true }], r.description]),
  );

  l.section(t("pdf.section.roles"));
  for (const role of call.roles) {
    l.subheading(role.name);
    l.paragraph(role.summary);
    l.paragraph([{ text: t("pdf.role.tasks"), bold: true }], { after: 2 });
    l.list(role.tasks);
    l.paragraph(labelled(t("pdf.role.qualifications"), role.qualifications));
    if (role.requiresPedagogicalDegree) l.paragraph(t("pdf.role.pedagogicalDegree"));
    l.paragraph(labelled(t("pdf.role.pay"), role.payGuideline));
    if (role.tandemWith) {
      l.paragraph(labelled(t("pdf.role.tandem"), roleName.get(role.tandemWith) ?? role.tandemWith));
    }
  }

  l.section(t("pdf.section.staffing"));
  l.paragraph([{ text: t("pdf.staffing.key", { count: num(call.clientsPerFte) }), bold: true }]);
  if (call.staffingRules.length > 0) {
    l.table(
      [
        { header: t("pdf.lots.col.role"), width: 0.3 },
        { header: t("pdf.staffing.col.rule"), width: 0.7 },
      ],
      call.staffingRules.map((rule) => [
        [{ text: roleName.get(rule.roleCode) ?? rule.roleCode, bold: true }],
        [...staffingBasis(rule, call.clientsPerFte, t, num), BR, { text: rule.explanation }],
      ]),
    );
  }

  l.section(t("pdf.section.vulnerable"));
  l.paragraphs(call.texts.vulnerableGroups);

  l.section(t("pdf.section.adequatePay"));
  l.paragraphs(call.texts.adequatePay);

  l.section(t("pdf.section.lots"));
  l.paragraph(t("pdf.lots.intro", { count: num(call.lots.length) }));
  if (call.maxLotsPerCarrier !== null) {
    l.paragraph(t("pdf.lots.maxPerCarrier", { count: num(call.maxLotsPerCarrier) }));
  }
  l.table(
    [
      { header: t("pdf.lots.col.number"), width: 0.16 },
      { header: t("pdf.lots.col.region"), width: 0.32 },
      { header: t("pdf.lots.col.role"), width: 0.52 },
    ],
    call.lots.map((lot) => [
      [{ text: t("pdf.lots.number", { number: lot.number }), bold: true }],
      lot.regionName,
      lot.cancelled
        ? [{ text: `${lot.roleName} ` }, { text: `(${t("pdf.lots.cancelled")})`, color: COLORS.warning }]
        : lot.roleName,
    ]),
  );

  l.section(t("pdf.section.criteria"));
  l.paragraph(t("pdf.criteria.intro"));
  const weight = (w: number) => t("pdf.criteria.weight", { weight: num(w) });
  l.table(
    [
      { header: t("pdf.criteria.col.name"), width: 0.8 },
      { header: t("pdf.criteria.col.weight"), width: 0.2, align: "right" },
    ],
    [
      ...call.criteria.map((c) => [c.name, weight(c.weightPercent)]),
      [
        [{ text: t("pdf.criteria.total"), bold: true }],
        [{ text: weight(call.criteria.reduce((sum, c) => sum + c.weightPercent, 0)), bold: true }],
      ],
    ],
  );
  const common = commonScale(call.criteria);
  const scaleTable = (scale: { points: number; meaning: string }[]) =>
    l.table(
      [
        { header: t("pdf.scale.col.points"), width: 0.14, align: "right" },
        { header: t("pdf.scale.col.meaning"), width: 0.86 },
      ],
      scale.map((s) => [[{ text: num(s.points), bold: true }], s.meaning]),
    );
  for (const c of call.criteria) {
    l.subheading(t("pdf.criteria.heading", { name: c.name, weight: num(c.weightPercent) }));
    l.paragraph(c.description);
    if (c.priceFormula) l.paragraph(labelled(t("pdf.criteria.priceFormula"), c.priceFormula));
    if (!common || !sameScale(c.scale, common)) {
      l.paragraph(t("pdf.criteria.scaleOwn"));
      scaleTable(c.scale);
    }
  }
  if (common) {
    l.subheading(t("pdf.criteria.scaleTitle"));
    const hasPrice = call.criteria.some((c) => c.kind === "price");
    l.paragraph(
      t(hasPrice ? "pdf.criteria.scaleCommonPrice" : "pdf.criteria.scaleCommon", {
        min: num(call.scale.min),
        max: num(call.scale.max),
      }),
    );
    scaleTable(common);
  }

  l.section(t("pdf.section.concept"));
  l.paragraph(t("pdf.concept.intro"));
  l.list(
    call.conceptSections.map((s) => [
      { text: s.title, bold: true },
      { text: ` · ${t("pdf.concept.maxChars", { count: num(s.maxChars) })}`, color: COLORS.muted },
      BR,
      { text: s.guidance },
    ]),
    { numbered: true },
  );

  if (call.documents.length > 0) {
    l.section(t("pdf.section.documents"));
    l.list(
      call.documents.map((doc) => [
        { text: doc.title, bold: true },
        BR,
        { text: doc.description },
        ...(doc.url ? [BR, { text: doc.url, color: COLORS.accent }] : []),
      ]),
    );
  }

  l.section(t("pdf.section.howToApply"));
  l.list(call.texts.howToApply, { numbered: true });

  l.section(t("pdf.section.questions"));
  l.paragraphs(call.texts.questionRules);

  if (call.amendments.length > 0) {
    l.section(t("pdf.section.amendments"));
    for (const a of [...call.amendments].sort((x, y) => x.number - y.number)) {
      l.subheading(
        t("pdf.amendment.heading", { number: a.number, date: formatDateTime(a.publishedAt, locale), title: a.title }),
      );
      l.paragraphs(a.body.split(/\n\s*\n/));
      l.paragraph(labelled(t("pdf.amendment.reason"), a.reason));
    }
  }

  l.section(t("pdf.section.contact"));
  const c = call.texts.contact;
  l.paragraph([
    { text: c.name, bold: true },
    BR,
    { text: c.department },
    BR,
    { text: c.street },
    BR,
    { text: `${c.postalCode} ${c.city}` },
    BR,
    ...labelled(t("pdf.contact.email"), c.email),
    ...(c.phone ? [BR, ...labelled(t("pdf.contact.phone"), c.phone)] : []),
    ...(c.url ? [BR, ...labelled(t("pdf.contact.web"), c.url)] : []),
  ]);

  const illustrative = call.texts.illustrative;
  l.notice(
    "info",
    t("pdf.section.illustrative"),
    [call.texts.illustrativeNotice],
    illustrative.length > 0 ? { label: t("pdf.illustrative.list"), items: illustrative } : undefined,
  );
}

/** How a rule sizes the staff of a lot: per region, or by clients per post (with its share). */
function staffingBasis(
  rule: CallView["staffingRules"][number],
  clientsPerFte: number,
  t: Translate,
  num: (n: number, digits?: number) => string,
): Run[] {
  if (rule.basis === "fixedPerRegion") {
    const fte = rule.fixedFte ?? 0;
    return [{ text: t("pdf.staffing.fixed", { fte: num(fte, Number.isInteger(fte) ? 0 : 2) }), bold: true }];
  }
  const count = num(rule.clientsPerFte ?? clientsPerFte);
  const runs: Run[] = [{ text: t("pdf.staffing.perFte", { count }), bold: true }];
  if (rule.sharePercent !== null && rule.sharePercent < 100) {
    runs.push({ text: `, ${t("pdf.staffing.share", { share: num(rule.sharePercent) })}` });
  }
  if (rule.targetGroup) {
    runs.push(BR, ...labelled(t("pdf.staffing.targetGroup"), t(`pdf.targetGroup.${rule.targetGroup}`)));
  }
  return runs;
}

type Scale = CallView["criteria"][number]["scale"];

function sameScale(a: Scale, b: Scale): boolean {
  return a.length === b.length && a.every((p, i) => p.points === b[i].points && p.meaning === b[i].meaning);
}

/** The scale shared by all quality criteria, printed once; null if they differ. */
function commonScale(criteria: CallView["criteria"]): Scale | null {
  const quality = criteria.filter((c) => c.kind === "quality");
  if (quality.length === 0) return null;
  return quality.every((c) => sameScale(c.scale, quality[0].scale)) ? quality[0].scale : null;
}
