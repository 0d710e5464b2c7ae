import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../components/alert";
import { ErrorSummary, SubmitButton, TextArea } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { carrierContext } from "../identity/carriers.server";
import { currentUser, requireCarrier } from "../identity/sessions.server";
import { checkBlocked, questionKeys, recordAttempt } from "../identity/rate-limits.server";
import { requestAddress, tooManyAttempts, tooManyAttemptsMessage } from "../identity/rate-limit-http.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { Breadcrumbs } from "../components/breadcrumbs";
import { DemoBanner } from "../components/demo-banner";
import { Section } from "../components/section";
import { formatDate, formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { isQuestionWindowOpen } from "../procurement/call-view";
import { askQuestion, listOwnQuestions, listPublishedQuestions, MAX_QUESTION_CHARS } from "../procurement/questions.server";
import { now as serverNow } from "../infra/clock.server";
import { READ_ONLY_PAGE } from "../components/hydration";

// Read, not used: the page ships no JavaScript (components/hydration.ts).
export const handle = READ_ONLY_PAGE;

export { retryAfterHeaders as headers } from "../identity/rate-limit-headers";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Fragen und Antworten – ${data.call.title}` : "Nicht gefunden" },
];

export async function loader({ params, request }: LoaderFunctionArgs) {
  const view = await loadCallView(params.slug ?? "");
  if (!view) notFound();
  const { id, slug, title, isDemo, dates, status, texts } = view;
  const user = await currentUser(request);
  const carrier = user?.role === "carrier" ? await carrierContext(user.id) : null;
  return {
    call: { slug, title, isDemo, questionDeadline: dates.questionDeadline, questionRules: texts.questionRules },
    questionsOpen: isQuestionWindowOpen({ status, dates }, serverNow()),
    questions: await listPublishedQuestions(id),
    asker: carrier ? { ownQuestions: await listOwnQuestions({ organisationId: carrier.organisationId, callId: id }) } : null,
    signedIn: Boolean(user),
  };
}

const Ask = z.object({
  frage: z.string().trim().min(1, "ask.missing").max(MAX_QUESTION_CHARS, "ask.tooLong"),
});

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const parsed = validateForm(Ask, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const limits = questionKeys(actor.userId, requestAddress(request, context));
  const blocked = (await checkBlocked(limits)) ?? (await recordAttempt(limits));
  if (blocked) return tooManyAttempts({ errors: { frage: tooManyAttemptsMessage(blocked, t) }, values }, blocked);
  try {
    await askQuestion({ actor, callSlug: params.slug ?? "", body: parsed.data.frage, now: serverNow() });
  } catch (error) {
    if (error instanceof DomainError && error.code === "DEADLINE_PASSED") {
      return data({ errors: refusalErrors(error, t, locale, "frage"), values }, { status: 409 });
    }
    throw error;
  }
  return redirect(`/aufrufe/${params.slug}/fragen?gestellt=1#eigene-fragen`);
}

export default function QuestionsPage() {
  const { call, questions, questionsOpen, asker, signedIn } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const deadline = formatDateTime(call.questionDeadline, locale);
  return (
    <div className="stack">
      <Breadcrumbs items={[{ label: call.title, to: `/aufrufe/${call.slug}` }, { label: t("questions.title") }]} />
      {call.isDemo ? <DemoBanner /> : null}
      <h1 className="kern-heading-x-large">{t("questions.title")}</h1>
      <p className="kern-body--large">{t("questions.intro", { title: call.title })}</p>
      <p className="kern-body kern-body--bold">
        {questionsOpen ? t("questions.deadline", { date: deadline }) : t("questions.closed", { date: deadline })}
      </p>
      <Section id="regeln" level={2} minor title={t("questions.rules")}>
        {call.questionRules.map((r, i) => (
          <p key={i} className="kern-body">
            {r}
          </p>
        ))}
      </Section>
      <section aria-labelledby="antworten">
        <h2 id="antworten" className="kern-heading-medium">
          {t("questions.title")} ({questions.length})
        </h2>
        {questions.length === 0 ? (
          <p className="kern-body">{t("questions.none")}</p>
        ) : (
          <ol className="kern-list">
            {questions.map((q) => (
              <li key={q.id} className="kern-card">
                <div className="kern-card__container">
                  <div className="kern-card__body">
                    <p className="kern-body">
                      <strong>{t("questions.question")}:</strong> {q.question}
                    </p>
                    <p className="kern-body">
                      <strong>{t("questions.answer")}:</strong> {q.answer}
                    </p>
                    <p className="kern-body--small">{t("questions.askedAnswered", { date: formatDate(q.publishedAt, locale) })}</p>
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <Section id="fragen-stellen" level={2} minor title={t("ask.title")} className="stack">
        {!asker ? (
          <p className="kern-body">
            {signedIn ? t("ask.carriersOnly") : t("ask.signInFirst")}{" "}
            {signedIn ? null : (
              <Link className="kern-link" to={`/anmelden?weiter=/aufrufe/${call.slug}/fragen`}>
                {t("nav.signIn")}
              </Link>
            )}
          </p>
        ) : questionsOpen ? (
          <>
            {search.get("gestellt") ? (
              <Alert tone="success" role="status">
                <p className="kern-body">{t("ask.sent")}</p>
              </Alert>
            ) : null}
            <ErrorSummary errors={errors} fieldOrder={["frage"]} />
            <Form method="post" noValidate className="stack form-page">
              <TextArea name="frage" label={t("ask.label")} hint={t("ask.hint")} defaultValue={result?.values?.frage} error={errors.frage} />
              <SubmitButton label={t("ask.submit")} />
            </Form>
          </>
        ) : (
          <p className="kern-body">{t("questions.closed", { date: deadline })}</p>
        )}
        {asker && asker.ownQuestions.length ? (
          <div id="eigene-fragen">
            <h3 className="kern-heading-small">{t("ask.own")}</h3>
            <ul className="kern-list kern-list--bullet">
              {asker.ownQuestions.map((q) => (
                <li key={q.id}>
                  {q.body} – {q.publishedAt ? t("ask.answered") : t("ask.pending", { date: formatDateTime(q.askedAt, locale) })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Section>
      <p>
        <Link className="kern-link" to={`/aufrufe/${call.slug}`}>
          {t("questions.back")}
        </Link>
      </p>
    </div>
  );
}
