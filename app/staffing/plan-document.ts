// The staffing plan (Stellenplan) as a document (app/documents): the officers' plan page
// (/verwaltung/aufrufe/<slug>/stellenplan) and its PDF show these blocks; the public result
// page shows the city's part of them (staffingSummaryBlocks). Required against contracted
// FTE per role, region and lot with the arithmetic, the key and the tandems, the carriers,
// the chart with its numbers as a table, and the difference to the plan before. Pure.
import { message, strong, val, type Block, type ChartGroup, type DocumentModel, type Inline, type Table } from "../documents/blocks";
import type { Locale, MessageKey, Translate } from "../i18n";
import { refusalMessage } from "../i18n/refusal";
import type { KeyCheck, LotLine, RegionPlan, RoleLine, StaffingPlan, TandemCheck } from "./plan";
import { TARGET_GROUPS } from "./plan-text";
import type { PlanSnapshot, StaffingPlanView } from "./plans.server";
import type { ClientFigures } from "./required-fte";

const fte = (hundredths: number) => val("fteFixed", hundredths);
const percent = (value: number | null): Inline => (value === null ? "–" : val("percent1", value));

/** "Asylverfahren 1.240, Bleiberecht 410, besonders schutzbedürftig 95", or "–". */
function figures(f: ClientFigures, t: Translate): Inline[] {
  const groups = TARGET_GROUPS.filter((g) => f[g] !== undefined);
  if (groups.length === 0) return ["–"];
  return groups.flatMap((g, i): Inline[] => [...(i ? [", "] : []), `${t(`staffing.groupShort.${g}` as MessageKey)} `, val("integer", f[g]!)]);
}

/** "Alpha e. V. 5,00; Beta e. V. 2,75", or "–". */
function carriers(lot: Pick<LotLine, "carriers">, names: Record<string, string>): Inline[] {
  if (lot.carriers.length === 0) return ["–"];
  return lot.carriers.flatMap((c, i): Inline[] => [...(i ? ["; "] : []), `${names[c.organisationId] ?? c.organisationId} `, fte(c.hundredths)]);
}

function keyText(k: KeyCheck, t: Translate): Inline[] {
  const group = t(`staffing.groupShort.${k.targetGroup}` as MessageKey);
  return k.clientsPerFteReached === null
    ? [t("staffing.plan.keyNoStaff", { group, key: k.keyClientsPerFte })]
    : message(t, "staffing.plan.key", { group, reached: val("decimal1", k.clientsPerFteReached), key: k.keyClientsPerFte });
}

function tandemText(x: TandemCheck, region: Pick<RegionPlan, "roles">, t: Translate): string {
  const roles = x.roleCodes.map((c) => region.roles.find((r) => r.roleCode === c)?.roleName ?? c).join(" : ");
  return x.ratio ? t("staffing.plan.tandem", { roles, ratio: x.ratio }) : t("staffing.plan.tandemNone", { roles });
}

/** Required and contracted FTE with the coverage, for the city or one region. */
function totals(line: Pick<StaffingPlan["city"], "requiredHundredths" | "contractedHundredths" | "coveragePercent">, t: Translate): Block {
  return {
    kind: "paragraph",
    strong: true,
    text: message(t, "staffing.plan.totals", { required: fte(line.requiredHundredths), contracted: fte(line.contractedHundredths), coverage: percent(line.coveragePercent) }),
  };
}

const FTE_COLUMNS = (t: Translate) =>
  [
    { label: t("staffing.col.required"), format: "fteFixed" },
    { label: t("staffing.col.contracted"), format: "fteFixed" },
    { label: t("staffing.col.coverage"), format: "percent1" },
  ] as const;

/** Required vs contracted per role, with coverage and the clients per FTE reached. */
function roleTable(roles: RoleLine[], caption: string, t: Translate, id: string): Table {
  return {
    kind: "table",
    id,
    caption,
    small: true,
    columns: [{ label: t("staffing.col.role"), width: 0.32 }, ...FTE_COLUMNS(t), { label: t("staffing.col.clientsPerFte"), format: "decimal1" }],
    rows: roles.map((r) => [r.roleName, r.requiredHundredths, r.contractedHundredths, r.coveragePercent, r.clientsPerFteReached]),
  };
}

