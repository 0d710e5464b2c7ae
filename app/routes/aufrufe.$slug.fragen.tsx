import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "../components/breadcrumbs";
import { DemoBanner } from "../components/demo-banner";
import { formatDate, formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { isQuestionWindowOpen } from "../procurement/call-view";
import { listPublishedQuestions } from "../procurement/questions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Fragen und Antworten – ${data.call.title}` : "Nicht gefunden" },
];

export async function loader({ params }: LoaderFunctionArgs) {
  const view = loadCallView(params.slug ?? "");
  if (!view) notFound();
  const { id, slug, title, isDemo, dates, status, texts } = view;
  return {
    call: { slug, title, isDemo, questionDeadline: dates.questionDeadline, questionRules: texts.questionRules },
    questionsOpen: isQuestionWindowOpen({ status, dates }, new Date()),
    questions: listPublishedQuestions(id),
  };
}

export default function QuestionsPage() {
  const { call, questions, questionsOpen } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
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
      <section aria-labelledby="regeln">
        <h2 id="regeln" className="kern-heading-medium">
          {t("questions.rules")}
        </h2>
        {call.questionRules.map((r, i) => (
          <p key={i} className="kern-body">
            {r}
          </p>
        ))}
      </section>
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
      <p>
        <Link className="kern-link" to={`/aufrufe/${call.slug}`}>
          {t("questions.back")}
        </Link>
      </p>
    </div>
  );
}
