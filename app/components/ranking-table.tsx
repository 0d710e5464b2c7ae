// The ranking of one lot (rank, carrier, weighted total, price score, note), as the
// Vergabevermerk shows it, for the officers' evaluation page.
import { rankingTable } from "../evaluation/report-document";
import type { ReportCriterion, ReportLot } from "../evaluation/report.server";
import { useTranslation } from "../i18n/use-translation";
import { DocumentBlocks } from "./document-view";

export function RankingTable({ lot, criteria }: { lot: ReportLot; criteria: ReportCriterion[] }) {
  const { t } = useTranslation();
  return <DocumentBlocks blocks={[rankingTable(lot, criteria, t)]} level={3} />;
}
