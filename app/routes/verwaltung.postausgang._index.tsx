import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert } from "../components/alert";
import { WorkspaceHeader } from "../components/page-header";
import { DataTable } from "../components/data-table";
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
    entries: (await outboxForCity()).map((e) =>
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
      <WorkspaceHeader trail={[{ label: t("mail.outbox.title") }]} />
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
        <DataTable
          id="postausgang-tabelle"
          caption={t("mail.outbox.caption", { count: entries.length })}
          columns={[
            { label: t("mail.outbox.date") },
            { label: t("mail.outbox.to") },
            { label: t("mail.outbox.subject"), rowHeader: true },
            { label: t("mail.outbox.attachments") },
          ]}
          rows={entries.map((e) => [
            <time dateTime={e.createdAt.toISOString()}>{formatDateTime(e.createdAt, locale)}</time>,
            ...(e.sealed
              ? [null, t("mail.outbox.sealed"), null]
              : [
                  e.to.join(", "),
                  <Link className="kern-link" to={`/verwaltung/postausgang/${encodeURIComponent(e.id)}`}>
                    {e.subject}
                  </Link>,
                  e.attachmentCount,
                ]),
          ])}
        />
      )}
    </div>
  );
}
