import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { DataTable } from "../components/data-table";
import { DescriptionList } from "../components/description-list";
import { ErrorSummary, SubmitButton } from "../components/form";
import { CallPageHeader } from "../components/page-header";
import { formatDate, formatDateTime, formatDay, formatNumber } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues } from "../infra/forms.server";
import { notFound, toResponse } from "../infra/http.server";
import { definitionOf } from "../procurement/authoring.server";
import { callIdBySlug } from "../procurement/call-admin.server";
import { followUpDates } from "../procurement/follow-up";
import { createFollowUpCall, followUpAllowed, uncoveredOfCall } from "../procurement/follow-up.server";

export const meta: MetaFunction = () => [{ title: "Folgeaufruf" }];

// Folgeaufruf (decision 0027): the uncovered FTE per lot with their arithmetic and what the
// draft will hold; the officer creates it in one step and continues in the editor.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const slug = params.slug ?? "";
  if (!(await callIdBySlug(slug))) notFound();
  const now = serverNow();
  try {
    const preview = await uncoveredOfCall({ slug, now });
    let dates = null;
    let problem: string | null = followUpAllowed(preview.call.status) ? null : t("followUp.refusal.notAwarded");
    const definition = problem ? null : await definitionOf(slug);
    try {
      if (preview.draft && definition) dates = followUpDates(definition.dates, now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      problem = refusalMessage(error, t, locale);
    }
    return { call: { slug, title: preview.call.title }, preview, dates, problem };
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") {
      return { call: { slug, title: (await definitionOf(slug))?.title ?? slug }, preview: null, dates: null, problem: refusalMessage(error, t, locale) };
    }
    return toResponse(error, request);
  }
}

const Create = z.object({ intent: z.literal("folgeaufruf") });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const callId = await callIdBySlug(params.slug ?? "");
  if (!callId) notFound();
  // The form's one field: an empty POST creates nothing.
  if (!Create.safeParse(formValues(await request.formData())).success) throw new Response("Bad Request", { status: 400 });
  try {
    const { slug } = await createFollowUpCall({ callId, officerUserId: user.id, now: serverNow() });
    return redirect(`/verwaltung/aufrufe/${slug}/bearbeiten`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND" && error.code !== "FORBIDDEN") {
      return data({ errors: refusalErrors(error, t, locale) }, { status: error.code === "INVALID" ? 400 : 409 });
    }
    return toResponse(error, request);
  }
}

export default function FollowUpPage() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const { call, preview, dates, problem } = loaded;
  // Two decimals, as the Stellenplan shows its arithmetic.
  const fte = (h: number) => formatNumber(h / 100, locale, 2);
  const day = preview ? formatDay(preview.day, locale) : "";
  const lots = preview?.result.lots ?? [];
  const sum = (pick: (l: (typeof lots)[number]) => number) => fte(lots.reduce((s, l) => s + pick(l), 0));
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("followUp.title")} />
      <ErrorSummary errors={result?.errors ?? {}} fieldOrder={[]} />
      {problem ? <p className="kern-body kern-body--bold">{problem}</p> : null}
      {preview ? (
        <>
          <p className="kern-body">{t("followUp.intro", { day })}</p>
          <DataTable
            id="ungedeckt"
            caption={t("followUp.caption", { day })}
            columns={[
              { label: t("followUp.col.lot"), rowHeader: true },
              { label: t("followUp.col.required"), numeric: true },
              { label: t("followUp.col.contracted"), numeric: true },
              { label: t("followUp.col.uncovered"), numeric: true },
            ]}
            rows={lots.map((l) => [
              t("followUp.lot", { number: l.number, role: l.roleName, region: l.regionName }),
              fte(l.requiredHundredths),
              fte(l.contractedHundredths),
              fte(l.uncoveredHundredths),
            ])}
            totals={{ label: t("followUp.total"), cells: [sum((l) => l.requiredHundredths), sum((l) => l.contractedHundredths), sum((l) => l.uncoveredHundredths)] }}
            striped
          />
          {preview.draft && dates && !problem ? (
            <section aria-labelledby="entwurf" className="stack">
              <h2 id="entwurf" className="kern-heading-medium">
                {t("followUp.draft.title")}
              </h2>
              <p className="kern-body">{t("followUp.draftIntro")}</p>
              <DescriptionList
                items={[
                  { label: t("followUp.draft.name"), value: preview.draft.title },
                  { label: t("followUp.draft.address"), value: `/aufrufe/${preview.draft.slug}` },
                  {
                    label: t("followUp.draft.lots"),
                    value: t("followUp.draft.lotsValue", { count: preview.result.uncovered.length, fte: fte(preview.result.totalUncoveredHundredths) }),
                  },
                  { label: t("followUp.draft.published"), value: formatDateTime(new Date(dates.published), locale) },
                  { label: t("call.dates.submissionDeadline"), value: formatDateTime(new Date(dates.submissionDeadline), locale) },
                  { label: t("call.dates.serviceStart"), value: formatDate(new Date(dates.serviceStart), locale) },
                  { label: t("call.dates.contractEnd"), value: formatDate(new Date(dates.contractEnd), locale) },
                ]}
              />
              <Form method="post">
                <input type="hidden" name="intent" value="folgeaufruf" />
                <SubmitButton label={t("followUp.create")} />
              </Form>
            </section>
          ) : !preview.draft ? (
            <p className="kern-body">{t("followUp.none")}</p>
          ) : null}
          {preview.followUps.length ? (
            <section aria-labelledby="folgeaufrufe" className="stack">
              <h2 id="folgeaufrufe" className="kern-heading-medium">
                {t("followUp.existing")}
              </h2>
              <ul className="kern-list">
                {preview.followUps.map((f) => (
                  <li key={f.id}>
                    <Link className="kern-link" to={`/verwaltung/aufrufe/${f.slug}`}>
                      {f.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
