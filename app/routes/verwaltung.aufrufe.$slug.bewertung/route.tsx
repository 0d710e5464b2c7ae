import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DoneNotices } from "../../components/done-notice";
import { CallPageHeader } from "../../components/page-header";
import { ErrorSummary, type FieldErrors } from "../../components/form";
import { RankingTable } from "../../components/ranking-table";
import { refusalMessage } from "../../i18n/refusal";
import { getTranslator } from "../../i18n/locale.server";
import { useTranslation } from "../../i18n/use-translation";
import { requireUser } from "../../identity/sessions.server";
import { now as serverNow } from "../../infra/clock.server";
import { DomainError } from "../../infra/errors";
import { formValues, translateIssues } from "../../infra/forms.server";
import { toResponse } from "../../infra/http.server";
import { assignEvaluator, decideConflict, MAX_JUSTIFICATION_CHARS, recordConsensus } from "../../evaluation/assessment.server";
import { conflictOutcomes, MAX_CONFLICT_NOTE_CHARS } from "../../evaluation/conflicts";
import { loadEvaluationDesk } from "../../evaluation/report.server";
import { ConflictDeclarations, decisionFields } from "./conflict-declarations";
import { ReportDownloads } from "./report-downloads";
import { EvaluatorAssignment } from "./evaluator-assignment";
import { ScoringProgress } from "./scoring-progress";
import { flagKey, Spreads } from "./spreads";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Bewertung – ${data.desk.call.title}` : "Bewertung" }];

// The officers' evaluation desk of one call: evaluators per lot, their declarations,
// progress, spreads awaiting a consensus, and the ranking; links to the Vergabevermerk.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  try {
    return { desk: await loadEvaluationDesk({ officerUserId: user.id, callSlug: params.slug ?? "" }) };
  } catch (error) {
    return toResponse(error, request);
  }
}

const Assignment = z.object({
  lotId: z.string().min(1),
  evaluatorId: z.string().min(1, "eval.assign.evaluatorMissing"),
});

const Consensus = z.object({
  lotId: z.string().min(1),
  submissionId: z.string().min(1),
  criterionId: z.string().min(1),
  points: z.string().regex(/^\d+$/, "eval.consensus.pointsMissing").transform(Number),
  reason: z.string().trim().min(1, "eval.consensus.reasonMissing").max(MAX_JUSTIFICATION_CHARS, "eval.consensus.reasonTooLong"),
});

const Decision = z.object({
  declarationId: z.string().min(1),
  outcome: z.enum(conflictOutcomes, { message: "eval.conflictDecision.outcomeMissing" }),
  reason: z.string().trim().max(MAX_CONFLICT_NOTE_CHARS, "eval.conflictDecision.reasonTooLong"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const back = `/verwaltung/aufrufe/${params.slug ?? ""}/bewertung`;
  const now = serverNow();
  // Errors are keyed by the field of the form they belong to (several forms on one page).
  const fail = (errors: Record<string, string>, status = 400) => data({ errors, values }, { status });
  try {
    switch (values.intent) {
      case "assign":
      case "unassign": {
        const parsed = Assignment.safeParse(values);
        const field = `${values.intent === "assign" ? "bewerter" : "entfernen"}-${values.lotId ?? ""}`;
        if (!parsed.success) return fail({ [field]: translateIssues(parsed.error.issues, t).evaluatorId ?? t("eval.assign.evaluatorMissing") });
        try {
          await assignEvaluator({ officerUserId: user.id, lotId: parsed.data.lotId, evaluatorId: parsed.data.evaluatorId, assign: values.intent === "assign", now });
        } catch (error) {
          if (error instanceof DomainError && error.code !== "NOT_FOUND") return fail({ [field]: refusalMessage(error, t, locale) }, 409);
          throw error;
        }
        return redirect(`${back}?${values.intent === "assign" ? "zugeordnet" : "entfernt"}=1#los-${parsed.data.lotId}`);
      }
      case "consensus": {
        const key = flagKey(values.lotId ?? "", values.submissionId ?? "", values.criterionId ?? "");
        const parsed = Consensus.safeParse({ ...values, points: values[`punkte-${key}`] ?? "", reason: values[`grund-${key}`] ?? "" });
        if (!parsed.success) {
          const issues = translateIssues(parsed.error.issues, t);
          return fail({
            ...(issues.points ? { [`punkte-${key}`]: issues.points } : {}),
            ...(issues.reason ? { [`grund-${key}`]: issues.reason } : {}),
          });
        }
        try {
          await recordConsensus({ officerUserId: user.id, ...parsed.data, now });
        } catch (error) {
          if (error instanceof DomainError && error.code === "INVALID") {
            return fail({ [error.field === "reason" ? `grund-${key}` : `punkte-${key}`]: refusalMessage(error, t, locale) });
          }
          throw error;
        }
        return redirect(`${back}?konsens=1#streuungen`);
      }
      case "decide": {
        const f = decisionFields(values.declarationId ?? "");
        const parsed = Decision.safeParse({ declarationId: values.declarationId ?? "", outcome: values[f.outcome], reason: values[f.reason] ?? "" });
        if (!parsed.success) {
          const issues = translateIssues(parsed.error.issues, t);
          return fail({ ...(issues.outcome ? { [f.outcome]: issues.outcome } : {}), ...(issues.reason ? { [f.reason]: issues.reason } : {}) });
        }
        try {
          await decideConflict({ officerUserId: user.id, ...parsed.data, now });
        } catch (error) {
          if (error instanceof DomainError && error.code === "INVALID") return fail({ [f.reason]: refusalMessage(error, t, locale) });
          if (error instanceof DomainError && error.code === "CONFLICT") return fail({ [f.outcome]: refusalMessage(error, t, locale) }, 409);
          throw error;
        }
        return redirect(`${back}?entschieden=1#erklaerungen`);
      }
      default:
        throw new Response("Bad Request", { status: 400 });
    }
  } catch (error) {
    return toResponse(error, request);
  }
}

