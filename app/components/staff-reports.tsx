// Staff reports (decision 0024) as the carrier's and the officers' pages show them: a period's
// state in words, the periods of a contract with their states and links, and a submitted
// version's posts. Names of people appear here only: these views are the carrier's and the
// officers', never public.
import type { StaffReportVersion } from "../contracts/staff-reports.server";
import { filledHundredths, type PeriodState } from "../contracts/staff-reports";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { formatDay, formatFteHundredths, formatNumber } from "../i18n/format";
import type { Locale, Translate } from "../i18n";
import { DataTable } from "./data-table";

/** The state in words; a late report (or one submitted late) says so. */
export function reportStateLabel(s: Pick<PeriodState, "state" | "submittedLate" | "hasDraft">, t: Translate): string {
  if (s.state === "submitted") return t(s.submittedLate ? "staffReport.state.submittedLate" : "staffReport.state.submitted");
  const base = t(`staffReport.state.${s.state}`);
  return s.hasDraft && s.state !== "future" ? `${base} (${t("staffReport.state.draft")})` : base;
}

/** The report periods of a contract with due day, state and a link to each begun period's report. */
export function ReportPeriodsTable({ id, caption, periods, href, t, locale }: { id: string; caption: string; periods: PeriodState[]; href: (from: string) => string; t: Translate; locale: Locale }) {
  return (
    <DataTable
      id={id}
      caption={caption}
      columns={[{ label: t("staffReport.col.period") }, { label: t("staffReport.col.due") }, { label: t("staffReport.col.state") }, { label: t("staffReport.col.action") }]}
      rows={periods.map((s) => {
        const range = { from: formatDay(s.period.from, locale), to: formatDay(s.period.to, locale) };
        return [
          t("contracts.reports.periodValue", range),
          formatDay(s.period.due, locale),
          s.state === "late" ? <strong>{reportStateLabel(s, t)}</strong> : reportStateLabel(s, t),
          s.state === "future" ? (
            "–"
          ) : (
            <a className="kern-link" href={href(s.period.from)}>
              {t(s.state === "submitted" ? "staffReport.view" : "staffReport.open", range)}
            </a>
          ),
        ];
      })}
      striped
    />
  );
}

/** One submitted (or draft) version: who submitted when, its posts with names, the FTE not filled and the note. */
export function StaffReportVersionView({ v, periodTo, contractedHundredths, proofHref, headingLevel, t, locale }: { v: StaffReportVersion; periodTo: string; contractedHundredths: number; proofHref: (fileId: string) => string; headingLevel: 2 | 3; t: Translate; locale: Locale }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const filled = filledHundredths(v.posts, periodTo);
  return (
    <section className="stack" aria-labelledby={`fassung-${v.version}`}>
      <Heading id={`fassung-${v.version}`} className="kern-heading-medium">
        {v.submittedAt ? t("staffReport.submittedBy", { version: v.version, date: formatDateTimeSeconds(new Date(v.submittedAt), locale), name: v.submittedByName ?? "" }) : t("staffReport.state.draft")}
      </Heading>
      {v.posts.length === 0 ? (
        <p className="kern-body">{t("staffReport.noPosts")}</p>
      ) : (
        <DataTable
          id={`stellen-${v.version}`}
          caption={t("staffReport.postsCaption")}
          columns={[
            { label: t("staffReport.col.post") },
            { label: t("staffReport.col.name") },
            { label: t("staffReport.col.hours"), numeric: true },
            { label: t("staffReport.col.payGroup") },
            { label: t("staffReport.col.degree") },
            { label: t("staffReport.col.start") },
            { label: t("staffReport.col.end") },
          ]}
          rows={v.posts.map((p, i) => [
            t("staffReport.post", { number: i + 1 }),
            p.personName || "–",
            `${formatNumber(p.weeklyHoursHundredths / 100, locale, 2)} (= ${formatFteHundredths(p.fteHundredths, locale)})`,
            p.payGroup,
            p.hasDegree ? (
              p.proofFileId ? (
                <a className="kern-link" href={proofHref(p.proofFileId)}>
                  {t("staffReport.degreeWithProof", { name: p.proofFileName ?? "" })}
                </a>
              ) : (
                t("contracts.posts.yes")
              )
            ) : (
              t("staffReport.degreeNo")
            ),
            formatDay(p.start, locale),
            p.end ? formatDay(p.end, locale) : t("staffReport.open-ended"),
          ])}
        />
      )}
      <p className="kern-body">
        <strong>{t("staffReport.unfilled")}:</strong>{" "}
        {t("staffReport.unfilledValue", {
          fte: formatFteHundredths(v.unfilledHundredths, locale),
          contracted: formatFteHundredths(contractedHundredths, locale),
          day: formatDay(periodTo, locale),
          filled: formatFteHundredths(filled, locale),
        })}
      </p>
      {v.vacancyNote ? <blockquote className="kern-body">{v.vacancyNote}</blockquote> : null}
    </section>
  );
}
