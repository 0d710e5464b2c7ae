import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { WorkspaceHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { callsOfEvaluator } from "../evaluation/assessment.server";

export const meta: MetaFunction = () => [{ title: "Bewertung" }];

// The evaluator's start: the calls in which they have lots to evaluate.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  return { calls: await callsOfEvaluator(user.id) };
}

export default function EvaluatorCalls() {
  const { calls } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <WorkspaceHeader trail={[{ label: t("eval.mine.title") }]} />
      <p className="kern-body">{t("eval.mine.intro")}</p>
      {calls.length === 0 ? (
        <p className="kern-body">{t("eval.mine.none")}</p>
      ) : (
        <ul className="kern-list call-list">
          {calls.map((c) => (
            <li key={c.slug}>
              <Link className="kern-link" to={`/bewertung/${c.slug}`}>
                {c.title}
              </Link>
              <p className="kern-body--small">
                {t("eval.mine.lots", { lots: c.lotNumbers.join(", ") })} · {t(`status.${c.status}` as MessageKey)}
                {c.opened ? "" : ` · ${t("eval.mine.notOpened")}`}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
