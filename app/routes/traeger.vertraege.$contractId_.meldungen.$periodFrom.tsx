import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert } from "../components/alert";
import { Checkbox, ErrorSummary, FileField, Select, SubmitButton, TextArea, TextField } from "../components/form";
import { PageHeader } from "../components/page-header";
import { StaffReportVersionView, reportStateLabel } from "../components/staff-reports";
import { UploadForm } from "../components/upload-form";
import { parseStaffReportForm, staffReportFormValues } from "../contracts/staff-report-form.server";
import { attachProofDocument, PROOF_TYPES, saveStaffReportDraft, staffReportForCarrier, submitStaffReport } from "../contracts/staff-reports.server";
import type { MessageKey } from "../i18n";
import { formatDay, formatFteHundredths } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues } from "../infra/forms.server";
import { toResponse } from "../infra/http.server";
import { fileStorage } from "../infra/storage.server";
import { readUploadResult, uploadResult } from "../infra/upload-result.server";
import { MAX_UPLOAD_BYTES, parseUploadForm } from "../infra/uploads.server";
import { payGroupOptions } from "../submission/lot-bid-form";

export const meta: MetaFunction = () => [{ title: "Stellenbesetzung" }];

// The fields of one post row (stelle-<i>-<field>); the proof is uploaded per saved post.
const ROW_FIELDS = ["name", "hours", "payGroup", "degree", "start", "end", "proof"] as const;

// The staff report of one period of the carrier's own contract (decision 0024): a draft to
// save, proofs to upload, then the submission in Textform; another carrier's contract is 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const report = await staffReportForCarrier({ organisationId: actor.organisationId, contractId: params.contractId ?? "", periodFrom: params.periodFrom ?? "", now: serverNow() });
    const upload = await readUploadResult(request);
    const base = report.current ?? null;
    const values = staffReportFormValues(base ? base.posts : report.carried, base?.vacancyNote ?? "");
    return data({ report, values, uploadErrors: upload.errors, maxUploadMb: Math.floor(MAX_UPLOAD_BYTES / (1024 * 1024)) }, { headers: upload.headers });
  } catch (error) {
    return toResponse(error, request);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const contractId = params.contractId ?? "";
  const periodFrom = params.periodFrom ?? "";
  const back = `/traeger/vertraege/${contractId}/meldungen/${periodFrom}`;
  try {
    // Ownership before anything is read or stored.
    const report = await staffReportForCarrier({ organisationId: actor.organisationId, contractId, periodFrom, now: serverNow() });
    if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
      const rows = report.current?.posts.length ?? 0;
      const { fields, uploads } = await parseUploadForm(request, {
        fileFields: Array.from({ length: rows }, (_, i) => `stelle-${i}-proof`),
        maxBytesPerFile: MAX_UPLOAD_BYTES,
        allowed: PROOF_TYPES, // a PDF, decided from its bytes; not sealed: a staff report is no bid
      });
      const [upload, ...extra] = uploads;
      await Promise.allSettled(extra.flatMap((u) => (u.ok ? [fileStorage().remove(u.file.storageKey)] : [])));
      const ordinal = Number(fields.stelle);
      const field = `stelle-${Number.isInteger(ordinal) ? ordinal : 0}-proof`;
      if (!upload) return uploadResult(request, `${back}#feld-${field}`, { [field]: t("upload.noFile") });
      if (!upload.ok) return uploadResult(request, `${back}#feld-${upload.field}`, { [upload.field]: refusalMessage(upload.refusal, t, locale) });
      try {
        await attachProofDocument({ actor, contractId, periodFrom, ordinal: Number(upload.field.split("-")[1]), upload: upload.file, originalName: upload.fileName, now: serverNow() });
      } catch (error) {
        await fileStorage().remove(upload.file.storageKey).catch(() => {});
        if (error instanceof DomainError && error.code !== "NOT_FOUND") return uploadResult(request, `${back}#feld-${upload.field}`, { [upload.field]: refusalMessage(error, t, locale) });
        throw error;
      }
      return uploadResult(request, `${back}?nachweis=1#nachweise`);
    }
    const values = formValues(await request.formData());
    if (values.intent === "submit") {
      // A refusal (a proof missing) is answered by the catch below.
      const { version } = await submitStaffReport({ actor, contractId, periodFrom, now: serverNow() });
      return redirect(`${back}?abgegeben=${version}`);
    }
    if (values.intent !== "save" && values.intent !== "saveAndSubmit") throw new Response("Bad Request", { status: 400 });
    const parsed = parseStaffReportForm(values, report.fullTimeHundredths);
    if (!parsed.ok) {
      const errors = Object.fromEntries(Object.entries(parsed.errors).map(([k, e]) => [k, t(e.key, e.params as never)]));
      return data({ errors, values }, { status: 400 });
    }
    const result = await saveStaffReportDraft({ actor, contractId, periodFrom, posts: parsed.posts, vacancyNote: parsed.vacancyNote, now: serverNow() });
    if (result.problems.length) {
      const errors = Object.fromEntries(result.problems.map((p) => [`stelle-${parsed.rowOf[p.index]}-${p.field}`, t(p.key as MessageKey, { post: parsed.rowOf[p.index] + 1 } as never)]));
      return data({ errors, values }, { status: 400 });
    }
    if (values.intent === "saveAndSubmit") {
      // Saved; the submission may still be refused (a proof missing): the page then shows the saved draft and why.
      const { version } = await submitStaffReport({ actor, contractId, periodFrom, now: serverNow() });
      return redirect(`${back}?abgegeben=${version}`);
    }
    return redirect(`${back}?gespeichert=1`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale), values: null }, { status: 409 });
    }
    return toResponse(error, request);
  }
}