const NOTICES = [
  ["zugeordnet", "eval.assign.done"],
  ["entfernt", "eval.assign.removed"],
  ["konsens", "eval.consensus.done"],
  ["entschieden", "eval.conflictDecision.done"],
] as const;

export default function EvaluationDeskPage() {
  const { desk } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: FieldErrors = result?.errors ?? {};
  const values = result?.values;
  const hub = `/verwaltung/aufrufe/${desk.call.slug}`;
  const withBids = desk.lots.filter((l) => l.bids.length > 0);
  return (
    <div className="stack">
      <CallPageHeader call={desk.call} page={t("eval.desk.title")} />
      <p className="kern-body">{desk.call.title}</p>
      <DoneNotices notices={NOTICES} />
      <ErrorSummary errors={errors} fieldOrder={[]} />
      <p className="kern-body">{t("eval.desk.intro")}</p>
      {!desk.call.opened ? <p className="kern-body kern-body--bold">{t("eval.desk.notOpened")}</p> : null}
      <ReportDownloads
        hub={hub}
        before={
          <Link className="kern-link" to={`${hub}/vergabevermerk`}>
            {t("eval.desk.reportHtml")}
          </Link>
        }
      />
      <EvaluatorAssignment desk={desk} errors={errors} values={values} />
      <ConflictDeclarations declarations={desk.declarations} certifications={desk.certifications} errors={errors} values={values} />
      <ScoringProgress desk={desk} lots={withBids} />
      <Spreads lots={withBids} desk={desk} errors={errors} values={values} />
      <section aria-labelledby="rangfolge" className="stack">
        <h2 id="rangfolge" className="kern-heading-large">
          {t("eval.ranking.title")}
        </h2>
        <p className="kern-body">{t("eval.ranking.intro")}</p>
        <p className="kern-body">{t("eval.ranking.certifiedOnly")}</p>
        {withBids.length === 0 ? <p className="kern-body">{t("eval.progress.none")}</p> : null}
        {withBids.map((lot) => (
          <RankingTable key={lot.lotId} lot={lot} criteria={desk.criteria} />
        ))}
      </section>
    </div>
  );
}