/** Totals per region and for the city. */
function regionTable(plan: StaffingPlan, t: Translate, id: string): Table {
  return {
    kind: "table",
    id,
    caption: t("staffing.summary.regionsCaption"),
    small: true,
    columns: [{ label: t("staffing.col.region") }, ...FTE_COLUMNS(t)],
    rows: plan.regions.map((r) => [r.regionName, r.requiredHundredths, r.contractedHundredths, r.coveragePercent]),
    totals: { label: t("staffing.plan.city"), cells: [plan.city.requiredHundredths, plan.city.contractedHundredths, plan.city.coveragePercent] },
  };
}

/** Each carrier's contracted FTE per lot and in total, by name. */
function carrierTable(snapshot: Pick<PlanSnapshot, "plan" | "carrierNames">, t: Translate, id: string): Block {
  const { plan, carrierNames } = snapshot;
  if (plan.carriers.length === 0) return { kind: "paragraph", text: t("staffing.plan.noCarriers") };
  const name = (id: string) => carrierNames[id] ?? id;
  const sorted = [...plan.carriers].sort((a, b) => name(a.organisationId).localeCompare(name(b.organisationId), "de"));
  return {
    kind: "table",
    id,
    caption: t("staffing.plan.carriersCaption"),
    small: true,
    columns: [
      { label: t("staffing.col.carrier"), width: 0.3 },
      { label: t("staffing.col.lots"), width: 0.5 },
      { label: t("staffing.col.contracted"), format: "fteFixed", width: 0.2 },
    ],
    rows: sorted.map((c) => [
      name(c.organisationId),
      plan.lots
        .filter((l) => c.lotIds.includes(l.lotId))
        .flatMap((l, i): Inline[] => {
          const own = l.carriers.find((x) => x.organisationId === c.organisationId)!;
          return [...(i ? ["; "] : []), `${t("staffing.col.lot")} ${l.number} (${l.regionName}, ${l.roleName}): `, fte(own.hundredths)];
        }),
      c.contractedHundredths,
    ]),
  };
}

/** Per region and role the required against the contracted FTE, drawn and as a table; `id` names the drawing, `${id}-tabelle` the table. */
function chart(plan: StaffingPlan, t: Translate, id: string): Block {
  const groups: ChartGroup[] = plan.regions.map((r) => ({
    label: r.regionName,
    bars: r.roles.map((x) => ({ label: x.roleName, values: [x.requiredHundredths, x.contractedHundredths] })),
  }));
  const description = plan.regions.flatMap((r, i): Inline[] => [
    ...(i ? [" "] : []),
    ...message(t, "staffing.chart.descRegion", {
      region: r.regionName,
      roles: r.roles.flatMap((x, k): Inline[] => [
        ...(k ? ["; "] : []),
        ...message(t, "staffing.chart.descRole", { role: x.roleName, required: fte(x.requiredHundredths), contracted: fte(x.contractedHundredths) }),
      ]),
    }),
  ]);
  return {
    kind: "chart",
    id,
    title: t("staffing.chart.title"),
    description,
    note: t("staffing.chart.tableNote"),
    legend: [t("staffing.chart.legendRequired"), t("staffing.chart.legendContracted")],
    format: "fteFixed",
    groups,
    table: {
      kind: "table",
      id: `${id}-tabelle`,
      caption: t("staffing.chart.title"),
      small: true,
      columns: [{ label: t("staffing.col.region"), width: 0.2 }, { label: t("staffing.col.role"), rowHeader: true, width: 0.26 }, ...FTE_COLUMNS(t)],
      rows: plan.regions.flatMap((r) => r.roles.map((x) => [r.regionName, x.roleName, x.requiredHundredths, x.contractedHundredths, x.coveragePercent])),
    },
  };
}

