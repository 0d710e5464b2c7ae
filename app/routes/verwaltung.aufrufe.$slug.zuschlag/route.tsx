import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DoneNotices } from "../../components/done-notice";
import { CallPageHeader } from "../../components/page-header";
import { ErrorSummary } from "../../components/form";
import { parseBerlinLocal, toBerlinLocalInput } from "../../i18n/berlin-time";
import { getTranslator } from "../../i18n/locale.server";
import { refusalErrors } from "../../i18n/refusal";
import { useTranslation } from "../../i18n/use-translation";
import { requireSession } from "../../identity/sessions.server";
import { now as serverNow } from "../../infra/clock.server";
import { DomainError } from "../../infra/errors";
import { formValues, translateIssues } from "../../infra/forms.server";
import { notFound, publicBaseUrl, toResponse } from "../../infra/http.server";
import { awardContracts, sendPreInformation } from "../../award/award-decision.server";
import { decideComplaint, recordComplaint } from "../../award/complaints.server";
import { tickedLots } from "../../components/lot-checkboxes";
import { complaintDecisions, type ComplaintDecision } from "../../infra/schema";
import { awardOverview } from "../../award/overview.server";
import { approveAwardProposal, changeAwardProposal, proposeAward } from "../../award/proposal.server";
import { callIdBySlug } from "../../procurement/call-admin.server";
import { reasonField } from "../../award/reasons";
import { parseFteOrZero } from "../../submission/rules";
import { Complaints } from "./complaints-section";
import { LettersSection } from "./letters-section";
import { LotsOverview } from "./lots-overview";
import { ProcedureState } from "./procedure-state";
import { changeKey, type Errors, type Values } from "./types";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Zuschlag – ${data.overview.call.title}` : "Zuschlag" }];

// The officers' award page of one call (Zuschlagsvorschlag → Freigabe → Vorabinformation →
// Wartefrist → Zuschlag): thin; the rules live in app/award (proposal, award-decision,
// complaints, overview; which step a status allows: steps.ts). Approval and award are
// four-eyes steps (§ 58 Abs. 5 VgV): the domain refuses the proposal's authors; that the
// session proved the second factor is checked here, as on the opening page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireSession(request, { roles: ["officer"] });
  const callId = await callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  const now = serverNow();
  try {
    return {
      overview: await awardOverview({ officerUserId: session.user.id, callId, now }),
      nowInput: toBerlinLocalInput(now),
      secondFactor: Boolean(session.secondFactorAt),
    };
  } catch (error) {
    return toResponse(error, request);
  }
}

const fteField = z
  .string()
  .refine((v) => parseFteOrZero(v) !== null, "award.form.fteInvalid")
  .transform((v) => parseFteOrZero(v) as number);

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireSession(request, { roles: ["officer"] });
  const user = session.user;
  const { t, locale } = await getTranslator(request);
  const callId = await callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  const values = formValues(await request.formData());
  const back = `/verwaltung/aufrufe/${params.slug ?? ""}/zuschlag`;
  const now = serverNow();
  const invalid = (issues: z.ZodIssue[]) => data({ errors: translateIssues(issues, t), values }, { status: 400 });
  // Domain refusals in the reader's language, next to `field` unless they name their own.
  const refused = (error: unknown, field = "_form") => {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale, field), values }, { status: error.code === "INVALID" ? 400 : 409 });
    }
    return toResponse(error, request);
  };
  // The four-eyes steps need a session that proved the second factor (next to the step's button).
  const needsFactor = (field: string) => data({ errors: { [field]: t("security.award.needsFactor") }, values }, { status: 403 });
  switch (values.intent) {
    case "propose":
      try {
        await proposeAward({ officerUserId: user.id, callId, now });
        return redirect(`${back}?vorgeschlagen=1`);
      } catch (error) {
        return refused(error);
      }
    case "change": {
      const key = changeKey(values.lotId ?? "", values.submissionId ?? "");
      const parsed = z.object({ [`vzae-${key}`]: fteField, [`begruendung-${key}`]: reasonField("award.form.changeReasonMissing") }).safeParse(values);
      if (!parsed.success) return invalid(parsed.error.issues);
      try {
        await changeAwardProposal({
          officerUserId: user.id,
          callId,
          lotId: values.lotId ?? "",
          submissionId: values.submissionId ?? "",
          fteHundredths: parsed.data[`vzae-${key}`] as number,
          reason: parsed.data[`begruendung-${key}`] as string,
          now,
        });
        return redirect(`${back}?geaendert=1#los-${values.lotId}`);
      } catch (error) {
        return refused(error, `vzae-${key}`);
      }
    }
    case "approve":
      if (!session.secondFactorAt) return needsFactor("freigabe");
      try {
        await approveAwardProposal({ officerUserId: user.id, callId, now });
        return redirect(`${back}?freigegeben=1`);
      } catch (error) {
        return refused(error, "freigabe");
      }
    case "preinform":
      try {
        await sendPreInformation({ officerUserId: user.id, callId, now, baseUrl: publicBaseUrl(request) });
        return redirect(`${back}?vorabinformiert=1`);
      } catch (error) {
        return refused(error);
      }
    case "complaint": {
      const parsed = z
        .object({
          "ruege-traeger": z.string().optional().transform((v) => v || null),
          "ruege-eingang": z
            .string()
            .transform((v) => parseBerlinLocal(v))
            .refine((d): d is Date => d !== null, "award.form.receivedInvalid"),
          "ruege-inhalt": reasonField("award.form.complaintMissing"),
        })
        .safeParse(values);
      if (!parsed.success) return invalid(parsed.error.issues);
      try {
        await recordComplaint({
          officerUserId: user.id,
          callId,
          organisationId: parsed.data["ruege-traeger"],
          lotIds: tickedLots(values, "ruege-los"),
          receivedAt: parsed.data["ruege-eingang"] as Date,
          summary: parsed.data["ruege-inhalt"],
          now,
        });
        return redirect(`${back}?ruege=1#ruegen`);
      } catch (error) {
        return refused(error, "ruege-inhalt");
      }
    }
    case "decide": {
      const id = values.complaintId ?? "";
      const parsed = z
        .object({
          [`entscheidung-${id}`]: z.enum(complaintDecisions, { message: "complaint.form.decisionMissing" }),
          [`gruende-${id}`]: reasonField("complaint.form.decisionReasonsMissing"),
        })
        .safeParse(values);
      if (!parsed.success) return invalid(parsed.error.issues);
      try {
        await decideComplaint({
          officerUserId: user.id,
          complaintId: id,
          decision: parsed.data[`entscheidung-${id}`] as ComplaintDecision,
          reasons: parsed.data[`gruende-${id}`] as string,
          now,
          baseUrl: publicBaseUrl(request),
        });
        return redirect(`${back}?entschieden=1#ruegen`);
      } catch (error) {
        return refused(error, `gruende-${id}`);
      }
    }
    case "award":
      if (!session.secondFactorAt) return needsFactor("zuschlag");
      try {
        const { waiting } = await awardContracts({ officerUserId: user.id, callId, now, baseUrl: publicBaseUrl(request) });
        return redirect(waiting ? `${back}?teilzuschlag=1` : `${back}?zuschlag=1`);
      } catch (error) {
        return refused(error, "zuschlag");
      }
    default:
      throw new Response("Bad Request", { status: 400 });
  }
}

