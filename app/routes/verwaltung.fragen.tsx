import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../components/alert";
import { WorkspaceHeader } from "../components/page-header";
import { ErrorSummary, RadioGroup, SubmitButton, TextArea, TextField } from "../components/form";
import { translator } from "../i18n";
import { parseBerlinLocal, toBerlinLocalInput } from "../i18n/berlin-time";
import { formatDateTime } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { publicBaseUrl, toResponse } from "../infra/http.server";
import { amendmentNotice, sendBidderNotice } from "../mail/bidder-notices.server";
import { questionAnsweredLetter } from "../mail/letters";
import { answerQuestion, listOpenQuestions, MAX_QUESTION_CHARS, type AnswerExtension } from "../procurement/questions.server";
import { now as serverNow } from "../infra/clock.server";

export const meta: MetaFunction = () => [{ title: "Bieterfragen beantworten" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  return { questions: await listOpenQuestions(serverNow()) };
}

const Answer = z
  .object({
    questionId: z.string().min(1),
    publicQuestion: z.string().trim().min(1, "answer.questionMissing").max(MAX_QUESTION_CHARS, "answer.tooLong"),
    answer: z.string().trim().min(1, "answer.answerMissing").max(10_000, "answer.tooLong"),
    // The decision on the deadline where the answer comes late (§ 20 Abs. 3 VgV).
    extension: z.enum(["extend", "decline"]).optional(),
    newDeadline: z.string().optional(),
    extensionReason: z.string().trim().max(5_000, "answer.tooLong").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.extension === "extend" && !parseBerlinLocal(v.newDeadline ?? "")) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["newDeadline"], message: "extension.dateMissing" });
    if (v.extension === "decline" && !v.extensionReason) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["extensionReason"], message: "extension.reasonMissing" });
  });

/** The decision as the domain takes it; an extension's published text in German, the binding text. */
function extensionOf(v: z.infer<typeof Answer>): AnswerExtension | undefined {
  if (v.extension === "decline") return { extend: false, reason: v.extensionReason ?? "" };
  if (v.extension !== "extend") return undefined;
  const submissionDeadline = parseBerlinLocal(v.newDeadline ?? "")!;
  const de = translator("de");
  return {
    extend: true,
    submissionDeadline,
    text: {
      title: de("extension.amendment.title"),
      body: de("extension.amendment.body", { date: formatDateTime(submissionDeadline, "de") }),
      reason: de("extension.amendment.reason"),
    },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  // Each question has its own form; field names carry the question id so ids stay unique.
  const id = values.questionId ?? "";
  const own = (field: string) => values[`${field}-${id}`] || undefined;
  const parsed = validateForm(
    Answer,
    {
      questionId: id,
      publicQuestion: values[`publicQuestion-${id}`],
      answer: values[`answer-${id}`],
      extension: own("extension"),
      newDeadline: own("newDeadline"),
      extensionReason: own("extensionReason"),
    },
    t,
  );
  const withId = (errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${k}-${id}`, v]));
  if (!parsed.ok) return data({ errors: withId(parsed.errors), values }, { status: 400 });
  try {
    const { extension: _choice, newDeadline: _date, extensionReason: _reason, ...answer } = parsed.data;
    const result = await answerQuestion({ officerUserId: user.id, ...answer, extension: extensionOf(parsed.data), now: serverNow() });
    const callUrl = `${publicBaseUrl(request)}/aufrufe/${result.callSlug}`;
    const mayReviseUntil = result.submissionDeadline > serverNow() ? result.submissionDeadline : undefined;
    // Its recipients are the organisations that applied: sealed in the outbox until the opening.
    await sendBidderNotice({
      ...result,
      mayReviseUntil,
      letter: (reader, until) =>
        questionAnsweredLetter({ callTitle: result.callTitle, question: answer.publicQuestion, answer: answer.answer, questionsUrl: `${callUrl}/fragen`, mayReviseUntil: until, reader }),
      kind: "answer notice",
    });
    const extension = result.extension;
    if (extension) {
      const text = (extensionOf(parsed.data) as Extract<AnswerExtension, { extend: true }>).text;
      const notice = { callTitle: result.callTitle, number: extension.number, ...text, changes: extension.changes, callUrl: `${callUrl}#aenderungen` };
      await sendBidderNotice({ ...result, mayReviseUntil, letter: (reader, until) => amendmentNotice(notice, reader, until), kind: "amendment notice" });
      return redirect(`/verwaltung/fragen?beantwortet=1&verlaengert=${extension.number}&bis=${encodeURIComponent(result.submissionDeadline.toISOString())}`);
    }
    return redirect("/verwaltung/fragen?beantwortet=1");
  } catch (error) {
    // The decision on the deadline is asked for in the form; other refusals answer as before.
    if (error instanceof DomainError && error.key.startsWith("extension.")) {
      return data({ errors: withId(refusalErrors(error, t, locale)), values }, { status: 400 });
    }
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
          {search.get("verlaengert") && search.get("bis") ? (
            <p className="kern-body">
              {t("extension.answerExtended", { number: search.get("verlaengert")!, date: formatDateTime(new Date(search.get("bis")!), locale) })}
            </p>
          ) : null}
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
                {q.extension || errors[`extension-${q.id}`] ? (
                  <>
                    <RadioGroup
                      name={`extension-${q.id}`}
                      legend={t("extension.legend")}
                      hint={
                        q.extension
                          ? t("extension.answerHint", { deadline: formatDateTime(q.extension.deadline, locale), date: formatDateTime(q.extension.proposed, locale) })
                          : undefined
                      }
                      options={[
                        { value: "extend", label: t("extension.extend") },
                        { value: "decline", label: t("extension.decline") },
                      ]}
                      defaultValue={own?.[`extension-${q.id}`]}
                      error={errors[`extension-${q.id}`]}
                      layout="vertical"
                    />
                    <TextField
                      name={`newDeadline-${q.id}`}
                      type="datetime-local"
                      label={t("extension.newDeadline")}
                      hint={t("extension.newDeadlineHint")}
                      defaultValue={own?.[`newDeadline-${q.id}`] ?? (q.extension ? toBerlinLocalInput(q.extension.proposed) : undefined)}
                      error={errors[`newDeadline-${q.id}`]}
                    />
                    <TextArea
                      name={`extensionReason-${q.id}`}
                      label={t("extension.reason")}
                      defaultValue={own?.[`extensionReason-${q.id}`]}
                      error={errors[`extensionReason-${q.id}`]}
                      rows={3}
                    />
                  </>
                ) : null}
                <SubmitButton label={t("answer.submit")} />
              </Form>
            </div>
          </section>
        );
      })}
    </div>
  );
}
