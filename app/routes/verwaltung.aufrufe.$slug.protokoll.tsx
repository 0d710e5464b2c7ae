import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { CallPageHeader } from "../components/page-header";
import { DataTable } from "../components/data-table";
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
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const sealed = !(await isCallOpened(call.id));
  return { call: { slug: call.slug, title: call.title }, sealed, entries: await callAuditTrail(call.id, undefined, { sealed }) };
}

export default function AuditTrail() {
  const { call, entries, sealed } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("officer.auditTrail")} />
      <p className="kern-body">{t("officer.auditIntro")}</p>
      {sealed ? <p className="kern-body kern-body--bold">{t("officer.auditSealed")}</p> : null}
      <DataTable
        id="protokoll-tabelle"
        caption={t("officer.auditCaption", { count: entries.length })}
        small
        columns={[
          { label: "#" },
          { label: t("officer.auditTime") },
          { label: t("officer.auditActor") },
          { label: t("officer.auditAction") },
          { label: t("officer.auditDetails") },
        ]}
        rows={entries.map((e) => [
          e.seq,
          formatDateTime(e.at, locale),
          e.actorHidden ? t("officer.auditCarrier") : (e.actor ?? t("officer.auditSystem")),
          <code>{e.action}</code>,
          <code className="hash">
            {e.details}
          </code>,
        ])}
      />
    </div>
  );
}