// ---------------------------------------------------------------------------------------

const NOTICES = [
  ["vorgeschlagen", "award.done.proposed"],
  ["geaendert", "award.done.changed"],
  ["freigegeben", "award.done.approved"],
  ["vorabinformiert", "award.done.preInformed"],
  ["ruege", "award.done.complaint"],
  ["entschieden", "complaint.officer.decidedDone"],
  ["teilzuschlag", "complaint.officer.awardedPartly"],
  ["zuschlag", "award.done.awarded"],
] as const;

export default function AwardPage() {
  const { overview, nowInput, secondFactor } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Errors = result?.errors ?? {};
  const values: Values = result?.values;
  const hub = `/verwaltung/aufrufe/${overview.call.slug}`;
  const steps = overview.steps;
  return (
    <div className="stack">
      <CallPageHeader call={overview.call} page={t("award.title")} />
      <DoneNotices notices={NOTICES} />
      <ErrorSummary errors={errors} fieldOrder={["_form", "freigabe", "zuschlag"]} />
      <p className="kern-body">{t("award.intro")}</p>
      <p className="kern-body">{t("eval.ranking.certifiedOnly")}</p>
      {overview.call.status === "cancelled" ? (
        <p className="kern-body kern-body--bold">{t("award.cancelled", { reason: overview.call.cancellationReason ?? "" })}</p>
      ) : null}
      <ProcedureState overview={overview} errors={errors} secondFactor={secondFactor} />
      {overview.lots.length ? <LotsOverview overview={overview} errors={errors} values={values} /> : null}
      {steps.showComplaints ? <Complaints overview={overview} errors={errors} values={values} nowInput={nowInput} /> : null}
      <LettersSection notices={overview.notices} />

      <p>
        <Link className="kern-link" to={`${hub}/vertraege`}>
          {t("contracts.call.link")}
        </Link>
      </p>
      <p>
        <Link className="kern-link" to={`${hub}/aufhebung`}>
          {t("award.toCancellation")}
        </Link>
      </p>
    </div>
  );
}
