import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CallPageHeader } from "../components/page-header";
import { DataTable } from "../components/data-table";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { toResponse } from "../infra/http.server";
import { loadCheckOverview } from "../evaluation/formal-check.server";

export const meta: MetaFunction = () => [{ title: "Formale Prüfung" }];

// The counting submissions of an opened call with the state of their formal check.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  try {
    return await loadCheckOverview({ officerUserId: user.id, callSlug: params.slug ?? "", now: serverNow() });
  } catch (error) {
    return toResponse(error, request);
  }
}

export default function FormalCheckOverview() {
  const { call, opened, rows } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const hub = `/verwaltung/aufrufe/${call.slug}`;
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("check.list.title")} />
      <p className="kern-body">{call.title}</p>
      {!opened ? (
        <>
          <p className="kern-body">{t("check.list.notOpened")}</p>
          <p>
            <Link className="kern-link" to={`${hub}/oeffnung`}>
              {t("check.list.toOpening")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="kern-body">{t("check.list.intro")}</p>
          <p>
            <Link className="kern-link" to={`${hub}/oeffnung`}>
              {t("check.list.record")}
            </Link>
          </p>
          {rows.length === 0 ? (
            <p className="kern-body">{t("check.list.none")}</p>
          ) : (
            <DataTable
              id="pruefung-tabelle"
              caption={t("check.list.caption")}
              columns={[
                { label: t("check.list.col.organisation") },
                { label: t("check.list.col.receipt") },
                { label: t("check.list.col.lots") },
                { label: t("check.list.col.progress") },
                { label: t("check.list.col.result") },
              ]}
              rows={rows.map((r) => [
                <Link className="kern-link" to={`${hub}/pruefung/${r.submissionId}`}>
                  {r.organisationName}
                </Link>,
                <>
                  {r.receiptNumber}
                  <br />
                  <span className="kern-body--small">{formatDateTimeSeconds(new Date(r.submittedAt), locale)}</span>
                </>,
                r.lots.map((l) => l.number).join(", "),
                <>
                  {t("check.list.progress", { recorded: r.progress.recorded, total: r.progress.total })}
                  <br />
                  <span className="kern-body--small">{t("check.list.progressGrounds", r.progress.grounds)}</span>
                  {r.openRequests > 0 ? (
                    <>
                      <br />
                      {t("check.list.openRequests", { count: r.openRequests })}
                    </>
                  ) : null}
                </>,
                <>
                  {r.fileMismatch ? (
                    <>
                      <strong className="kern-badge kern-badge--danger">
                        <span className="kern-label">{t("check.list.fileMismatch")}</span>
                      </strong>
                      <br />
                    </>
                  ) : null}
                  {r.excludedWhole ? (
                    <strong>{t("check.list.excluded")}</strong>
                  ) : r.progress.failed > 0 ? (
                    t("check.list.failed", { count: r.progress.failed })
                  ) : (
                    t("check.list.noneFailed")
                  )}
                  {!r.excludedWhole && r.excludedLots.length > 0 ? (
                    <>
                      <br />
                      {t("check.list.excludedLots", { lots: r.excludedLots.join(", ") })}
                    </>
                  ) : null}
                </>,
              ])}
            />
          )}
        </>
      )}
    </div>
  );
}
