import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../components/alert";
import { DataTable } from "../components/data-table";
import { SubmitButton } from "../components/form";
import { CallPageHeader } from "../components/page-header";
import { Section } from "../components/section";
import { adjustmentView, approveAdjustment, proposeAdjustment, type ProposedLot } from "../contracts/adjustments.server";
import type { Locale, MessageKey, Translate } from "../i18n";
import { formatDate, formatDateTime, formatDay } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now } from "../infra/clock.server";
import { DomainError, type Refusal } from "../infra/errors";
import { notFound } from "../infra/http.server";
import { loadCallView } from "../procurement/calls.server";
import { fteText } from "../staffing/plan-text";

export const meta: MetaFunction = () => [{ title: "Nachsteuerung" }];

// Nachsteuerung (decision 0026): the proposal the latest figures call for, with its
// arithmetic; one officer proposes, a second approves; the state of each change letter.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  return { call: { id: call.id, slug: call.slug, title: call.title, terms: call.contractTerms }, userId: user.id, view: await adjustmentView(call.id, now()) };
}

const Intent = z.discriminatedUnion("intent", [z.object({ intent: z.literal("propose") }), z.object({ intent: z.literal("approve"), adjustmentId: z.string().min(1) })]);

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const call = await loadCallView(params.slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  const parsed = Intent.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ error: "Unbekannte Aktion" }, { status: 400 });
  const { t, locale } = await getTranslator(request);
  const base = `/verwaltung/aufrufe/${call.slug}/nachsteuerung`;
  try {
    if (parsed.data.intent === "propose") {
      await proposeAdjustment({ officerUserId: user.id, callId: call.id, now: now() });
      return redirect(`${base}?erstellt=1`);
    }
    const sent = await approveAdjustment({ officerUserId: user.id, callId: call.id, adjustmentId: parsed.data.adjustmentId, now: now() });
    return redirect(`${base}?versandt=${sent.amendments}`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") return data({ error: refusalMessage(error, t, locale) }, { status: error.code === "FORBIDDEN" ? 403 : 409 });
    throw error;
  }
}

type LotData = ReturnType<typeof useLoaderData<typeof loader>>["view"]["approved"][number]["lots"][number];

function LotTable({ lot, t, locale, states }: { lot: LotData | ProposedLot; t: Translate; locale: Locale; states?: Map<string, string> }) {
  return (
    <Section level={3} className="stack" title={lot.label}>
      <DataTable
        caption={t("adjustment.caption", { number: lot.number })}
        small
        columns={[
          { label: t("adjustment.col.contract"), rowHeader: true },
          { label: t("adjustment.col.carrier") },
          { label: t("adjustment.col.rank"), numeric: true },
          { label: t("adjustment.col.before"), numeric: true },
          { label: t("adjustment.col.after"), numeric: true },
          { label: t("adjustment.col.change"), numeric: true },
          { label: t("adjustment.col.corridor") },
          ...(states ? [{ label: t("adjustment.col.state") }] : []),
        ]}
        rows={lot.changes.map((c) => [
          c.number,
          lot.carrierNames[c.organisationId] ?? "–",
          String(c.rank),
          fteText(c.beforeHundredths, locale),
          fteText(c.afterHundredths, locale),
          `${c.changeHundredths > 0 ? "+" : c.changeHundredths < 0 ? "−" : "±"} ${fteText(Math.abs(c.changeHundredths), locale)}`,
          t("adjustment.corridorValue", { min: fteText(c.minHundredths, locale), max: fteText(c.maxHundredths, locale) }),
          ...(states ? [states.get(c.contractId) ?? "–"] : []),
        ])}
      />
      {lot.uncoveredHundredths > 0 ? <p className="kern-body">{t("adjustment.uncovered", { fte: fteText(lot.uncoveredHundredths, locale) })}</p> : null}
      {lot.surplusHundredths > 0 ? <p className="kern-body">{t("adjustment.surplus", { fte: fteText(lot.surplusHundredths, locale) })}</p> : null}
      <details>
        <summary className="kern-link">{t("adjustment.arithmetic")}</summary>
        <ol className="kern-list">
          {lot.trail.map((step, i) => (
            <li key={i}>{refusalMessage(step as Refusal, t, locale)}</li>
          ))}
        </ol>
      </details>
    </Section>
  );
}

