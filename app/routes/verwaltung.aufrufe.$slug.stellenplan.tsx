import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Section } from "../components/section";
import { Alert } from "../components/alert";
import { CallPageHeader } from "../components/page-header";
import { DataTable } from "../components/data-table";
import { DocumentBlocks } from "../components/document-view";
import { blocksFor, headAndParts } from "../documents/blocks";
import { formatDate, formatDateTime } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { staffingPlanDocument } from "../staffing/plan-document";
import { fteText } from "../staffing/plan-text";
import { computeStaffingPlan, loadStaffingPlan } from "../staffing/plans.server";
import { coverageOfCall } from "../staffing/coverage.server";
import { CoverageOverTime } from "../components/coverage-over-time";
import { missingCooperations } from "../award/cooperation.server";
import { SubmitButton } from "../components/form";

export const meta: MetaFunction = () => [{ title: "Stellenplan" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  // Live, not from the stored plan: a declaration made since ends its warning.
  const cooperationMissing = (await missingCooperations(call.id)).map((m) => ({ id: m.id, regionName: m.regionName, organisationName: m.organisationName, requestedAt: m.requestedAt }));
  const at = now();
  return { ...(await loadStaffingPlan(call.id, { now: at })), cooperationMissing, overTime: await coverageOfCall({ callId: call.id, now: at, call }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const form = await request.formData();
  if (form.get("intent") !== "recompute") return data({ error: "Unbekannte Aktion" }, { status: 400 });
  const { t, locale } = await getTranslator(request);
  try {
    await computeStaffingPlan({ callId: call.id, trigger: "manual", userId: user.id, now: now() });
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") return data({ error: refusalMessage(error, t, locale) }, { status: 400 });
    throw error;
  }
  return redirect(`/verwaltung/aufrufe/${call.slug}/stellenplan?neu=1`);
}

export default function StaffingPlanPage() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, locale } = useTranslation();
  const { call, current, problem, history } = view;
  const plan = headAndParts(blocksFor(staffingPlanDocument(view, t, locale).blocks, "page"));
  const base = `/verwaltung/aufrufe/${call.slug}`;
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("staffing.plan.title")} />
      <p className="kern-body">{t("staffing.plan.intro")}</p>

      {search.get("neu") && !result ? (
        <Alert tone="success" role="status" icon titleAs="h2" title={t("staffing.plan.recomputed")} />
      ) : null}
      {result?.error || problem ? (
        <Alert tone="danger" icon titleAs="h2" title={t("staffing.plan.problem", { problem: result?.error ?? (problem ? refusalMessage(problem, t, locale) : "") })}>
          <Link className="kern-link" to={`${base}/fallzahlen`}>
            {t("staffing.plan.enterFigures")}
          </Link>
        </Alert>
      ) : null}

      {view.cooperationMissing.length ? (
        <Alert tone="warning" icon titleAs="h2" title={t("cooperation.title")}>
          <ul className="kern-list" id="kooperation-fehlt">
            {view.cooperationMissing.map((m) => (
              <li key={m.id}>{t("staffing.cooperationMissing", { region: m.regionName, organisation: m.organisationName, date: formatDate(new Date(m.requestedAt), locale) })}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      {current ? <DocumentBlocks blocks={plan.head} level={1} /> : null}

      <div className="button-row">
        <Form method="post">
          <input type="hidden" name="intent" value="recompute" />
          <SubmitButton kind="secondary" label={t("staffing.plan.recompute")} />
        </Form>
        <Link className="kern-link" to={`${base}/fallzahlen`}>
          {t("staffing.links.figures")}
        </Link>
        <Link className="kern-link" to={`${base}/nachsteuerung`}>
          {t("adjustment.link")}
        </Link>
        <Link className="kern-link" to={`${base}/folgeaufruf`}>
          {t("followUp.link")}
        </Link>
      </div>

      {current ? (
        <>
          <section aria-labelledby="downloads">
            <h2 id="downloads" className="kern-heading-medium">
              {t("staffing.plan.exports")}
            </h2>
            <ul className="kern-list">
              <li>
                <a className="kern-link" href={`${base}/stellenplan.csv`} download>
                  {t("staffing.plan.csv")}
                </a>
              </li>
              <li>
                <a className="kern-link" href={`${base}/stellenplan.pdf`} download>
                  {t("staffing.plan.pdf")}
                </a>
              </li>
            </ul>
          </section>

          <DocumentBlocks blocks={plan.parts} level={1} />
        </>
      ) : null}

      {view.overTime.contracts.length ? <CoverageOverTime coverage={view.overTime.coverage} problem={view.overTime.problem} officers={{ callSlug: call.slug, contracts: view.overTime.contracts }} /> : null}

      <Section level={2} className="stack" title={t("staffing.plan.history")}>
        {history.length === 0 ? (
          <p className="kern-body">{t("staffing.plan.noPrevious")}</p>
        ) : (
          <DataTable
            caption={t("staffing.plan.historyCaption")}
            small
            columns={[
              { label: t("staffing.col.computedAt") },
              { label: t("staffing.col.trigger") },
              { label: t("staffing.col.asOf") },
              { label: t("staffing.col.by") },
              { label: t("staffing.col.required"), numeric: true },
              { label: t("staffing.col.contracted"), numeric: true },
            ]}
            rows={history.map((h) => [
              formatDateTime(new Date(h.computedAt), locale),
              t(`staffing.trigger.${h.trigger}` as MessageKey),
              h.figuresAsOf ? formatDate(new Date(h.figuresAsOf), locale) : "–",
              h.computedBy ?? "–",
              fteText(h.requiredHundredths, locale),
              fteText(h.contractedHundredths, locale),
            ])}
          />
        )}
      </Section>
    </div>
  );
}
