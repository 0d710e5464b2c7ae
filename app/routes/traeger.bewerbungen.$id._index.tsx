import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ApplicationStatusBanner } from "../components/application-status";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ChangesSinceStart } from "../components/changes-since-start";
import { DemoBanner } from "../components/demo-banner";
import { MissingList } from "../components/missing-list";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { toResponse } from "../infra/http.server";
import { changesSinceApplicationStarted } from "../procurement/changes-since.server";
import { loadApplication, missingForApplication, selectLots } from "../submission/applications.server";
import { formatFte } from "../submission/rules";
import { now as serverNow } from "../infra/clock.server";
import { Checkbox, ErrorSummary, SubmitButton } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { DomainError } from "../infra/errors";
import { tandemLots } from "../procurement/tandem";
import { Section } from "../components/section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Interessenbekundung – ${data.application.call.title}` : "Interessenbekundung" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const application = await loadApplication({ actor, applicationId: params.id ?? "", now: serverNow() });
    const since = await changesSinceApplicationStarted({ organisationId: actor.organisationId, applicationId: application.id });
    return { application, missing: missingForApplication(application), since };
  } catch (error) {
    return toResponse(error, request);
  }
}

const LotSelection = z.object({ lots: z.array(z.string()), tandem: z.array(z.string()) });

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const form = await request.formData();
  // Choosing no lot removes every lot bid of the working copy: only the form's own post
  // (with its intent) may do that, never a stray or empty one. Another carrier's
  // application stays a 404 either way.
  if (form.get("intent") !== "lose") {
    try {
      await loadApplication({ actor, applicationId: params.id ?? "", now: serverNow() });
    } catch (error) {
      return toResponse(error, request);
    }
    throw new Response("Bad Request", { status: 400 });
  }
  const parsed = LotSelection.safeParse({ lots: form.getAll("lots"), tandem: form.getAll("tandem") });
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  try {
    await selectLots({ actor, applicationId: params.id ?? "", lotIds: parsed.data.lots, tandemRegions: parsed.data.tandem, now: serverNow() });
  } catch (error) {
    // A pair offer without both lots: said next to the pair's box; the choice as posted stays.
    if (error instanceof DomainError && error.key === "application.tandemNeedsBothLots") {
      const { t, locale } = await getTranslator(request);
      const { call } = await loadApplication({ actor, applicationId: params.id ?? "", now: serverNow() });
      const posted = parsed.data;
      const region = tandemLots(call).find((x) => posted.tandem.includes(x.regionCode) && !x.lotIds.every((id) => posted.lots.includes(id)))?.regionCode ?? "";
      return data({ errors: refusalErrors(error, t, locale, `tandem-${region}`), posted: parsed.data }, { status: 400 });
    }
    return toResponse(error, request);
  }
  return redirect(`/traeger/bewerbungen/${params.id}#lose`);
}

