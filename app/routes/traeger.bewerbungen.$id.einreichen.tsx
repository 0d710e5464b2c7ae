import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LinkParagraph } from "../components/links";
import { Alert } from "../components/alert";
import { ApplicationStatusBanner } from "../components/application-status";
import { PageHeader } from "../components/page-header";
import { MissingList } from "../components/missing-list";
import { formatNumber } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { DomainError } from "../infra/errors";
import { publicBaseUrl, toResponse } from "../infra/http.server";
import { loadApplication, missingForApplication } from "../submission/applications.server";
import { mailReceipt } from "../submission/receipt-delivery.server";
import { postExtent } from "../submission/post-extent";
import { costTotals, documentName, termMonths } from "../submission/rules";
import { loadReceipt, submitApplication, withdrawApplication } from "../submission/submit.server";
import { now as serverNow } from "../infra/clock.server";
import { SubmitButton } from "../components/form";
import { Section } from "../components/section";

export const meta: MetaFunction = () => [{ title: "Prüfen und einreichen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, carrier } = await requireCarrier(request);
  try {
    const application = await loadApplication({ actor, applicationId: params.id ?? "", now: serverNow() });
    return { application, missing: missingForApplication(application), emailConfirmed: carrier.emailConfirmed };
  } catch (error) {
    return toResponse(error, request);
  }
}

const Intent = z.object({ intent: z.enum(["submit", "withdraw"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, user } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const applicationId = params.id ?? "";
  try {
    if (parsed.data.intent === "withdraw") {
      await withdrawApplication({ actor, applicationId });
      return redirect(`/traeger/bewerbungen/${applicationId}?zurueckgezogen=1`);
    }
    const result = await submitApplication({ actor, applicationId });
    // Only now, with the submission committed, the receipt goes out.
    const receipt = await loadReceipt({ actor, submissionId: result.submissionId });
    await mailReceipt(receipt, { email: user.email, name: user.name, locale }, publicBaseUrl(request));
    return redirect(`/traeger/eingaenge/${result.submissionId}?neu=1`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ error: refusalMessage(error, t, locale) }, { status: error.code === "INVALID" ? 400 : 409 });
    }
    return toResponse(error, request);
  }
}

export default function SubmitPage() {
  const { application: a, missing, emailConfirmed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const base = `/traeger/bewerbungen/${a.id}`;
  const months = termMonths(a.call.dates.serviceStart, a.call.dates.contractEnd);
  const euro = (cents: number) => `${formatNumber(cents / 100, locale, 2)} €`;
  const lotById = new Map(a.call.lots.map((l) => [l.id, l]));
  const canSubmit = a.editable && missing.length === 0 && emailConfirmed;
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("application.title"), to: base }, { label: t("submit.title") }]} />
      <p className="kern-body">{a.call.title}</p>
      <ApplicationStatusBanner status={a.status} latest={a.latestSubmission} changedSinceSubmission={a.changedSinceSubmission} editable={a.editable} deadline={a.call.dates.submissionDeadline} />
      {result?.error ? (
        <Alert tone="danger">
          <p className="kern-body">{result.error}</p>
        </Alert>
      ) : null}
      <MissingList applicationId={a.id} items={missing} />
      {!emailConfirmed ? <p className="kern-body kern-body--bold">{t("submit.confirmEmailFirst")}</p> : null}

      <Section id="zusammenfassung" level={2} title={t("submit.summary")}>
        <p className="kern-body">{t("submit.organisation", { name: a.organisation.name })}</p>
        {a.draft.lots
          .slice()
          .sort((x, y) => (lotById.get(x.lotId)?.number ?? 0) - (lotById.get(y.lotId)?.number ?? 0))
          .map((bid) => {
            const lot = lotById.get(bid.lotId)!;
            const totals = bid.costPlan ? costTotals(bid.costPlan, bid.posts, months) : null;
            return (
              <section key={bid.lotId} className="kern-card call-section" aria-labelledby={`zs-${lot.number}`}>
                <div className="kern-card__container stack">
                  <h3 id={`zs-${lot.number}`} className="kern-heading-medium">
                    {t("application.lotLabel", { number: lot.number, role: lot.roleName, region: lot.regionName })}
                  </h3>
                  <ul className="kern-list kern-list--bullet">
                    {a.call.conceptSections.map((s) => (
                      <li key={s.code}>
                        {s.title}: {t("submit.chars", { count: [...(bid.concept[s.code] ?? "")].length })}
                      </li>
                    ))}
                    {bid.posts.map((p, i) => (
                      <li key={i}>
                        {t("submit.post", { number: i + 1, extent: postExtent(p, t, locale), qualification: p.qualification, payGroup: p.payGroup })}
                      </li>
                    ))}
                    {totals ? <li>{t("submit.costs", { perYear: euro(totals.perYearCents), term: euro(totals.termCents), months })}</li> : null}
                    {bid.conceptFile ? <li>{t("submit.conceptFile", { name: bid.conceptFile.name })}</li> : null}
                  </ul>
                </div>
              </section>
            );
          })}
        <h3 className="kern-heading-medium">{t("documents.title")}</h3>
        <ul className="kern-list kern-list--bullet">
          {a.draft.documents.map((d) => (
            <li key={d.file.id}>
              {t(documentName(d.kind))}: {d.file.name}
            </li>
          ))}
        </ul>
      </Section>

      {a.editable ? (
        <Section id="verbindlich" level={2} title={t("submit.bindingTitle")} className="stack">
          <p className="kern-body">{t("submit.bindingText")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="submit" />
            <button type="submit" className="kern-btn kern-btn--primary" disabled={!canSubmit} aria-describedby={canSubmit ? undefined : "vollstaendigkeit"}>
              <span className="kern-label">{t("submit.button")}</span>
            </button>
          </Form>
          {a.status === "submitted" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <SubmitButton kind="secondary" label={t("submit.withdraw")} />
            </Form>
          ) : null}
        </Section>
      ) : null}
      <LinkParagraph to={base} label={t("lot.back")} />
    </div>
  );
}
