import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { LinkParagraph } from "../components/links";
import { ApplicationStatusBanner } from "../components/application-status";
import { PageHeader } from "../components/page-header";
import { Checkbox, ErrorSummary, FileField, Select, SubmitButton, TextArea, TextField } from "../components/form";
import { UploadedFile } from "../components/uploaded-file";
import { UploadForm } from "../components/upload-form";
import { Section } from "../components/section";
import { formatFteHundredths, formatNumber } from "../i18n/format";
import type { MessageKey } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { DomainError } from "../infra/errors";
import { formValues } from "../infra/forms.server";
import { notFound, toResponse } from "../infra/http.server";
import { MAX_UPLOAD_BYTES, parseUploadForm } from "../infra/uploads.server";
import { readUploadResult, uploadResult } from "../infra/upload-result.server";
import { applicationHeading, attachUploadedFile, detachFile, loadApplication, saveLotBid, sealForApplication } from "../submission/applications.server";
import { parseLotBidForm, lotBidFormValues, payGroupOptions, POST_FIELDS } from "../submission/lot-bid-form";
import { postExtent } from "../submission/post-extent";
import { costTotals, fullTimeHoursHundredths, termMonths } from "../submission/rules";
import { criteriaServedBy, sectionsOfRole } from "../procurement/standards";
import { now as serverNow } from "../infra/clock.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Los ${data.lot.number}: ${data.lot.roleName} – ${data.lot.regionName}` : "Los" },
];

async function load(actor: { userId: string; organisationId: string }, applicationId: string, lotId: string) {
  const application = await loadApplication({ actor, applicationId, now: serverNow() });
  const lot = application.call.lots.find((l) => l.id === lotId);
  const bid = application.draft.lots.find((l) => l.lotId === lotId);
  if (!lot || !bid) notFound();
  return { application, lot, bid };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const { application, lot, bid } = await load(actor, params.id ?? "", params.lotId ?? "");
    const role = application.call.roles.find((r) => r.code === lot.roleCode)!;
    const months = termMonths(application.call.dates.serviceStart, application.call.dates.contractEnd);
    const upload = await readUploadResult(request);
    return data({
      uploadErrors: upload.errors,
      application: applicationHeading(application),
      lot,
      role,
      payScale: application.call.payScale,
      // The role's sections, each with the criteria that score it (the carrier writes to them).
      sections: sectionsOfRole(application.call.conceptSections, lot.roleCode).map((s) => ({
        ...s,
        criteria: criteriaServedBy(s.code, application.call.criteria, lot.roleCode).map((c) => ({ name: c.name, weightPercent: c.weightPercent })),
      })),
      bid,
      values: lotBidFormValues(bid, fullTimeHoursHundredths(application.call.payScale)),
      fullTimeHours: fullTimeHoursHundredths(application.call.payScale),
      totals: bid.costPlan ? costTotals(bid.costPlan, bid.posts, months) : null,
      maxUploadMb: Math.floor(MAX_UPLOAD_BYTES / (1024 * 1024)),
    }, { headers: upload.headers });
  } catch (error) {
    return toResponse(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const applicationId = params.id ?? "";
  const lotId = params.lotId ?? "";
  const now = serverNow();
  const back = `/traeger/bewerbungen/${applicationId}/lose/${lotId}`;
  try {
    if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
      await load(actor, applicationId, lotId); // ownership before any byte is stored
      const { uploads } = await parseUploadForm(request, {
        fileFields: ["konzeptdatei"],
        maxBytesPerFile: MAX_UPLOAD_BYTES,
        seal: await sealForApplication({ actor, applicationId }), // encrypted before it is stored
      });
      const upload = uploads[0];
      const fileAnchor = `${back}#feld-konzeptdatei`;
      if (!upload) return uploadResult(request, fileAnchor, { konzeptdatei: t("upload.noFile") });
      if (!upload.ok) return uploadResult(request, fileAnchor, { konzeptdatei: refusalMessage(upload.refusal, t, locale) });
      try {
        await attachUploadedFile({ actor, applicationId, target: { lotId }, upload: upload.file, originalName: upload.fileName, now });
      } catch (error) {
        // A limit of the application (files, bytes): shown at the field like a refused file.
        if (!(error instanceof DomainError && error.code === "INVALID")) throw error;
        return uploadResult(request, fileAnchor, { konzeptdatei: refusalMessage(error, t, locale) });
      }
      return uploadResult(request, `${back}?hochgeladen=1#feld-konzeptdatei`);
    }
    const form = await request.formData();
    const values = formValues(form);
    if (values.intent === "detach") {
      await detachFile({ actor, applicationId, fileId: values.fileId ?? "", now });
      return redirect(`${back}#feld-konzeptdatei`);
    }
    const { application, lot } = await load(actor, applicationId, lotId);
    // Saving replaces the lot bid's working copy with what was sent: only the form's own post
    // (with its intent) may do that, never a stray or empty one.
    if (values.intent !== "save") throw new Response("Bad Request", { status: 400 });
    const parsed = parseLotBidForm(values, sectionsOfRole(application.call.conceptSections, lot.roleCode), fullTimeHoursHundredths(application.call.payScale));
    if (!parsed.ok) {
      const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, key]) => [k, t(key as MessageKey, parsed.params[k])]));
      return data({ errors, values }, { status: 400 });
    }
    const result = await saveLotBid({ actor, applicationId, lotId, input: parsed.input, now });
    if (result.postProblems.length) {
      const errors = Object.fromEntries(
        result.postProblems.map((p) => [
          `stelle-${parsed.rowOf[p.index]}-${p.field}`,
          t(p.problem as MessageKey, { ...p.params, post: parsed.rowOf[p.index] + 1 }),
        ]),
      );
      return data({ errors, values }, { status: 400 });
    }
    return redirect(`${back}?gespeichert=1`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale), values: null }, { status: 409 });
    }
    return toResponse(error, request);
  }
}