export default function StaffReportForm() {
  const { report: r, values: saved, uploadErrors, maxUploadMb } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = { ...uploadErrors, ...(result && "errors" in result ? result.errors : {}) };
  const v: Record<string, string> = (result && "values" in result && result.values) || saved;
  const rows = Math.max(...Object.keys(v).map((k) => Number(/^stelle-(\d+)-/.exec(k)?.[1] ?? -1)), -1) + 2;
  const range = { from: formatDay(r.period.from, locale), to: formatDay(r.period.to, locale) };
  const draft = r.current?.status === "draft" ? r.current : null;
  const contractPath = `/traeger/vertraege/${r.contract.id}`;
  const open = r.state.state !== "future";
  return (
    <div className="stack form-page">
      <PageHeader
        trail={[
          { label: t("dashboard.title"), to: "/traeger" },
          { label: t("contracts.mine.title"), to: "/traeger/vertraege" },
          { label: r.contract.number, to: contractPath },
          { label: t("contracts.reports.periodValue", range) },
        ]}
        title={t("staffReport.title", range)}
      />
      {params.get("gespeichert") ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t("staffReport.saved")}</p>
        </Alert>
      ) : null}
      {params.get("nachweis") ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t("staffReport.proofUploaded")}</p>
        </Alert>
      ) : null}
      {params.get("abgegeben") && r.state.submittedVersion ? (
        <Alert tone="success" role="status">
          <p className="kern-body kern-body--bold">{t("staffReport.submitted", { version: r.state.submittedVersion })}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={["_form", ...Array.from({ length: rows }, (_, i) => ROW_FIELDS.map((f) => `stelle-${i}-${f}`)).flat(), "vakanz-notiz"]} />
      <p className="kern-body">
        {t("staffReport.intro", { number: r.contract.number, lot: t("contracts.lot", { number: r.contract.lotNumber, role: r.contract.roleName, region: r.contract.regionName }), fte: formatFteHundredths(r.contract.fteHundredths, locale) })}
      </p>
      <p className="kern-body kern-body--bold">
        {t("staffReport.dueLine", { date: formatDay(r.period.due, locale) })} {t("staffReport.col.state")}: {reportStateLabel(r.state, t)}
      </p>
      {!r.current && r.carried.length ? <p className="kern-body">{t("staffReport.carried")}</p> : null}

      {open ? (
        <Form method="post" noValidate className="stack">
          <fieldset className="kern-fieldset" id="feld-stellen">
            <legend className="kern-heading-large">{t("staffReport.posts")}</legend>
            <div className="stack">
              {Array.from({ length: rows }, (_, i) => {
                // Every row names itself ("Stelle 2"), in its legend and in each label, the empty one too.
                const group = t("staffReport.post", { number: i + 1 });
                const f = (name: string) => `stelle-${i}-${name}`;
                return (
                  <fieldset key={i} className="kern-fieldset kern-card" id={`feld-stelle-${i}`}>
                    <legend className="kern-heading-small">{i < rows - 1 ? group : t("staffReport.newPost", { number: i + 1 })}</legend>
                    <div className="kern-card__container stack">
                      {v[f("key")] ? <input type="hidden" name={f("key")} value={v[f("key")]} /> : null}
                      <TextField group={group} name={f("name")} label={t("staffReport.name")} hint={t("staffReport.nameHint")} defaultValue={v[f("name")]} error={errors[f("name")]} autoComplete="off" />
                      <TextField group={group} name={f("hours")} label={t("staffReport.hours")} hint={t("staffReport.hoursHint", { fullTime: formatFteHundredths(r.fullTimeHundredths, locale) })} inputMode="decimal" defaultValue={v[f("hours")]} error={errors[f("hours")]} />
                      <Select group={group} name={f("payGroup")} label={t("staffReport.payGroup")} options={payGroupOptions(r.payGroups, v[f("payGroup")], t("staffReport.payGroupChoose"))} defaultValue={v[f("payGroup")] ?? ""} error={errors[f("payGroup")]} />
                      <Checkbox group={group} name={f("degree")} label={t("staffReport.degree")} defaultChecked={v[f("degree")] === "ja"} hint={[r.requiresDegree ? t("staffReport.degreeRequired") : "", t("staffReport.degreeHint")].join(" ").trim()} error={errors[f("degree")]} />
                      <TextField group={group} type="date" name={f("start")} label={t("staffReport.start")} defaultValue={v[f("start")]} error={errors[f("start")]} />
                      <TextField group={group} type="date" name={f("end")} label={t("staffReport.end")} defaultValue={v[f("end")]} error={errors[f("end")]} />
                      {i < rows - 1 ? <Checkbox group={group} name={f("remove")} label={t("staffReport.remove")} /> : null}
                    </div>
                  </fieldset>
                );
              })}
            </div>
          </fieldset>
          {r.current ? (
            <p className="kern-body">
              <strong>{t("staffReport.unfilled")}:</strong> {t("contracts.detail.fteValue", { fte: formatFteHundredths(r.current.unfilledHundredths, locale) })}
            </p>
          ) : null}
          <TextArea name="vakanz-notiz" label={t("staffReport.note")} defaultValue={v["vakanz-notiz"]} error={errors["vakanz-notiz"]} rows={3} />
          <p className="kern-body">{t("staffReport.submitIntro")}</p>
          <div className="button-row">
            <SubmitButton name="intent" value="save" label={r.current?.status === "submitted" ? t("staffReport.correct") : t("staffReport.save")} />
            <SubmitButton kind="secondary" name="intent" value="saveAndSubmit" label={t("staffReport.saveAndSubmit")} />
          </div>
        </Form>
      ) : null}

      {draft && draft.posts.some((p) => p.hasDegree) ? (
        <section id="nachweise" aria-labelledby="nachweise-titel" className="stack">
          <h2 id="nachweise-titel" className="kern-heading-medium">
            {t("staffReport.proofs")}
          </h2>
          <p className="kern-body">{t("staffReport.proofsIntro")}</p>
          {draft.posts.map((p, i) =>
            p.hasDegree ? (
              <UploadForm key={i} className="stack">
                <input type="hidden" name="stelle" value={i} />
                <FileField
                  name={`stelle-${i}-proof`}
                  label={t("staffReport.proofFor", { number: i + 1 })}
                  hint={[t("staffReport.proofHint", { mb: maxUploadMb }), p.proofFileName ? t("staffReport.proofStored", { name: p.proofFileName }) : ""].join(" ").trim()}
                  error={errors[`stelle-${i}-proof`]}
                  accept=".pdf,application/pdf"
                />
                <SubmitButton kind="secondary" label={t("staffReport.proofUpload")} />
              </UploadForm>
            ) : null,
          )}
        </section>
      ) : null}

      {draft ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="submit" />
          <p className="kern-body">{t("staffReport.submitIntro")}</p>
          <SubmitButton label={t("staffReport.submit")} />
        </Form>
      ) : null}

      {r.submitted.length ? (
        <section aria-labelledby="fassungen" className="stack">
          <h2 id="fassungen" className="kern-heading-large">
            {t("staffReport.versions")}
          </h2>
          {r.submitted.map((version) => (
            <StaffReportVersionView key={version.id} v={version} periodTo={r.period.to} contractedHundredths={r.contract.fteHundredths} proofHref={(id) => `/dateien/${id}`} headingLevel={3} t={t} locale={locale} />
          ))}
        </section>
      ) : null}
      <p>
        <a className="kern-link" href={contractPath}>
          {t("staffReport.back")}
        </a>
      </p>
    </div>
  );
}
