// The staffing plan as CSV (German Excel: UTF-8 with BOM, ";") and as an A4 PDF. Both
// render the latest plan of loadStaffingPlan; the PDF's accessible twin is the page
// /verwaltung/aufrufe/:slug/stellenplan with the same labels and helpers (plan-text.ts).
import { csvField } from "../evaluation/report.server";
import { translator, type Locale, type MessageKey, type Translate } from "../i18n";
import { formatDate, formatDateTime } from "../i18n/format";
import { refusalMessage } from "../i18n/refusal";
import { COLORS, createPdf, finishPdf, TYPE, type Content, type Layout, type Run } from "../infra/pdf.server";
import type { RoleLine } from "./plan";
import { carriersText, figuresText, fteText, oneDecimal, percentText, signedFteText } from "./plan-text";
import type { PlanSnapshot, StaffingPlanView } from "./plans.server";

const CSV_COLUMNS = ["section", "lot", "region", "role", "required", "contracted", "gap", "coverage", "clientsPerFte", "carriers", "trail"] as const;

/** File name of an export: stellenplan-<slug>.<ext>. */
export function staffingFileName(slug: string, ext: "csv" | "pdf"): string {
  return `stellenplan-${slug}.${ext}`;
}

/** One row per lot (with carriers and the arithmetic), then per region and role, then the city per role. */
export function staffingPlanCsv(snapshot: PlanSnapshot, t: Translate, locale: Locale): string {
  const { plan } = snapshot;
  const rows: string[][] = [CSV_COLUMNS.map((c) => t(`staffing.csv.col.${c}` as MessageKey))];
  const coverage = (p: number | null) => (p === null ? "" : oneDecimal(p, locale));
  for (const l of plan.lots) {
    rows.push([
      t("staffing.csv.lot"),
      String(l.number),
      l.regionName,
      l.roleName,
      fteText(l.requiredHundredths, locale),
      fteText(l.contractedHundredths, locale),
      fteText(l.gapHundredths, locale),
      coverage(l.coveragePercent),
      "",
      l.carriers.length ? carriersText(l, snapshot.carrierNames, locale) : "",
      snapshot.trails[l.lotId] ?? "",
    ]);
  }
  const roleRow = (section: string, region: string, r: RoleLine) => [
    section,
    "",
    region,
    r.roleName,
    fteText(r.requiredHundredths, locale),
    fteText(r.contractedHundredths, locale),
    fteText(r.requiredHundredths - r.contractedHundredths, locale),
    coverage(r.coveragePercent),
    r.clientsPerFteReached === null ? "" : oneDecimal(r.clientsPerFteReached, locale),
    "",
    "",
  ];
  for (const region of plan.regions) for (const r of region.roles) rows.push(roleRow(t("staffing.csv.region"), region.regionName, r));
  for (const r of plan.city.roles) rows.push(roleRow(t("staffing.csv.city"), t("staffing.csv.all"), r));
  return `\uFEFF${rows.map((r) => r.map(csvField).join(";")).join("\r\n")}\r\n`;
}

export type StaffingPdfOptions = { locale: Locale; generatedAt: Date; cityName: string; publicUrl: string };

export async function renderStaffingPlanPdf(view: StaffingPlanView, opts: StaffingPdfOptions): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(opts.locale);
  const pdf = await createPdf(
    {
      title: `${t("staffing.plan.title")} – ${view.call.title}`,
      author: opts.cityName,
      subject: t("staffing.pdf.subject"),
      creator: t("pdf.meta.creator"),
      language: opts.locale,
      createdAt: opts.generatedAt,
    },
    { numberSections: true },
  );
  writePlan(pdf.layout, view, t, opts.locale, opts.cityName);
  return finishPdf(pdf, {
    t,
    locale: opts.locale,
    generatedAt: opts.generatedAt,
    runningHeader: t("staffing.pdf.runningHeader", { call: view.call.title }),
    publicUrl: opts.publicUrl,
  });
}

// Noto Sans has no arrow glyph: the trails' "→" is printed as "->".
const glyphs = (text: string) => text.replace(/→/g, "->");
const bold = (text: string): Run => ({ text, bold: true });
const loud = (text: string): Run => ({ text, bold: true, color: COLORS.warning });

function roleTable(l: Layout, roles: RoleLine[], t: Translate, locale: Locale) {
  l.table(
    [
      { header: t("staffing.col.role"), width: 0.32 },
      { header: t("staffing.col.required"), width: 0.17, align: "right" },
      { header: t("staffing.col.contracted"), width: 0.17, align: "right" },
      { header: t("staffing.col.coverage"), width: 0.16, align: "right" },
      { header: t("staffing.col.clientsPerFte"), width: 0.18, align: "right" },
    ],
    roles.map((r): Content[] => [
      r.roleName,
      fteText(r.requiredHundredths, locale),
      fteText(r.contractedHundredths, locale),
      percentText(r.coveragePercent, locale),
      oneDecimal(r.clientsPerFteReached, locale),
    ]),
  );
}

