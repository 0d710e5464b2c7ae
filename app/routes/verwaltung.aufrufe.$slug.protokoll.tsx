import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs } from "../components/breadcrumbs";
import { formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { notFound } from "../infra/http.server";
import { callAuditTrail, isCallOpened } from "../procurement/call-admin.server";
import { loadCallView } from "../procurement/calls.server";

export const meta: MetaFunction = () => [{ title: "Verfahrensprotokoll" }];

// Who did what, when (server time), on this call: the audit trail, append-only and chained.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const sealed = !isCallOpened(call.id);
  return { call: { slug: call.slug, title: call.title }, sealed, entries: callAuditTrail(call.id, undefined, { sealed }) };
}

export default function AuditTrail() {
  const { call, entries, sealed } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="stack">
      <Breadcrumbs
        items={[
          { label: t("workspace.title"), to: "/verwaltung" },
          { label: call.title, to: `/verwaltung/aufrufe/${call.slug}` },
          { label: t("officer.auditTrail") },
        ]}
      />
      <h1 className="kern-heading-x-large">{t("officer.auditTrail")}</h1>
      <p className="kern-body">{t("officer.auditIntro")}</p>
      {sealed ? <p className="kern-body kern-body--bold">{t("officer.auditSealed")}</p> : null}
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="protokoll-tabelle">
        <table className="kern-table kern-table--small">
          <caption id="protokoll-tabelle">{t("officer.auditCaption", { count: entries.length })}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">#</th>
              <th scope="col" className="kern-table__header">{t("officer.auditTime")}</th>
              <th scope="col" className="kern-table__header">{t("officer.auditActor")}</th>
              <th scope="col" className="kern-table__header">{t("officer.auditAction")}</th>
              <th scope="col" className="kern-table__header">{t("officer.auditDetails")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {entries.map((e) => (
              <tr key={e.seq} className="kern-table__row">
                <td className="kern-table__cell">{e.seq}</td>
                <td className="kern-table__cell">{formatDateTime(e.at, locale)}</td>
                <td className="kern-table__cell">{e.actorHidden ? t("officer.auditCarrier") : (e.actor ?? t("officer.auditSystem"))}</td>
                <td className="kern-table__cell">
                  <code>{e.action}</code>
                </td>
                <td className="kern-table__cell">
                  <code className="hash">{e.details}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
