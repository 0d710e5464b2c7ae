import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert } from "../components/alert";
import { Breadcrumbs } from "../components/breadcrumbs";
import { formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { mailDelivery } from "../infra/mail.server";
import { outboxForCity } from "../submission/access.server";

export const meta: MetaFunction = () => [{ title: "Postausgang" }];

// The mail outbox: without SMTP_URL every mail of the portal lands here (DATA_DIR/outbox).
// A mail naming a bidder of an unopened call is listed by its time only (outboxForCity).
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  return {
    delivery: mailDelivery(),
    entries: outboxForCity().map((e) =>
      e.sealed
        ? { id: e.id, createdAt: e.createdAt, sealed: true as const }
        : { id: e.id, createdAt: e.createdAt, sealed: false as const, to: e.to, subject: e.subject, attachmentCount: e.attachments.length },
    ),
  };
}

export default function Outbox() {
  const { delivery, entries } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="stack">
      <Breadcrumbs items={[{ label: t("workspace.title"), to: "/verwaltung" }, { label: t("mail.outbox.title") }]} />
      <h1 className="kern-heading-x-large">{t("mail.outbox.title")}</h1>
      {delivery === "smtp" ? (
        <Alert tone="info" icon title={t("mail.outbox.smtpTitle")}>
          <p className="kern-body">{t("mail.outbox.smtp")}</p>
        </Alert>
      ) : (
        <p className="kern-body">{t("mail.outbox.intro")}</p>
      )}
      <p className="kern-body">{t("mail.outbox.sealedIntro")}</p>
      {entries.length === 0 ? (
        <p className="kern-body">{t("mail.outbox.none")}</p>
      ) : (
        <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="postausgang-tabelle">
          <table className="kern-table">
            <caption id="postausgang-tabelle">{t("mail.outbox.caption", { count: entries.length })}</caption>
            <thead className="kern-table__header">
              <tr className="kern-table__row">
                <th scope="col" className="kern-table__header">{t("mail.outbox.date")}</th>
                <th scope="col" className="kern-table__header">{t("mail.outbox.to")}</th>
                <th scope="col" className="kern-table__header">{t("mail.outbox.subject")}</th>
                <th scope="col" className="kern-table__header">{t("mail.outbox.attachments")}</th>
              </tr>
            </thead>
            <tbody className="kern-table__body">
              {entries.map((e) => (
                <tr key={e.id} className="kern-table__row">
                  <td className="kern-table__cell">
                    <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt, locale)}</time>
                  </td>
                  {e.sealed ? (
                    <>
                      <td className="kern-table__cell" />
                      <th scope="row" className="kern-table__cell">
                        {t("mail.outbox.sealed")}
                      </th>
                      <td className="kern-table__cell" />
                    </>
                  ) : (
                    <>
                      <td className="kern-table__cell">{e.to.join(", ")}</td>
                      <th scope="row" className="kern-table__cell">
                        <Link className="kern-link" to={`/verwaltung/postausgang/${encodeURIComponent(e.id)}`}>
                          {e.subject}
                        </Link>
                      </th>
                      <td className="kern-table__cell">{e.attachmentCount}</td>
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