/** The city's part of the plan for the public: totals, roles, regions, carriers, chart. */
export function staffingSummaryBlocks(current: PlanSnapshot, t: Translate, idPrefix: string): Block[] {
  return [
    { kind: "paragraph", text: t("staffing.summary.intro") },
    {
      kind: "paragraph",
      size: "small",
      text: message(t, "staffing.summary.asOf", {
        asOf: current.figuresAsOf ? val("date", current.figuresAsOf) : "–",
        date: val("datetime", current.computedAt),
      }),
    },
    totals(current.plan.city, t),
    roleTable(current.plan.city.roles, t("staffing.plan.cityCaption"), t, `${idPrefix}-rollen`),
    { kind: "heading", minor: true, text: t("staffing.summary.regions") },
    regionTable(current.plan, t, `${idPrefix}-regionen`),
    { kind: "heading", minor: true, text: t("staffing.plan.carriers") },
    carrierTable(current, t, `${idPrefix}-traeger`),
    chart(current.plan, t, `${idPrefix}-diagramm`),
  ];
}

export function staffingPlanDocument(view: Pick<StaffingPlanView, "call" | "current" | "previous" | "difference" | "problem">, t: Translate, locale: Locale): DocumentModel {
  const { call, current, previous, difference } = view;
  const head: Block[] = [
    { kind: "letterhead", authority: call.authority, department: call.department },
    // The page has its own heading and says both in its frame.
    { kind: "title", text: `${t("staffing.plan.title")}: ${call.title}`, only: "print" },
    ...(call.isDemo ? [{ kind: "note" as const, tone: "warning" as const, title: t("staffing.pdf.demo"), body: [], only: "print" as const }] : []),
  ];
  const base = {
    title: `${t("staffing.plan.title")} – ${call.title}`,
    subject: t("staffing.pdf.subject"),
    runningHeader: t("staffing.pdf.runningHeader", { call: call.title }),
    numberSections: true,
  };
  if (!current) return { ...base, blocks: [...head, { kind: "paragraph", text: t("staffing.plan.problem", { problem: view.problem ? refusalMessage(view.problem, t, locale) : "" }), only: "print" }] };
  const { plan } = current;
  const lotOf = (lotId: string) => plan.lots.find((l) => l.lotId === lotId) ?? previous?.plan.lots.find((l) => l.lotId === lotId);
  return {
    ...base,
    blocks: [
      ...head,
      {
        kind: "paragraph",
        text: [
          ...message(t, "staffing.plan.meta", {
            date: val("datetime", current.computedAt),
            trigger: t(`staffing.trigger.${current.trigger}` as MessageKey),
            asOf: current.figuresAsOf ? val("date", current.figuresAsOf) : "–",
          }),
          ...(current.computedBy ? [` ${t("staffing.plan.metaBy", { user: current.computedBy })}`] : []),
        ],
      },
      ...(current.id === null ? [{ kind: "paragraph" as const, strong: true, text: t("staffing.plan.live") }] : []),
      {
        kind: "section",
        id: "hinweise",
        title: t("staffing.plan.warnings"),
        blocks: [
          plan.warnings.length === 0
            ? { kind: "paragraph", text: t("staffing.plan.noWarnings") }
            : { kind: "list", items: plan.warnings.map((w): Inline[] => [strong(`${t(`staffing.warning.${w.kind}` as MessageKey)}:`), ` ${w.message}`]) },
          { kind: "paragraph", size: "small", text: t("staffing.plan.tolerances", { key: plan.tolerances.keyPercent, tandem: plan.tolerances.tandemPercentPoints }) },
        ],
      },
      {
        kind: "section",
        id: "stadt",
        title: t("staffing.plan.city"),
        blocks: [
          { kind: "paragraph", text: message(t, "staffing.plan.figures", { figures: figures(plan.city.figures, t) }) },
          totals(plan.city, t),
          roleTable(plan.city.roles, t("staffing.plan.cityCaption"), t, "stadt-rollen"),
          { kind: "list", items: plan.city.keys.map((k) => keyText(k, t)) },
          regionTable(plan, t, "stadt-regionen"),
          chart(plan, t, "stellenplan"),
        ],
      },
      ...plan.regions.map(
        (region): Block => ({
          kind: "section",
          id: `region-${region.regionCode}`,
          title: region.regionName,
          blocks: [
            { kind: "paragraph", text: message(t, "staffing.plan.figures", { figures: figures(region.figures, t) }) },
            totals(region, t),
            roleTable(region.roles, t("staffing.plan.regionCaption", { region: region.regionName }), t, `region-${region.regionCode}-rollen`),
            { kind: "list", items: [...region.keys.map((k) => keyText(k, t)), ...region.tandems.map((x) => tandemText(x, region, t))] },
          ],
        }),
      ),
      {
        kind: "section",
        id: "lose",
        title: t("staffing.plan.lots"),
        blocks: [
          {
            kind: "table",
            id: "lose-tabelle",
            caption: t("staffing.plan.lotsCaption"),
            small: true,
            // Print: the trail below its row, so that role and carrier names stay whole.
            columns: [
              { label: t("staffing.col.lot"), width: 0.3 },
              { label: t("staffing.col.trail"), printBelow: true },
              { label: t("staffing.col.required"), format: "fteFixed", width: 0.11 },
              { label: t("staffing.col.contracted"), format: "fteFixed", width: 0.13 },
              { label: t("staffing.col.gap"), format: "fteFixed", width: 0.105 },
              { label: t("staffing.col.coverage"), format: "percent1", width: 0.11 },
              { label: t("staffing.col.carriers"), width: 0.245 },
            ],
            rows: plan.lots.map((l) => [
              `${t("staffing.col.lot")} ${l.number}: ${l.regionName}, ${l.roleName}`,
              current.trails[l.lotId] ?? "–",
              l.requiredHundredths,
              l.contractedHundredths,
              l.gapHundredths,
              l.coveragePercent,
              carriers(l, current.carrierNames),
            ]),
          },
        ],
      },
      { kind: "section", id: "traeger", title: t("staffing.plan.carriers"), blocks: [carrierTable(current, t, "traeger-tabelle")] },
      {
        kind: "section",
        id: "veraenderung",
        title: t("staffing.plan.difference"),
        blocks:
          !previous || !difference
            ? [{ kind: "paragraph", text: t("staffing.plan.noPrevious") }]
            : [
                {
                  kind: "paragraph",
                  text: message(t, previous.id === null ? "staffing.plan.differenceLiveIntro" : "staffing.plan.differenceIntro", {
                    date: val("datetime", previous.computedAt),
                    trigger: t(`staffing.trigger.${previous.trigger}` as MessageKey),
                    more: fte(difference.moreHundredths),
                    fewer: fte(difference.fewerHundredths),
                    net: val("fteSigned", difference.netHundredths),
                  }),
                },
                difference.changes.length === 0
                  ? { kind: "paragraph", text: t("staffing.plan.noDifference") }
                  : {
                      kind: "table",
                      id: "veraenderung-tabelle",
                      caption: t("staffing.plan.difference"),
                      small: true,
                      columns: [
                        { label: t("staffing.col.lot"), width: 0.255 },
                        { label: t("staffing.col.change"), width: 0.145 },
                        { label: t("staffing.col.before"), format: "fteFixed", width: 0.12 },
                        { label: t("staffing.col.after"), format: "fteFixed", width: 0.12 },
                        { label: t("staffing.col.delta"), format: "fteSigned", width: 0.12 },
                        { label: t("staffing.col.contracted"), format: "fteFixed", width: 0.12 },
                        { label: t("staffing.col.gapAfter"), format: "fteSigned", width: 0.12 },
                      ],
                      rows: difference.changes.map((c) => {
                        const lot = lotOf(c.lotId);
                        return [
                          `${t("staffing.col.lot")} ${c.number}${lot ? `: ${lot.regionName}, ${lot.roleName}` : ""}`,
                          t(`staffing.direction.${c.direction}` as MessageKey),
                          c.requiredBefore,
                          c.requiredAfter,
                          c.deltaRequiredHundredths,
                          c.contractedAfter,
                          c.gapAfterHundredths,
                        ];
                      }),
                    },
              ],
      },
    ],
  };
}
