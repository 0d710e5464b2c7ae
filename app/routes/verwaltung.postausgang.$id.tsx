import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { WorkspaceHeader } from "../components/page-header";
import { formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { notFound } from "../infra/http.server";
import { withoutOneTimeLinks } from "../infra/mail.server";
import { outboxMessageForCity } from "../submission/access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: !data ? "Nicht gefunden" : data.sealed ? "Postausgang – versiegelt" : `Postausgang – ${data.message.subject}` },
];

// One message of the outbox: its headers, its text and the names of its attachments; a
// message sealed until its call's opening (outboxForCity) only says so, with its time.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const entry = await outboxMessageForCity(params.id ?? "");
  if (!entry) notFound();
  if (entry.sealed) return { sealed: true as const, createdAt: entry.createdAt };
  const { sealed, sealedUntilOpeningOf: _call, ...message } = entry;
  return { sealed, message: { ...message, text: withoutOneTimeLinks(message.text) } };
}

export default function OutboxMessagePage() {
  const data = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const createdAt = data.sealed ? data.createdAt : data.message.createdAt;
  const date = (
    <div className="kern-description-list-item">
      <dt className="kern-description-list-item__key">{t("mail.message.date")}</dt>
      <dd className="kern-description-list-item__value">
        <time dateTime={createdAt.toISOString()}>{formatDateTime(createdAt, locale)}</time>
      </dd>
    </div>
  );
  return (
    <div className="stack">
      <WorkspaceHeader
        trail={[{ label: t("mail.outbox.title"), to: "/verwaltung/postausgang" }, { label: data.sealed ? t("mail.outbox.sealed") : data.message.subject }]}
        title={data.sealed ? t("mail.message.sealedTitle") : t("mail.message.title", { subject: data.message.subject })}
      />
      {data.sealed ? (
        <>
          <p className="kern-body">{t("mail.message.sealed")}</p>
          <dl className="kern-description-list">{date}</dl>
        </>
      ) : (
        <OutboxMessage message={data.message} date={date} />
      )}
      <p className="kern-body">
        <Link className="kern-link" to="/verwaltung/postausgang">
          {t("mail.message.back")}
        </Link>
      </p>
    </div>
  );
}

type Message = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { sealed: false }>["message"];

/** Headers (`date` first), text and attachment names of a message that is not sealed. */
function OutboxMessage({ message, date }: { message: Message; date: React.ReactNode }) {
  const { t } = useTranslation();
  const paragraphs = message.text.replace(/\r\n/g, "\n").trimEnd().split(/\n{2,}/);
  return (
    <>
      <section aria-labelledby="kopfzeilen">
        <h2 id="kopfzeilen" className="kern-heading-medium">
          {t("mail.message.headers")}
        </h2>
        <dl className="kern-description-list">
          {date}
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("mail.message.from")}</dt>
            <dd className="kern-description-list-item__value">{message.from}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("mail.message.to")}</dt>
            <dd className="kern-description-list-item__value">{message.to.join(", ")}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("mail.message.subject")}</dt>
            <dd className="kern-description-list-item__value">{message.subject}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("mail.message.languages")}</dt>
            <dd className="kern-description-list-item__value">
              {message.languages
                .map((l, i) => t(i === 0 ? "mail.message.binding" : "mail.message.translation", { language: t(`letters.language.${l}`) }))
                .join(", ")}
            </dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("mail.message.messageId")}</dt>
            <dd className="kern-description-list-item__value">{message.messageId}</dd>
          </div>
          <div className="kern-description-list-item">
            <dt className="kern-description-list-item__key">{t("mail.message.file")}</dt>
            <dd className="kern-description-list-item__value">outbox/{message.id}.eml</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="text">
        <h2 id="text" className="kern-heading-medium">
          {t("mail.message.body")}
        </h2>
        {paragraphs.map((paragraph, i) => (
          <p key={i} className="kern-body">
            {paragraph.split("\n").map((line, j) => (
              <span key={j}>
                {j > 0 ? <br /> : null}
                {line}
              </span>
            ))}
          </p>
        ))}
      </section>

      <section aria-labelledby="anhaenge">
        <h2 id="anhaenge" className="kern-heading-medium">
          {t("mail.message.attachments")}
        </h2>
        {message.attachments.length === 0 ? (
          <p className="kern-body">{t("mail.message.noAttachments")}</p>
        ) : (
          <ul className="kern-list">
            {message.attachments.map((name, i) => (
              <li key={i}>{name}</li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
