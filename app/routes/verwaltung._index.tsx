import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "../components/page-header";
import { DataTable } from "../components/data-table";
import { formatDateTime } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { listAllCalls } from "../procurement/calls.server";

export const meta: MetaFunction = () => [{ title: "Arbeitsbereich" }];

// The city's start page. For now it lists the calls; later steps add their tasks here.
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await requireUser(request);
  // The administrator's workspace is the account list (the breadcrumb "Arbeitsbereich" leads there).
  if (signedIn.role === "administrator") throw redirect("/verwaltung/konten");
  const user = await requireUser(request, { roles: ["officer", "evaluator"] });
  return { user: { name: user.name, role: user.role }, calls: await listAllCalls() };
}

export default function Workspace() {
  const { user, calls } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("workspace.title") }]} />
      <p className="kern-body">
        {t("workspace.intro", { name: user.name, role: t(`role.${user.role}` as MessageKey) })}
      </p>
      {user.role === "officer" ? (
        <ul className="kern-list">
          <li>
            <Link className="kern-link" to="/verwaltung/aufrufe/neu">
              {t("workspace.newCall")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to="/verwaltung/fragen">
              {t("nav.questions")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to="/verwaltung/postausgang">
              {t("nav.outbox")}
            </Link>
          </li>
        </ul>
      ) : (
        <ul className="kern-list">
          <li>
            <Link className="kern-link" to="/bewertung">
              {t("eval.mine.title")}
            </Link>
          </li>
        </ul>
      )}
      <DataTable
        id="aufrufe-tabelle"
        caption={t("workspace.calls")}
        columns={[{ label: t("workspace.calls") }, { label: t("workspace.status") }, { label: t("workspace.deadline") }]}
        rows={calls.map((c) => [
          <>
            {user.role === "officer" ? (
              <Link className="kern-link" to={`/verwaltung/aufrufe/${c.slug}`}>
                {c.title}
              </Link>
            ) : c.status === "draft" ? (
              c.title
            ) : (
              <Link className="kern-link" to={`/aufrufe/${c.slug}`}>
                {c.title}
              </Link>
            )}
            {c.isDemo ? <> <span className="kern-badge kern-badge--warning">{t("home.demoTag")}</span></> : null}
          </>,
          t(`status.${c.status}` as MessageKey),
          formatDateTime(c.dates.submissionDeadline, locale),
        ])}
      />
    </div>
  );
}
