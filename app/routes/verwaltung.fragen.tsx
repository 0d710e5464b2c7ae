import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../components/alert";
import { WorkspaceHeader } from "../components/page-header";
import { ErrorSummary, SubmitButton, TextArea } from "../components/form";
import type { Locale } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { sendToEachReader } from "../infra/mail.server";
import { formValues, validateForm } from "../infra/forms.server";
import { publicBaseUrl, toResponse } from "../infra/http.server";
import { questionAnsweredLetter } from "../mail/letters";
import { answerQuestion, listOpenQuestions, MAX_QUESTION_CHARS } from "../procurement/questions.server";
import { now as serverNow } from "../infra/clock.server";

export const meta: MetaFunction = () => [{ title: "Bieterfragen beantworten" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  return { questions: listOpenQuestions() };
}

const Answer = z.object({
  questionId: z.string().min(1),
  publicQuestion: z.string().trim().min(1, "answer.questionMissing").max(MAX_QUESTION_CHARS, "answer.tooLong"),
  answer: z.string().trim().min(1, "answer.answerMissing").max(10_000, "answer.tooLong"),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t } = await getTranslator(request);
  const values = formValues(await request.formData());
  // Each question has its own form; field names carry the question id so ids stay unique.
  const id = values.questionId ?? "";
  const parsed = validateForm(Answer, { questionId: id, publicQuestion: values[`publicQuestion-${id}`], answer: values[`answer-${id}`] }, t);
  if (!parsed.ok) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, v]) => [`${k}-${values.questionId}`, v]));
    return data({ errors, values }, { status: 400 });
  }
  try {
    const result = answerQuestion({ officerUserId: user.id, ...parsed.data, now: serverNow() });
    const questionsUrl = `${publicBaseUrl(request)}/aufrufe/${result.callSlug}/fragen`;
    const letterFor = (reader: Locale) => questionAnsweredLetter({ callTitle: result.callTitle, question: parsed.data.publicQuestion, answer: parsed.data.answer, questionsUrl, reader });
    // Its recipients are the organisations that applied: sealed in the outbox until the opening.
    await sendToEachReader(result.recipients, (reader) => ({ ...letterFor(reader), sealedUntilOpeningOf: result.callId }), "answer notice");
    return redirect("/verwaltung/fragen?beantwortet=1");
  } catch (error) {
    return toResponse(error, request);
  }
}

export default function AnswerQuestions() {
  const { questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const [search] = useSearchParams();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack">
      <WorkspaceHeader trail={[{ label: t("answer.title") }]} />
      <p className="kern-body">{t("answer.intro")}</p>
      {search.get("beantwortet") ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t("answer.published")}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={[]} />
      {questions.length === 0 ? <p className="kern-body">{t("answer.none")}</p> : null}
      {questions.map((q) => {
        const own = result?.values?.questionId === q.id ? result.values : undefined;
        return (
          <section key={q.id} className="kern-card call-section" aria-labelledby={`frage-${q.id}`}>
            <div className="kern-card__container stack">
              <h2 id={`frage-${q.id}`} className="kern-heading-small">
                {q.callTitle} – {t("answer.askedAt", { date: formatDateTime(q.askedAt, locale) })}
              </h2>
              <blockquote className="kern-body">{q.body}</blockquote>
              <Form method="post" className="stack">
                <input type="hidden" name="questionId" value={q.id} />
                <TextArea
                  name={`publicQuestion-${q.id}`}
                  label={t("answer.publicQuestion")}
                  hint={t("answer.publicQuestionHint")}
                  defaultValue={own?.[`publicQuestion-${q.id}`] ?? q.body}
                  error={errors[`publicQuestion-${q.id}`]}
                  rows={4}
                />
                <TextArea name={`answer-${q.id}`} label={t("answer.answer")} defaultValue={own?.[`answer-${q.id}`]} error={errors[`answer-${q.id}`]} rows={6} />
                <SubmitButton label={t("answer.submit")} />
              </Form>
            </div>
          </section>
        );
      })}
    </div>
  );
}
