import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { LinkParagraph } from "../components/links";
import { ApplicationStatusBanner } from "../components/application-status";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, FileField, SubmitButton } from "../components/form";
import { RemoveFileForm, UploadedFile } from "../components/uploaded-file";
import { UploadForm } from "../components/upload-form";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { DomainError } from "../infra/errors";
import { toResponse } from "../infra/http.server";
import { MAX_UPLOAD_BYTES, parseUploadForm } from "../infra/uploads.server";
import { readUploadResult, uploadResult } from "../infra/upload-result.server";
import { applicationHeading, attachUploadedFile, detachFile, loadApplication, sealForApplication } from "../submission/applications.server";
import { documentKinds, documentName, needsDegreeProof, requiredDocuments, type DocumentKind } from "../submission/rules";
import { now as serverNow } from "../infra/clock.server";

export const meta: MetaFunction = () => [{ title: "Nachweise der Organisation" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const a = await loadApplication({ actor, applicationId: params.id ?? "", now: serverNow() });
    const upload = await readUploadResult(request);
    return data({
      uploadErrors: upload.errors,
      application: {
        ...applicationHeading(a),
        nonProfit: a.organisation.nonProfit,
        degreeRequired: needsDegreeProof(a.call, a.draft.lots),
      },
      documents: a.draft.documents,
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
  const back = `/traeger/bewerbungen/${applicationId}/unterlagen`;
  const now = serverNow();
  try {
    if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
      await loadApplication({ actor, applicationId, now }); // ownership before any byte is stored
      const { uploads } = await parseUploadForm(request, {
        fileFields: [...documentKinds],
        maxBytesPerFile: MAX_UPLOAD_BYTES,
        seal: await sealForApplication({ actor, applicationId }), // encrypted before it is stored
      });
      const errors: Record<string, string> = {};
      for (const upload of uploads) {
        if (!upload.ok) {
          errors[upload.field] = refusalMessage(upload.refusal, t, locale);
          continue;
        }
        try {
          await attachUploadedFile({ actor, applicationId, target: { kind: upload.field as DocumentKind }, upload: upload.file, originalName: upload.fileName, now });
        } catch (error) {
          if (error instanceof DomainError && error.code === "INVALID") errors[upload.field] = refusalMessage(error, t, locale);
          else throw error;
        }
      }
      if (uploads.length === 0) errors._form = t("upload.noFile");
      if (Object.keys(errors).length) return uploadResult(request, back, errors);
      return uploadResult(request, `${back}?hochgeladen=1`);
    }
    const form = await request.formData();
    if (form.get("intent") === "detach") {
      await detachFile({ actor, applicationId, fileId: String(form.get("fileId") ?? ""), now });
      return redirect(back);
    }
    throw new Response("Bad Request", { status: 400 });
  } catch (error) {
    if (error instanceof DomainError && error.code === "DEADLINE_PASSED") {
      return data({ errors: refusalErrors(error, t, locale) }, { status: 409 });
    }
    return toResponse(error, request);
  }
}

export default function OrganisationDocuments() {
  const { application: a, documents, maxUploadMb, uploadErrors } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = { ...uploadErrors, ...(result && "errors" in result ? result.errors : {}) };
  const base = `/traeger/bewerbungen/${a.id}`;
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("application.title"), to: base }, { label: t("documents.title") }]} />
      <p className="kern-body">{a.callTitle}</p>
      <ApplicationStatusBanner status={a.status} latest={a.latestSubmission} changedSinceSubmission={a.changedSinceSubmission} editable={a.editable} deadline={a.deadline} />
      <p className="kern-body">{t("documents.intro", { mb: maxUploadMb })}</p>
      <ErrorSummary errors={errors} fieldOrder={["_form", ...documentKinds]} />
      <UploadForm className="stack">
        {documentKinds.map((kind) => {
          const attached = documents.filter((d) => d.kind === kind);
          const name = t(documentName(kind));
          const optional = kind === "degreeProofs" ? !a.degreeRequired : !requiredDocuments(a.nonProfit).includes(kind);
          return (
            <section key={kind} id={`nachweis-${kind}`} aria-labelledby={`titel-${kind}`} className="kern-card">
              <div className="kern-card__container stack">
                <h2 id={`titel-${kind}`} className="kern-heading-small">
                  {name} {optional ? `(${t("register.optional")})` : null}
                </h2>
                {kind === "declarations" ? <p className="kern-body">{t("documents.declarations.hint")}</p> : null}
                {attached.length === 0 ? <p className="kern-body">{t("documents.none")}</p> : null}
                {attached.map((d) => (
                  <UploadedFile key={d.file.id} file={d.file} uploadedAt={d.uploadedAt} removable={a.editable} removeForm={`entfernen-${d.file.id}`} />
                ))}
                {a.editable ? (
                  <FileField
                    name={kind}
                    label={t(attached.length ? "documents.replace" : "documents.add", { kind: name })}
                    hint={[attached.length ? t("documents.replaceHint", { name: attached.map((d) => d.file.name).join(", ") }) : null, t("upload.hint", { mb: maxUploadMb })].filter(Boolean).join(" ")}
                    error={errors[kind]}
                    accept=".pdf,.odt,.docx,.jpg,.jpeg,.png,application/pdf"
                  />
                ) : null}
              </div>
            </section>
          );
        })}
        {a.editable ? (
          <SubmitButton label={t("upload.submit")} />
        ) : null}
      </UploadForm>
      {/* The remove buttons above belong to these forms (a form cannot sit inside the upload form). */}
      {a.editable ? documents.map((d) => <RemoveFileForm key={d.file.id} id={`entfernen-${d.file.id}`} fileId={d.file.id} />) : null}
      <LinkParagraph to={base} label={t("lot.back")} />
    </div>
  );
}
