import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { PageHeader } from "../components/page-header";
import { StartApplicationButton } from "../components/start-application";
import { formatDateTime } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { sendConfirmationMail } from "../identity/carrier-mails.server";
import { renewConfirmation, signOutEverywhere } from "../identity/carriers.server";
import { endSession, requireCarrier } from "../identity/sessions.server";
import { toResponse } from "../infra/http.server";
import { publicPhase } from "../procurement/call-view";
import { listPublicCalls } from "../procurement/calls.server";
import { listPublishedQuestions } from "../procurement/questions.server";
import { listApplications, startApplication } from "../submission/applications.server";
import { listDocumentRequestsForOrganisation } from "../evaluation/formal-check.server";
import { now as serverNow } from "../infra/clock.server";
import { noticesForOrganisation } from "../award/overview.server";
import { cooperationRequestsFor } from "../award/cooperation.server";
import { SubmitButton } from "../components/form";
import { Alert } from "../components/alert";
import { LinkList } from "../components/links";
import { Section } from "../components/section";
import { isDecided } from "../award/steps";

export const meta: MetaFunction = () => [{ title: "Meine Organisation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, carrier } = await requireCarrier(request);
  const now = serverNow();
  const applications = await listApplications(carrier.organisationId);
  const followed = new Set(applications.map((a) => a.callSlug));
  const calls = await listPublicCalls();
  const answered = [];
  for (const c of calls.filter((c) => followed.has(c.slug))) {
    answered.push({ slug: c.slug, title: c.title, questions: await listPublishedQuestions(c.id) });
  }
  return {
    user: { name: user.name, email: user.email },
    carrier,
    applications,
    requests: await listDocumentRequestsForOrganisation(carrier.organisationId, { now }),
    // Vorabinformation, Zuschlag, Absage, Aufhebung: the PDFs go through /dateien/<id>.
    notices: await noticesForOrganisation(carrier.organisationId),
    // Kooperationserklärungen asked for with an award that split a tandem.
    cooperations: (await cooperationRequestsFor(carrier.organisationId)).map((c) => ({ id: c.id, regionName: c.regionName, callTitle: c.callTitle, requestedAt: c.requestedAt, declaredAt: c.declaredAt })),
    openCalls: calls
      .filter((c) => publicPhase(c, now) === "open" && !followed.has(c.slug))
      .map((c) => ({ slug: c.slug, title: c.title, deadline: c.dates.submissionDeadline, isDemo: c.isDemo })),
    // Rügen: every published call not yet decided (the page says when the standstill has ended).
    complaintCalls: calls.filter((c) => !isDecided(c.status)).map((c) => ({ slug: c.slug, title: c.title })),
    answered,
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), callSlug: z.string().min(1) }),
  z.object({ intent: z.literal("resend-confirmation") }),
  z.object({ intent: z.literal("sign-out-everywhere") }),
]);

export async function action({ request }: ActionFunctionArgs) {
  const { user, carrier, actor } = await requireCarrier(request);
  const { t } = await getTranslator(request);
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  const now = serverNow();
  switch (parsed.data.intent) {
    case "start":
      try {
        const { applicationId } = await startApplication({ actor, callSlug: parsed.data.callSlug, now });
        return redirect(`/traeger/bewerbungen/${applicationId}`);
      } catch (error) {
        return toResponse(error, request);
      }
    case "resend-confirmation": {
      const renewed = await renewConfirmation({ userId: user.id, now });
      if (renewed) {
        await sendConfirmationMail(request, {
          email: renewed.email,
          name: renewed.name,
          organisationName: carrier.organisationName,
          token: renewed.token,
          validUntil: renewed.expiresAt,
        });
      }
      return data({ notice: t("dashboard.confirmationSent") });
    }
    case "sign-out-everywhere":
      await signOutEverywhere({ userId: user.id, now });
      return redirect("/anmelden?ueberall=1", { headers: { "Set-Cookie": await endSession(request, now) } });
  }
}

