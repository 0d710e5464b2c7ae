// How far each evaluator is with each bid of a lot: open, draft, final, or a declared conflict.
import { DataTable } from "../../components/data-table";
import { lotLabel } from "../../evaluation/report-document";
import type { DeskLot, EvaluationDesk } from "../../evaluation/report.server";
import type { MessageKey } from "../../i18n";
import { useTranslation } from "../../i18n/use-translation";

export function ScoringProgress({ desk, lots }: { desk: EvaluationDesk; lots: DeskLot[] }) {
  const { t } = useTranslation();
  const evaluatorName = new Map(desk.evaluators.map((e) => [e.id, e.name]));
  return (
    <section aria-labelledby="fortschritt" className="stack">
      <h2 id="fortschritt" className="kern-heading-large">
        {t("eval.progress.title")}
      </h2>
      {lots.length === 0 ? <p className="kern-body">{t("eval.progress.none")}</p> : null}
      {lots.map((lot) => (
        <DataTable
          key={lot.lotId}
          id={`fortschritt-${lot.lotId}`}
          caption={t("eval.progress.caption", { lot: lotLabel(lot, t) })}
          columns={[{ label: t("report.ranking.col.organisation") }, ...lot.evaluators.map((e) => ({ label: e.name }))]}
          rows={lot.progress.map((p) => [
            p.organisationName,
            ...p.byEvaluator.map((e) => (
              <>
                {e.state === "conflict" ? <strong>{t("eval.progress.conflict")}</strong> : t(`eval.progress.${e.state}` as MessageKey)}
                <span className="kern-sr-only"> ({evaluatorName.get(e.evaluatorId) ?? ""})</span>
              </>
            )),
          ])}
        />
      ))}
    </section>
  );
}