export default function ApplicationOverview() {
  const { application: a, missing, since } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const base = `/traeger/bewerbungen/${a.id}`;
  const chosen = new Map(a.draft.lots.map((l) => [l.lotId, l]));
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  // After a refused post the boxes show what was posted, not what is stored.
  const checkedLots = new Set(result?.posted?.lots ?? chosen.keys());
  const pairedRegions = new Set(result?.posted?.tandem ?? a.tandemRegions);
  const tandems = tandemLots(a.call);
  return (
    <div className="stack">
      <Breadcrumbs items={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("application.title") }]} />
      {a.call.isDemo ? <DemoBanner /> : null}
      <p className="kern-preline">{a.organisation.name}</p>
      <h1 className="kern-heading-x-large">{t("application.title")}</h1>
      <p className="kern-body--large">
        <Link className="kern-link" to={`/aufrufe/${a.call.slug}`}>
          {a.call.title}
        </Link>
      </p>
      <ApplicationStatusBanner
        status={a.status}
        latest={a.latestSubmission}
        changedSinceSubmission={a.changedSinceSubmission}
        editable={a.editable}
        deadline={a.call.dates.submissionDeadline}
      />
      <ChangesSinceStart
        callSlug={a.call.slug}
        startedAt={since.startedAt}
        changes={since.changes}
        mayReviseUntil={a.status === "submitted" && a.editable ? a.call.dates.submissionDeadline : null}
      />
      <MissingList applicationId={a.id} items={missing} />

      <section aria-labelledby="lose-titel" id="lose">
        <h2 id="lose-titel" className="kern-heading-large">
          {t("application.lots")}
        </h2>
        <p className="kern-body">
          {a.call.maxLotsPerCarrier ? t("call.lots.cap", { count: a.call.maxLotsPerCarrier }) : t("application.lotsIntro")}
        </p>
        <ErrorSummary errors={errors} fieldOrder={tandems.map((x) => `tandem-${x.regionCode}`)} />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="lose" />
          <fieldset className="kern-fieldset" disabled={!a.editable}>
            <legend className="kern-label">{t("application.chooseLots")}</legend>
            <div className="kern-fieldset__body stack">
            {a.call.regions.map((region) => (
              <div key={region.id} className="stack">
                <h3 className="kern-heading-small">{region.name}</h3>
                {a.call.lots
                  .filter((l) => l.regionCode === region.code)
                  .map((lot) => (
                    <Checkbox
                      key={lot.id}
                      id={`los-${lot.number}`}
                      name="lots"
                      value={lot.id}
                      label={t("application.lotLabel", { number: lot.number, role: lot.roleName, region: lot.regionName })}
                      defaultChecked={checkedLots.has(lot.id)}
                    />
                  ))}
                {tandems
                  .filter((x) => x.regionCode === region.code)
                  .map((x) => (
                    <Checkbox
                      key={`tandem-${x.regionCode}`}
                      id={`tandem-${x.regionCode}`}
                      name="tandem"
                      value={x.regionCode}
                      label={t("application.tandem", { first: x.roleNames[0], partner: x.roleNames[1], region: x.regionName })}
                      hint={t("application.tandemHint")}
                      error={errors[`tandem-${x.regionCode}`]}
                      defaultChecked={pairedRegions.has(x.regionCode)}
                    />
                  ))}
              </div>
            ))}
            </div>
          </fieldset>
          {a.editable ? (
            <SubmitButton kind="secondary" label={t("application.saveLots")} />
          ) : null}
        </Form>
      </section>

      {a.draft.lots.length ? (
        <Section id="gewaehlte-lose" level={2} title={t("application.chosenLots")}>
          <ul className="kern-list">
            {a.call.lots
              .filter((l) => chosen.has(l.id))
              .map((lot) => {
                const bid = chosen.get(lot.id)!;
                const fte = bid.posts.reduce((s, p) => s + p.fteHundredths, 0);
                return (
                  <li key={lot.id}>
                    <Link className="kern-link" to={`${base}/lose/${lot.id}`}>
                      {t("application.lotLabel", { number: lot.number, role: lot.roleName, region: lot.regionName })}
                    </Link>{" "}
                    – {t(bid.posts.length === 1 ? "application.lotSummaryOne" : "application.lotSummary", { posts: bid.posts.length, fte: formatFte(fte) })}
                  </li>
                );
              })}
          </ul>
        </Section>
      ) : null}

      <Section id="weiter" level={2} title={t("application.next")}>
        <ul className="kern-list">
          <li>
            <Link className="kern-link" to={`${base}/unterlagen`}>
              {t("application.documents")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/erklaerungen`}>
              {t("declaration.link")}
            </Link>
          </li>
          <li>
            <Link className="kern-link" to={`${base}/einreichen`}>
              {t("application.toSubmit")}
            </Link>
          </li>
        </ul>
      </Section>
    </div>
  );
}