export default function CarrierDashboard() {
  const { user, carrier, applications, requests, notices, cooperations, openCalls, complaintCalls, answered } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("dashboard.title") }]} title={carrier.organisationName} />
      <p className="kern-body">{t("dashboard.signedInAs", { name: user.name, email: user.email })}</p>
      {params.get("bestaetigt") ? <Notice kind="success" text={t("dashboard.confirmed")} /> : null}
      {result?.notice ? <Notice kind="success" text={result.notice} /> : null}
      {!carrier.emailConfirmed ? (
        <div className="kern-alert kern-alert--warning" role="status">
          <div className="kern-alert__header">
            <span className="kern-title">{t("dashboard.confirmTitle")}</span>
          </div>
          <div className="kern-alert__body stack">
            <p className="kern-body">{t("dashboard.confirmBody", { email: user.email })}</p>
            <Form method="post">
              <input type="hidden" name="intent" value="resend-confirmation" />
              <SubmitButton kind="secondary" label={t("dashboard.resend")} />
            </Form>
          </div>
        </div>
      ) : null}

      {requests.length ? (
        <Section id="nachforderungen" level={2} title={t("dashboard.requests")}>
          <ul className="kern-list">
            {requests.map((r) => (
              <li key={r.id}>
                <Link className="kern-link" to={`/traeger/nachforderungen/${r.id}`}>
                  {r.description}
                </Link>{" "}
                – {t(`dashboard.request.${r.state}` as MessageKey, { date: formatDateTime(r.dueAt, locale) })} ({r.callTitle})
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {cooperations.length ? (
        <Section id="kooperation" level={2} title={t("cooperation.title")}>
          <p className="kern-body">{t("cooperation.dashboard.intro")}</p>
          <ul className="kern-list">
            {cooperations.map((c) => (
              <li key={c.id}>
                <Link className="kern-link" to={`/traeger/kooperation/${c.id}`}>
                  {c.declaredAt
                    ? t("cooperation.dashboard.declared", { region: c.regionName, call: c.callTitle, date: formatDateTime(new Date(c.declaredAt), locale) })
                    : t("cooperation.dashboard.open", { region: c.regionName, call: c.callTitle, date: formatDateTime(new Date(c.requestedAt), locale) })}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {notices.length ? (
        <section aria-labelledby="mitteilungen" className="stack">
          <h2 id="mitteilungen" className="kern-heading-large">
            {t("award.carrier.title")}
          </h2>
          <p className="kern-body">{t("award.carrier.intro")}</p>
          <ul className="kern-list">
            {notices.map((n) => (
              <li key={n.id}>
                <strong>{t("award.carrier.item", { kind: t(`award.kind.${n.kind}` as MessageKey), call: n.callTitle, date: formatDateTime(n.sentAt, locale) })}</strong>
                {n.earliestAwardAt ? <> – {t("award.carrier.earliest", { date: formatDateTime(n.earliestAwardAt, locale) })}</> : null}
                {n.fileId ? (
                  <>
                    {" "}
                    <a className="kern-link" href={`/dateien/${n.fileId}`}>
                      {t("award.carrier.pdf")}
                    </a>
                  </>
                ) : null}
                <details>
                  <summary className="kern-link">{t("award.carrier.text")}</summary>
                  <pre className="kern-body notice-text">{n.body}</pre>
                </details>
              </li>
            ))}
          </ul>
          {notices.some((n) => n.kind === "award") ? (
            <p>
              <Link className="kern-link" to="/traeger/vertraege">
                {t("contracts.mine.link")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      <Section id="bewerbungen" level={2} title={t("dashboard.applications")}>
        {applications.length === 0 ? <p className="kern-body">{t("dashboard.noApplications")}</p> : null}
        {applications.map((a) => {
          const counting = a.submissions.find((s) => !s.withdrawnAt);
          return (
            <article key={a.id} className="kern-card call-section" aria-labelledby={`bewerbung-${a.id}`}>
              <div className="kern-card__container">
                <div className="kern-card__header">
                  <h3 id={`bewerbung-${a.id}`} className="kern-heading-medium">
                    <Link className="kern-link" to={`/traeger/bewerbungen/${a.id}`}>
                      {a.callTitle}
                    </Link>
                  </h3>
                </div>
                <div className="kern-card__body">
                  <p className="kern-body kern-body--bold">
                    {a.status === "submitted" && counting
                      ? t("dashboard.status.submitted", { date: formatDateTime(counting.submittedAt, locale), version: counting.version })
                      : t(`dashboard.status.${a.status}` as MessageKey)}
                  </p>
                  <p className="kern-body">{t("dashboard.deadline", { date: formatDateTime(a.submissionDeadline, locale) })}</p>
                  {a.submissions.length ? (
                    <ul className="kern-list">
                      {a.submissions.map((s) => (
                        <li key={s.id}>
                          <Link className="kern-link" to={`/traeger/eingaenge/${s.id}`}>
                            {t("dashboard.receipt", { number: s.receiptNumber, version: s.version })}
                          </Link>
                          {s.withdrawnAt ? ` (${t("dashboard.withdrawnAt", { date: formatDateTime(s.withdrawnAt, locale) })})` : null}
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </div>
              </div>
            </article>
          );
        })}
      </Section>

      <Section id="offene-aufrufe" level={2} title={t("dashboard.openCalls")}>
        {openCalls.length === 0 ? <p className="kern-body">{t("dashboard.noOpenCalls")}</p> : null}
        <ul className="call-list">
          {openCalls.map((c) => (
            <li key={c.slug} className="kern-card">
              <div className="kern-card__container">
                <div className="kern-card__body stack">
                  <p className="kern-body kern-body--bold">
                    <Link className="kern-link" to={`/aufrufe/${c.slug}`}>
                      {c.title}
                    </Link>
                  </p>
                  <p className="kern-body">{t("dashboard.deadline", { date: formatDateTime(c.deadline, locale) })}</p>
                  <StartApplicationButton callSlug={c.slug} callTitle={c.title} />
                </div>
              </div>
            </li>
          ))}
        </ul>
      </Section>

      <Section id="ruegen" level={2} title={t("complaint.dashboard.title")}>
        <p className="kern-body">{t("complaint.dashboard.intro")}</p>
        {complaintCalls.length ? <LinkList links={complaintCalls.map((c) => ({ to: `/traeger/aufrufe/${c.slug}/ruege`, label: t("complaint.dashboard.link", { call: c.title }) }))} /> : null}
      </Section>

      <Section id="antworten" level={2} title={t("dashboard.answered")}>
        {answered.every((c) => c.questions.length === 0) ? <p className="kern-body">{t("questions.none")}</p> : null}
        {answered
          .filter((c) => c.questions.length)
          .map((c) => (
            <div key={c.slug}>
              <h3 className="kern-heading-small">
                <Link className="kern-link" to={`/aufrufe/${c.slug}/fragen`}>
                  {c.title}
                </Link>
              </h3>
              <ul className="kern-list kern-list--bullet">
                {c.questions.map((q) => (
                  <li key={q.id}>
                    <strong>{q.question}</strong> — {q.answer}
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </Section>

      <Section id="konto" level={2} title={t("dashboard.account")}>
        <LinkList
          links={[
            { to: "/traeger/mitglieder", label: t("dashboard.members") },
            { to: "/traeger/vertraege", label: t("contracts.mine.link") },
            // Carriers may turn a second factor on for themselves (decision 0034).
            { to: "/konto/zwei-faktor", label: t("security.totp.title") },
          ]}
        />
        <Form method="post">
          <input type="hidden" name="intent" value="sign-out-everywhere" />
          <SubmitButton kind="secondary" label={t("dashboard.signOutEverywhere")} />
        </Form>
      </Section>
    </div>
  );
}

function Notice({ kind, text }: { kind: "success" | "info"; text: string }) {
  return (
    <Alert tone={kind} role="status">
      <p className="kern-body">{text}</p>
    </Alert>
  );
}