export default function AdjustmentPage() {
  const { call, userId, view } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t, locale } = useTranslation();
  const { live, open } = view;
  const beyond = (lots: (LotData | ProposedLot)[]) => lots.filter((l) => l.beyondTolerance);
  const status = (s: string) => t(`amendment.status.${s}` as MessageKey);
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("adjustment.title")} />
      <p className="kern-body">{t("adjustment.intro", { percent: call.terms.adjustmentTolerancePercent, bounds: live?.boundsPercent ?? call.terms.adjustmentBoundsPercent })}</p>
      {search.get("erstellt") && !result ? <Alert tone="success" role="status" icon titleAs="h2" title={t("adjustment.done")} /> : null}
      {search.get("versandt") && !result ? <Alert tone="success" role="status" icon titleAs="h2" title={t("adjustment.sent", { count: search.get("versandt")! })} /> : null}
      {result?.error ? <Alert tone="danger" icon titleAs="h2" title={result.error} /> : null}
      {view.problem ? <Alert tone="warning" icon titleAs="h2" title={refusalMessage(view.problem as Refusal, t, locale)} /> : null}

      {open ? (
        <Section level={2} className="stack" title={t("adjustment.open")} id="offener-vorschlag">
          <p className="kern-body">
            {t("adjustment.figures", { date: formatDate(new Date(open.figuresAsOf), locale) })}. {t("adjustment.proposed", { name: open.proposedBy, date: formatDateTime(new Date(open.proposedAt), locale) })}
          </p>
          {live ? <p className="kern-body">{t("adjustment.effective", { days: view.noticeDays, day: formatDay(live.effectiveIfApprovedNow, locale) })}</p> : null}
          {beyond(open.lots).map((lot) => (
            <LotTable key={lot.lotId} lot={lot} t={t} locale={locale} />
          ))}
          {open.proposedByUserId === userId ? (
            <p className="kern-body">{t("adjustment.fourEyes")}</p>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="approve" />
              <input type="hidden" name="adjustmentId" value={open.id} />
              <SubmitButton label={t("adjustment.approve")} />
            </Form>
          )}
        </Section>
      ) : null}

      {live ? (
        <Section level={2} className="stack" title={t("adjustment.live")} id="vorschlag">
          <p className="kern-body">{t("adjustment.figures", { date: formatDate(new Date(live.figuresAsOf), locale) })}</p>
          {live.awaiting.length ? <p className="kern-body">{t("adjustment.awaiting", { lots: live.awaiting.map((l) => l.label).join("; ") })}</p> : null}
          {live.hasChanges ? (
            <>
              {open ? null : <p className="kern-body">{t("adjustment.effective", { days: view.noticeDays, day: formatDay(live.effectiveIfApprovedNow, locale) })}</p>}
              {beyond(live.lots).map((lot) => (
                <LotTable key={lot.lotId} lot={lot} t={t} locale={locale} />
              ))}
              <Form method="post">
                <input type="hidden" name="intent" value="propose" />
                <SubmitButton kind={open ? "secondary" : "primary"} label={t("adjustment.propose")} />
              </Form>
            </>
          ) : (
            <p className="kern-body">{t("adjustment.none")}</p>
          )}
        </Section>
      ) : null}

      <Section level={2} className="stack" title={t("adjustment.declined")} id="abgelehnt">
        {view.declined.length ? (
          <>
            <p className="kern-body">{t("adjustment.declined.intro")}</p>
            <ul className="kern-list">
              {view.declined.map((a) => (
                <li key={a.id}>
                  {t("adjustment.declined.item", {
                    lot: a.lotNumber,
                    number: a.contractNumber,
                    carrier: a.organisationName,
                    before: fteText(a.fteBeforeHundredths, locale),
                    after: fteText(a.fteAfterHundredths, locale),
                    // A lapsed letter has no answer: its state says why nothing changed.
                    answer: a.decidedAt ? t("amendment.answered", { status: status(a.state), name: a.decidedByName ?? "–", date: formatDateTime(new Date(a.decidedAt), locale) }) : status(a.state),
                  })}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="kern-body">{t("adjustment.declined.none")}</p>
        )}
      </Section>

      {view.approved.length ? (
        <Section level={2} className="stack" title={t("adjustment.history")} id="freigegeben">
          {view.approved.map((a) => {
            const states = new Map(a.amendments.map((m) => [m.contractId, status(m.state)]));
            return (
              <div key={a.id} className="stack">
                <p className="kern-body">
                  {t("adjustment.figures", { date: formatDate(new Date(a.figuresAsOf), locale) })}. {t("adjustment.proposed", { name: a.proposedBy, date: formatDateTime(new Date(a.proposedAt), locale) })}.{" "}
                  {t("adjustment.approved", { name: a.approvedBy ?? "–", date: a.approvedAt ? formatDateTime(new Date(a.approvedAt), locale) : "–", day: a.effectiveFrom ? formatDay(a.effectiveFrom, locale) : "–" })}
                </p>
                {beyond(a.lots).map((lot) => (
                  <LotTable key={lot.lotId} lot={lot} t={t} locale={locale} states={states} />
                ))}
              </div>
            );
          })}
        </Section>
      ) : null}

      <p>
        <Link className="kern-link" to={`/verwaltung/aufrufe/${call.slug}/stellenplan`}>
          {t("staffing.links.plan")}
        </Link>
      </p>
    </div>
  );
}
