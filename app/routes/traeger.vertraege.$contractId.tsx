import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../components/alert";
import { DataTable } from "../components/data-table";
import { Checkbox, ErrorSummary, SubmitButton } from "../components/form";
import { answerAmendment } from "../contracts/adjustments.server";
import { amendmentsOfContracts } from "../contracts/amendments-read.server";
import { amendmentState, answerDeadlineDay } from "../contracts/adjustment";
import type { MessageKey } from "../i18n";
import { formatDateTime, formatDay, formatEuroCents } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { DomainError } from "../infra/errors";
import { fteText } from "../staffing/plan-text";
import { DemoBanner } from "../components/demo-banner";
import { DocumentView } from "../components/document-view";
import { PageHeader } from "../components/page-header";
import { contractDocument } from "../contracts/contract-document";
import { contractOfOrganisation } from "../contracts/contracts.server";
import { contractReportStates } from "../contracts/staff-reports.server";
import { ReportPeriodsTable } from "../components/staff-reports";
import { now as serverNow } from "../infra/clock.server";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { toResponse } from "../infra/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data && "contract" in data ? `Vertrag ${data.contract.number}` : "Vertrag" }];

// One contract of the carrier's own organisation; another's answers 404 (checked in the query).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const contract = await contractOfOrganisation({ organisationId: actor.organisationId, contractId: params.contractId ?? "" });
    const now = serverNow();
    // A letter unanswered past its last day has lapsed (decision 0026): no answer form, the contract stays.
    const amendments = (await amendmentsOfContracts([contract.id])).map((a) => ({ ...a, state: amendmentState(a.status, a.fromDay, now) }));
    return { contract, reports: await contractReportStates(contract, now), amendments };
  } catch (error) {
    return toResponse(error, request);
  }
}

const Answer = z.object({ amendmentId: z.string().min(1), answer: z.enum(["accept", "decline"]), bestaetigung: z.literal("ja").optional() });

// The carrier's answer to a change letter (Nachsteuerung, decision 0026), in Textform: its
// member's name and the server time are kept. Another organisation's amendment is 404.
export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const parsed = Answer.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  try {
    // Ownership of the contract first (404 for another's), then of the amendment (checked in its query).
    const contract = await contractOfOrganisation({ organisationId: actor.organisationId, contractId: params.contractId ?? "" });
    const { status } = await answerAmendment({ actor, amendmentId: parsed.data.amendmentId, answer: parsed.data.answer, confirmed: parsed.data.bestaetigung === "ja", now: serverNow() });
    return redirect(`/traeger/vertraege/${contract.id}?antwort=${status}#aenderungen`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") return data({ errors: refusalErrors(error, t, locale) }, { status: error.code === "INVALID" ? 400 : 409 });
    return toResponse(error, request);
  }
}

export default function ContractPage() {
  const { contract, reports, amendments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, locale } = useTranslation();
  const doc = contractDocument(contract, t);
  const errors = result?.errors ?? {};
  const pending = amendments.filter((a) => a.state === "pending");
  const answered = search.get("antwort");
  return (
    <div className="stack">
      <PageHeader
        trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("contracts.mine.title"), to: "/traeger/vertraege" }, { label: contract.number }]}
        title={doc.title}
      />
      {contract.isDemo ? <DemoBanner /> : null}
      {answered && !result ? <Alert tone="success" role="status" icon titleAs="h2" title={t(answered === "accepted" ? "amendment.accepted" : "amendment.declinedDone")} /> : null}
      {amendments.length ? (
        <section aria-labelledby="aenderungen" className="stack">
          <h2 id="aenderungen" className="kern-heading-large">
            {t("amendment.history")}
          </h2>
          <p className="kern-body">{t("amendment.currentFte", { fte: fteText(contract.agreedHundredths, locale), concluded: fteText(contract.fteHundredths, locale) })}</p>
          <ErrorSummary errors={errors} fieldOrder={["bestaetigung", "_form"]} />
          {errors._form ? <Alert tone="danger" icon title={errors._form} /> : null}
          {pending.map((a) => (
            <Form method="post" className="stack" key={a.id} aria-labelledby={`aenderung-${a.id}`}>
              <h3 id={`aenderung-${a.id}`} className="kern-heading-medium">
                {t("amendment.title")}
              </h3>
              <p className="kern-body">
                {t("amendment.offer", { from: formatDay(a.fromDay, locale), before: fteText(a.fteBeforeHundredths, locale), after: fteText(a.fteAfterHundredths, locale), value: formatEuroCents(a.valuePerYearAfterCents, locale) })}{" "}
                {t("amendment.deadline", { day: formatDay(answerDeadlineDay(a.fromDay), locale) })}
              </p>
              {a.letterFileId ? (
                <p>
                  <a className="kern-link" href={`/dateien/${a.letterFileId}`}>
                    {t("amendment.letter")}
                  </a>
                </p>
              ) : null}
              <input type="hidden" name="amendmentId" value={a.id} />
              <Checkbox name="bestaetigung" label={t("amendment.confirm", { organisation: contract.organisationName })} error={errors.bestaetigung} />
              <div className="button-row">
                <SubmitButton name="answer" value="accept" label={t("amendment.accept")} />
                <SubmitButton kind="secondary" name="answer" value="decline" label={t("amendment.decline")} />
              </div>
            </Form>
          ))}
          <DataTable
            caption={t("amendment.history.caption", { count: amendments.length })}
            small
            columns={[
              { label: t("amendment.col.from"), rowHeader: true },
              { label: t("amendment.col.before"), numeric: true },
              { label: t("amendment.col.after"), numeric: true },
              { label: t("amendment.col.value"), numeric: true },
              { label: t("amendment.col.status") },
            ]}
            rows={amendments.map((a) => [
              formatDay(a.fromDay, locale),
              fteText(a.fteBeforeHundredths, locale),
              fteText(a.fteAfterHundredths, locale),
              formatEuroCents(a.valuePerYearAfterCents, locale),
              a.decidedAt
                ? t("amendment.answered", { status: t(`amendment.status.${a.state}` as MessageKey), name: a.decidedByName ?? "–", date: formatDateTime(new Date(a.decidedAt), locale) })
                : t(`amendment.status.${a.state}` as MessageKey),
            ])}
          />
        </section>
      ) : null}
      <section aria-labelledby="meldungen" className="stack">
        <h2 id="meldungen" className="kern-heading-large">
          {t("staffReport.periods")}
        </h2>
        <p className="kern-body">{t("staffReport.periods.intro")}</p>
        <ReportPeriodsTable id="meldezeitraeume" caption={t("staffReport.periods.caption")} periods={reports} href={(from) => `/traeger/vertraege/${contract.id}/meldungen/${from}`} t={t} locale={locale} />
      </section>
      {/* The report periods with their due days stand above with their states: not twice. */}
      <DocumentView embedded doc={{ ...doc, blocks: doc.blocks.filter((b) => b.kind !== "title" && !(b.kind === "section" && b.id === "meldetermine")) }} />
      <p>
        <Link className="kern-link" to="/traeger/vertraege">
          {t("contracts.mine.title")}
        </Link>
      </p>
    </div>
  );
}
