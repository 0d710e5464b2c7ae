// The call's own PDF documents: those uploaded, each with its removal, and the upload form.
import { Form } from "@remix-run/react";
import { FileField, SavedNotice, SubmitButton, TextArea, TextField } from "../../components/form";
import { UploadForm } from "../../components/upload-form";
import { formatNumber } from "../../i18n/format";
import { useTranslation } from "../../i18n/use-translation";
import type { Ctx, LoaderData } from "./editor-section";

export function DocumentsSection({ data, ctx, saved, formKey }: { data: LoaderData; ctx: Ctx; saved: boolean; formKey: string }) {
  const { v, err, t } = ctx;
  const { locale } = useTranslation();
  const title = t("authoring.section.documents");
  return (
    <section id="abschnitt-documents" aria-labelledby="abschnitt-documents-titel" className="call-section stack">
      <h2 id="abschnitt-documents-titel" className="kern-heading-large">
        {title}
      </h2>
      {saved ? <SavedNotice text={t("authoring.savedSection", { section: title })} /> : null}
      <p className="kern-body">{t("authoring.documents.intro")}</p>
      {data.files.length === 0 ? <p className="kern-body">{t("authoring.documents.none")}</p> : null}
      {data.files.length ? (
        <ul className="kern-list">
          {data.files.map((f) => (
            <li key={f.id} className="kern-card">
              <div className="kern-card__container stack">
                <p className="kern-body">
                  <a className="kern-link" href={`/dateien/${f.file.id}`}>
                    {f.title}
                  </a>{" "}
                  ({f.file.name}, {t("authoring.documents.meta", { size: formatNumber(f.file.sizeBytes / 1024, locale, 1) })})
                </p>
                {f.description ? <p className="kern-body">{f.description}</p> : null}
                <p className="kern-body--small">
                  SHA-256: <code className="hash">{f.file.sha256}</code>
                </p>
                <Form method="post">
                  <input type="hidden" name="intent" value="remove-document" />
                  <input type="hidden" name="documentId" value={f.id} />
                  <button type="submit" className="kern-btn kern-btn--tertiary" aria-label={`${t("upload.remove")}: ${f.title}`}>
                    <span className="kern-label">{t("upload.remove")}</span>
                  </button>
                </Form>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <UploadForm className="stack" key={formKey}>
        <input type="hidden" name="intent" value="upload-document" />
        <h3 className="kern-heading-medium">{t("authoring.documents.add")}</h3>
        <TextField name="document.title" label={t("authoring.documents.title")} defaultValue={v["document.title"]} error={err("document.title")} autoComplete="off" />
        <TextArea name="document.description" label={t("authoring.documents.description")} hint={t("register.optional")} defaultValue={v["document.description"]} error={err("document.description")} rows={2} />
        <FileField name="document.file" label={t("authoring.documents.file")} hint={t("authoring.documents.fileHint", { mb: data.maxUploadMb })} error={err("document.file")} accept=".pdf,application/pdf" />
        <SubmitButton label={t("authoring.documents.upload")} />
      </UploadForm>
    </section>
  );
}