function writePlan(l: Layout, view: StaffingPlanView, t: Translate, locale: Locale, cityName: string): void {
  l.letterhead(view.call.authority, view.call.department, cityName);
  l.title(`${t("staffing.plan.title")}: ${view.call.title}`);
  if (view.call.isDemo) l.notice("warning", t("staffing.pdf.demo"), []);
  const current = view.current;
  if (!current) {
    l.paragraph(t("staffing.plan.problem", { problem: view.problem ? refusalMessage(view.problem, t, locale) : "" }));
    return;
  }
  const { plan } = current;
  l.paragraph(
    t("staffing.plan.meta", {
      date: formatDateTime(new Date(current.computedAt), locale),
      trigger: t(`staffing.trigger.${current.trigger}` as MessageKey),
      asOf: current.figuresAsOf ? formatDate(new Date(current.figuresAsOf), locale) : "–",
    }),
    { style: TYPE.lead },
  );

  l.section(t("staffing.plan.city"));
  l.paragraph(t("staffing.plan.figures", { figures: figuresText(plan.city.figures, t, locale) }));
  l.paragraph([
    bold(
      t("staffing.plan.totals", {
        required: fteText(plan.city.requiredHundredths, locale),
        contracted: fteText(plan.city.contractedHundredths, locale),
        coverage: percentText(plan.city.coveragePercent, locale),
      }),
    ),
  ]);
  roleTable(l, plan.city.roles, t, locale);

  l.section(t("staffing.plan.warnings"));
  if (plan.warnings.length === 0) l.paragraph(t("staffing.plan.noWarnings"));
  else l.list(plan.warnings.map((w): Content => [loud(`${t(`staffing.warning.${w.kind}` as MessageKey)}: `), { text: glyphs(w.message) }]));
  l.paragraph(t("staffing.plan.tolerances", { key: plan.tolerances.keyPercent, tandem: plan.tolerances.tandemPercentPoints }), { style: TYPE.small });

  for (const region of plan.regions) {
    l.section(region.regionName);
    l.paragraph(t("staffing.plan.figures", { figures: figuresText(region.figures, t, locale) }));
    l.paragraph([
      bold(
        t("staffing.plan.totals", {
          required: fteText(region.requiredHundredths, locale),
          contracted: fteText(region.contractedHundredths, locale),
          coverage: percentText(region.coveragePercent, locale),
        }),
      ),
    ]);
    roleTable(l, region.roles, t, locale);
    const notes: string[] = [
      ...region.keys.map((k) =>
        k.clientsPerFteReached === null
          ? t("staffing.plan.keyNoStaff", { group: t(`staffing.groupShort.${k.targetGroup}` as MessageKey), key: k.keyClientsPerFte })
          : t("staffing.plan.key", { group: t(`staffing.groupShort.${k.targetGroup}` as MessageKey), reached: oneDecimal(k.clientsPerFteReached, locale), key: k.keyClientsPerFte }),
      ),
      ...region.tandems.map((x) => {
        const roles = x.roleCodes.map((c) => region.roles.find((r) => r.roleCode === c)?.roleName ?? c).join(" : ");
        return x.ratio ? t("staffing.plan.tandem", { roles, ratio: x.ratio }) : t("staffing.plan.tandemNone", { roles });
      }),
    ];
    if (notes.length) l.list(notes);
  }

  l.section(t("staffing.plan.lots"));
  l.table(
    [
      { header: t("staffing.col.lot"), width: 0.3 },
      { header: t("staffing.col.trail"), width: 0.34 },
      { header: t("staffing.col.contracted"), width: 0.12, align: "right" },
      { header: t("staffing.col.carriers"), width: 0.24 },
    ],
    plan.lots.map((lot): Content[] => [
      [bold(`${t("staffing.col.lot")} ${lot.number}`), { text: ` ${lot.regionName}, ${lot.roleName}` }],
      glyphs(current.trails[lot.lotId] ?? fteText(lot.requiredHundredths, locale)),
      lot.gapHundredths > 0 ? [loud(fteText(lot.contractedHundredths, locale))] : fteText(lot.contractedHundredths, locale),
      carriersText(lot, current.carrierNames, locale),
    ]),
  );

  l.section(t("staffing.plan.carriers"));
  if (plan.carriers.length === 0) l.paragraph(t("staffing.plan.noCarriers"));
  else
    l.table(
      [
        { header: t("staffing.col.carrier"), width: 0.4 },
        { header: t("staffing.col.lots"), width: 0.4 },
        { header: t("staffing.col.contracted"), width: 0.2, align: "right" },
      ],
      plan.carriers.map((c): Content[] => [
        current.carrierNames[c.organisationId] ?? c.organisationId,
        plan.lots
          .filter((x) => c.lotIds.includes(x.lotId))
          .map((x) => String(x.number))
          .join(", "),
        fteText(c.contractedHundredths, locale),
      ]),
    );

  l.section(t("staffing.plan.difference"));
  if (!view.previous || !view.difference) l.paragraph(t("staffing.plan.noPrevious"));
  else {
    l.paragraph(
      t(view.previous.id === null ? "staffing.plan.differenceLiveIntro" : "staffing.plan.differenceIntro", {
        date: formatDateTime(new Date(view.previous.computedAt), locale),
        trigger: t(`staffing.trigger.${view.previous.trigger}` as MessageKey),
        more: fteText(view.difference.moreHundredths, locale),
        fewer: fteText(view.difference.fewerHundredths, locale),
        net: signedFteText(view.difference.netHundredths, locale),
      }),
    );
    if (view.difference.changes.length === 0) l.paragraph(t("staffing.plan.noDifference"));
    else l.list(view.difference.changes.map((c) => glyphs(c.message)));
  }
}
