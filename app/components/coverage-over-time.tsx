// The plan over time (Besetzung im Zeitverlauf, decisions 0023 and 0025) on a page: the day it
// is counted on, then per region a <details> with its chart, its numbers as a table and
// refugees per filled FTE against the key (a region's table runs over the whole term, 31
// months in Dresden: closed, the page stays short); for officers the vacancies and the posts
// without the required degree, each linked to its contract's staff reports, and the exports.
// The public result page passes the aggregates only (coverage.server.ts, publicCoverage).
import type { CoverageContractName } from "../staffing/coverage.server";
import type { Coverage } from "../staffing/coverage";
import { coverageListBlocks, coverageNames, coverageRegionBlocks } from "../staffing/coverage-document";
import type { Refusal } from "../infra/errors";
import { refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { Alert } from "./alert";
import { DocumentBlocks } from "./document-view";
import { Section } from "./section";

type Props = {
  coverage: Coverage | null;
  problem: Refusal | null;
  /** For officers: the call's contracts, to name and link them in the lists, and the exports. */
  officers?: { callSlug: string; contracts: CoverageContractName[] };
  idPrefix?: string;
};

export function CoverageOverTime({ coverage, problem, officers, idPrefix = "verlauf" }: Props) {
  const { t, locale } = useTranslation();
  const regionBlocks = coverage ? coverageRegionBlocks(coverage, t, idPrefix, { aggregatesOnly: !officers }) : [];
  const base = officers ? `/verwaltung/aufrufe/${officers.callSlug}` : "";
  const names = officers ? coverageNames(officers.contracts, (id) => `${base}/vertraege#meldungen-${id}`) : null;
  return (
    <Section level={2} id={idPrefix} className="stack" title={t("coverage.title")}>
      {problem ? <Alert tone="danger" icon title={t("staffing.plan.problem", { problem: refusalMessage(problem, t, locale) })} /> : null}
      {regionBlocks.map((block, i) =>
        block.kind === "section" ? (
          <details key={block.id ?? i} className="coverage-region">
            <summary className="kern-body">{t("coverage.region.show", { region: typeof block.title === "string" ? block.title : "" })}</summary>
            <DocumentBlocks blocks={block.blocks} level={2} />
          </details>
        ) : (
          <DocumentBlocks key={i} blocks={[block]} level={2} />
        ),
      )}
      {coverage && names ? (
        <>
          <DocumentBlocks blocks={coverageListBlocks(coverage, names, t, locale, idPrefix)} level={2} />
          <ul className="kern-list">
            <li>
              <a className="kern-link" href={`${base}/stellenplan-verlauf.csv`} download>
                {t("coverage.export.csv")}
              </a>
            </li>
            <li>
              <a className="kern-link" href={`${base}/stellenplan-verlauf.pdf`} download>
                {t("coverage.export.pdf")}
              </a>
            </li>
          </ul>
        </>
      ) : null}
    </Section>
  );
}