export default function LotBidEditor() {
  const { application: a, lot, role, payScale, sections, bid, values: saved, fullTimeHours, totals, maxUploadMb, uploadErrors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const actionResult = result && "errors" in result ? result : undefined;
  const errors: Record<string, string | undefined> = { ...uploadErrors, ...(actionResult?.errors ?? {}) };
  const v: Record<string, string> = actionResult?.values ?? saved;
  const rows = Math.max(...Object.keys(v).map((k) => Number(/^stelle-(\d+)-/.exec(k)?.[1] ?? -1)), -1) + 2;
  const euro = (cents: number) => `${formatNumber(cents / 100, locale, 2)} €`;
  const base = `/traeger/bewerbungen/${a.id}`;
  const fieldOrder = [
    "_form",
    ...sections.map((s) => `konzept-${s.code}`),
    ...Array.from({ length: rows }, (_, i) => POST_FIELDS.map((f) => `stelle-${i}-${f}`)).flat(),
    "kosten-personal",
    "kosten-sach",
    "kosten-gemein",
    "konzeptdatei",
  ];
  return (
    <div className="stack">
      <PageHeader
        trail={[
          { label: t("dashboard.title"), to: "/traeger" },
          { label: t("application.title"), to: base },
          { label: t("lot.title", { number: lot.number }) },
        ]}
        title={t("application.lotLabel", { number: lot.number, role: lot.roleName, region: lot.regionName })}
      />
      <p className="kern-body">{a.callTitle}</p>
      <ApplicationStatusBanner
        status={a.status}
        latest={a.latestSubmission}
        changedSinceSubmission={a.changedSinceSubmission}
        editable={a.editable}
        deadline={a.deadline}
      />
      <ErrorSummary errors={errors} fieldOrder={fieldOrder} />

      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value="save" />
        <fieldset className="kern-fieldset" disabled={!a.editable}>
          <legend className="kern-heading-large">{t("lot.concept")}</legend>
          <div className="stack">
            <p className="kern-body">{t("lot.conceptIntro")}</p>
            {sections.map((s) => (
              <TextArea
                key={s.code}
                name={`konzept-${s.code}`}
                label={s.title}
                hint={`${s.guidance} (${t("call.concept.maxChars", { count: formatNumber(s.maxChars, locale) })}) ${t("lot.sectionServes", {
                  criteria: s.criteria.map((c) => t("lot.sectionCriterion", { name: c.name, weight: c.weightPercent })).join("; "),
                })}`}
                defaultValue={v[`konzept-${s.code}`]}
                error={errors[`konzept-${s.code}`]}
              />
            ))}
          </div>
        </fieldset>

        <fieldset className="kern-fieldset" disabled={!a.editable} id="feld-stellen">
          <legend className="kern-heading-large">{t("lot.posts")}</legend>
          <div className="stack">
            <p className="kern-body">
              {t("lot.postsIntro", { role: role.name })} {role.qualifications}
            </p>
            {Array.from({ length: rows }, (_, i) => {
              // Every row names itself ("Stelle 2"), in its legend and in each label, the empty one too.
              const group = t("lot.post", { number: i + 1 });
              return (
                <fieldset key={i} className="kern-fieldset kern-card" id={`feld-stelle-${i}`}>
                  <legend className="kern-heading-small">{i < rows - 1 ? group : t("lot.newPost", { number: i + 1 })}</legend>
                  <div className="kern-card__container stack">
                    <TextField
                      group={group}
                      name={`stelle-${i}-hours`}
                      label={t("lot.hours")}
                      // A saved post shows the FTE derived from its hours; after a refused save the typed rows are not the saved ones.
                      hint={[t("lot.hoursHint", { fullTime: formatFteHundredths(fullTimeHours, locale) }), !actionResult && bid.posts[i] ? t("lot.hoursSaved", { extent: postExtent(bid.posts[i], t, locale) }) : ""].join(" ").trim()}
                      inputMode="decimal"
                      defaultValue={v[`stelle-${i}-hours`]}
                      error={errors[`stelle-${i}-hours`]}
                    />
                    <TextField group={group} name={`stelle-${i}-qualification`} label={t("lot.qualification")} defaultValue={v[`stelle-${i}-qualification`]} error={errors[`stelle-${i}-qualification`]} />
                    <Checkbox
                      group={group}
                      name={`stelle-${i}-degree`}
                      label={t("lot.degree")}
                      defaultChecked={v[`stelle-${i}-degree`] === "ja"}
                      error={errors[`stelle-${i}-degree`]}
                      hint={role.requiresPedagogicalDegree ? t("lot.degreeRequired") : undefined}
                    />
                    {payScale ? (
                      <Select
                        group={group}
                        name={`stelle-${i}-payGroup`}
                        label={t("lot.payGroup")}
                        hint={t("lot.payGroupFloorHint", { scale: payScale.name, floor: role.minPayGroup ?? "" })}
                        options={payGroupOptions(payScale.groups, v[`stelle-${i}-payGroup`], t("lot.payGroupChoose"))}
                        defaultValue={v[`stelle-${i}-payGroup`] ?? ""}
                        error={errors[`stelle-${i}-payGroup`]}
                      />
                    ) : (
                      <TextField group={group} name={`stelle-${i}-payGroup`} label={t("lot.payGroup")} hint={t("lot.payGroupHint")} defaultValue={v[`stelle-${i}-payGroup`]} error={errors[`stelle-${i}-payGroup`]} />
                    )}
                    <TextField group={group} name={`stelle-${i}-languages`} label={t("lot.languages")} hint={t("lot.languagesHint")} defaultValue={v[`stelle-${i}-languages`]} error={errors[`stelle-${i}-languages`]} />
                    {i < rows - 1 ? <Checkbox group={group} name={`stelle-${i}-remove`} label={t("lot.removePost")} /> : null}
                  </div>
                </fieldset>
              );
            })}
          </div>
        </fieldset>

        <fieldset className="kern-fieldset" disabled={!a.editable} id="feld-kosten">
          <legend className="kern-heading-large">{t("lot.costs")}</legend>
          <div className="stack">
            <TextField name="kosten-personal" label={t("lot.personnelCost")} hint={t("lot.euroHint")} defaultValue={v["kosten-personal"]} error={errors["kosten-personal"]} />
            <TextField name="kosten-sach" label={t("lot.materialCost")} hint={t("lot.euroHint")} defaultValue={v["kosten-sach"]} error={errors["kosten-sach"]} />
            <TextField name="kosten-gemein" label={t("lot.overhead")} hint={t("lot.euroHint")} defaultValue={v["kosten-gemein"]} error={errors["kosten-gemein"]} />
          </div>
        </fieldset>
        {a.editable ? (
          <SubmitButton label={t("lot.save")} />
        ) : null}
      </Form>

      {totals ? (
        <Section id="summen" level={2} minor title={t("lot.totals")}>
          <dl className="kern-description-list">
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("lot.totalFte")}</dt>
              <dd className="kern-description-list-item__value">{formatNumber(totals.fteHundredths / 100, locale, 2)}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("lot.personnelPerYear")}</dt>
              <dd className="kern-description-list-item__value">{euro(totals.personnelPerYearCents)}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("lot.perYear")}</dt>
              <dd className="kern-description-list-item__value">{euro(totals.perYearCents)}</dd>
            </div>
            <div className="kern-description-list-item">
              <dt className="kern-description-list-item__key">{t("lot.forTerm", { months: totals.termMonths })}</dt>
              <dd className="kern-description-list-item__value">{euro(totals.termCents)}</dd>
            </div>
          </dl>
        </Section>
      ) : null}

      <section aria-labelledby="konzeptdatei-titel">
        <h2 id="konzeptdatei-titel" className="kern-heading-medium">
          {t("lot.conceptFile")}
        </h2>
        {bid.conceptFile ? (
          <UploadedFile file={bid.conceptFile} removable={a.editable} />
        ) : (
          <p className="kern-body">{t("lot.noConceptFile")}</p>
        )}
        {a.editable ? (
          <UploadForm className="stack">
            <FileField
              name="konzeptdatei"
              label={bid.conceptFile ? t("lot.replaceConceptFile") : t("lot.addConceptFile")}
              hint={t("upload.hint", { mb: maxUploadMb })}
              error={errors.konzeptdatei}
              accept=".pdf,.odt,.docx,.jpg,.jpeg,.png,application/pdf"
            />
            <SubmitButton kind="secondary" label={t("upload.submit")} />
          </UploadForm>
        ) : null}
      </section>
      <LinkParagraph to={base} label={t("lot.back")} />
    </div>
  );
}
