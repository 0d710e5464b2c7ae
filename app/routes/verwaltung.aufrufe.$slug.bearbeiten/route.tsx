// The editor of a draft call: one page, one form per section (an `intent` per form). Each
// save changes the stored definition and is validated as a whole by the definition's
// schema (app/procurement/authoring.server.ts); its errors appear next to their fields
// and in the summary, with the typed values kept. The call's PDF documents are uploaded
// here, and the draft is published from here or from the preview.
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../../components/alert";
import { PublishSection } from "../../components/publish-section";
import { Breadcrumbs } from "../../components/breadcrumbs";
import { ErrorSummary, SavedNotice } from "../../components/form";
import type { Locale, Translate } from "../../i18n";
import { getTranslator } from "../../i18n/locale.server";
import { refusalMessage } from "../../i18n/refusal";
import { useTranslation } from "../../i18n/use-translation";
import { requireUser } from "../../identity/sessions.server";
import { now as serverNow } from "../../infra/clock.server";
import { env } from "../../infra/env.server";
import { DomainError } from "../../infra/errors";
import { formValues } from "../../infra/forms.server";
import { notFound, toResponse } from "../../infra/http.server";
import { fileStorage, localStorage } from "../../infra/storage.server";
import { MAX_UPLOAD_BYTES, parseUploadForm } from "../../infra/uploads.server";
import {
  addCallDocument,
  definitionOf,
  loadDraft,
  publishDraft,
  removeCallDocument,
  updateDraft,
} from "../../procurement/authoring.server";
import {
  allFieldNames,
  ANCHORS,
  errorsByField,
  fieldForPath,
  readSection,
  SECTIONS,
  toFormValues,
  type FormValues,
  type Section,
} from "../../procurement/authoring-forms";
import { lotPairs } from "../../procurement/call-definition";
import { definitionHash } from "../../procurement/calls.server";
import { questionDeadlinePassed } from "../../procurement/lifecycle";
import { BasicsSection } from "./basics-section";
import { ConceptSection } from "./concept-section";
import { ContactSection } from "./contact-section";
import { ContractSection } from "./contract-section";
import { CriteriaSection } from "./criteria-section";
import { DatesSection } from "./dates-section";
import { DocumentsSection } from "./documents-section";
import type { Ctx } from "./editor-section";
import { LotsSection } from "./lots-section";
import { NotDraft } from "./not-draft";
import { RegionsSection } from "./regions-section";
import { RolesSection } from "./roles-section";
import { ScaleSection } from "./scale-section";
import { SectionNav } from "./section-nav";
import { StaffingSection } from "./staffing-section";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Aufruf bearbeiten – ${data.title}` : "Aufruf bearbeiten" }];

const PDF_ONLY = [{ mime: "application/pdf", label: "PDF" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  const draft = await loadDraft(slug);
  if (!draft) notFound();
  const d = draft.definition;
  const regionName = new Map(d.regions.map((r) => [r.code, r.name]));
  const roleName = new Map(d.roles.map((r) => [r.code, r.name]));
  return {
    slug,
    title: d.title,
    status: draft.status,
    revision: `${definitionHash(d)}:${draft.files.map((f) => f.id).join(",")}`,
    sections: Object.fromEntries(SECTIONS.map((s) => [s, toFormValues(s, d)])) as Record<Section, FormValues>,
    roles: d.roles.map((r) => ({ code: r.code, name: r.name })),
    lots: lotPairs(d).map((l, i) => ({ number: i + 1, region: regionName.get(l.region) ?? l.region, role: roleName.get(l.role) ?? l.role, fte: l.fte ?? null })),
    explicitLots: Boolean(d.lots),
    dates: d.dates,
    datesPast: questionDeadlinePassed(d.dates, serverNow()),
    files: draft.files,
    maxUploadMb: Math.floor(MAX_UPLOAD_BYTES / (1024 * 1024)),
  };
}

const Intent = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("basics") }),
  z.object({ intent: z.literal("contact") }),
  z.object({ intent: z.literal("dates") }),
  z.object({ intent: z.literal("regions") }),
  z.object({ intent: z.literal("roles") }),
  z.object({ intent: z.literal("lots") }),
  z.object({ intent: z.literal("criteria") }),
  z.object({ intent: z.literal("scale") }),
  z.object({ intent: z.literal("staffing") }),
  z.object({ intent: z.literal("contract") }),
  z.object({ intent: z.literal("concept") }),
  z.object({ intent: z.literal("remove-document"), documentId: z.string().min(1) }),
  z.object({ intent: z.literal("publish") }),
]);

type ActionData = { intent: string; values: FormValues; errors: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const slug = params.slug ?? "";
  const editor = `/verwaltung/aufrufe/${slug}/bearbeiten`;
  const now = serverNow();
  try {
    if (request.headers.get("Content-Type")?.startsWith("multipart/form-data")) {
      return await uploadDocument({ request, slug, userId: user.id, now, t, locale, editor });
    }
    const values = formValues(await request.formData());
    const parsed = Intent.safeParse(values);
    if (!parsed.success) throw new Response("Bad Request", { status: 400 });
    const intent = parsed.data;
    switch (intent.intent) {
      case "publish": {
        const result = await publishDraft({ actorUserId: user.id, slug, now });
        if (result.ok) return redirect(`/aufrufe/${slug}`);
        const d = await definitionOf(slug);
        const known = new Set([...(d ? allFieldNames(d) : []), ...ANCHORS]);
        const errors = {
          _form: t(result.reason === "dates-past" ? "authoring.publish.datesPast" : "authoring.publish.invalid"),
          ...errorsByField(result.errors, (p) => fieldForPath(p, { next: (d ?? {}) as Record<string, unknown>, known }), t, locale),
        };
        return data<ActionData>({ intent: "publish", values: {}, errors }, { status: 409 });
      }
      case "remove-document": {
        const removed = await removeCallDocument({ actorUserId: user.id, slug, documentId: intent.documentId, now });
        // The row is gone; bytes left behind by a failure here show in the orphan report at start.
        await storageFor(removed.backend)
          .remove(removed.storageKey)
          .catch(() => undefined);
        return redirect(`${editor}?gespeichert=documents#abschnitt-documents`);
      }
      default: {
        const section = intent.intent;
        const read = readSection(section, values);
        if (!read.ok) {
          const errors = Object.fromEntries(Object.entries(read.errors).map(([k, key]) => [k, t(key)]));
          return data<ActionData>({ intent: section, values, errors }, { status: 400 });
        }
        let fieldFor = (p: string) => p;
        const result = await updateDraft({
          actorUserId: user.id,
          slug,
          section,
          now,
          change: (d) => {
            const applied = read.apply(d);
            fieldFor = applied.fieldFor;
            return applied.next;
          },
        });
        if (!result.ok) {
          return data<ActionData>({ intent: section, values, errors: errorsByField(result.errors, fieldFor, t, locale) }, { status: 400 });
        }
        return redirect(`${editor}?gespeichert=${section}#abschnitt-${section}`);
      }
    }
  } catch (error) {
    return toResponse(error, request);
  }
}

function storageFor(backend: "local" | "uploadthing") {
  // A file is removed where it was stored, even if the configured backend changed since.
  return fileStorage().backend === backend ? fileStorage() : localStorage(path.join(env().dataDir, "files"));
}

async function uploadDocument(opts: { request: Request; slug: string; userId: string; now: Date; t: Translate; locale: Locale; editor: string }) {
  const { t, locale } = opts;
  // Before any byte is stored: the call exists and is still a draft.
  const draft = await loadDraft(opts.slug);
  if (!draft) notFound();
  if (draft.status !== "draft") throw new DomainError("CONFLICT", "authoring.refusal.draftsOnly");
  const { fields, uploads } = await parseUploadForm(opts.request, {
    fileFields: ["document.file"],
    maxBytesPerFile: MAX_UPLOAD_BYTES,
    allowed: PDF_ONLY,
  });
  const text = (name: string) => {
    const v = fields[name];
    return typeof v === "string" ? v : "";
  };
  if (text("intent") !== "upload-document") throw new Response("Bad Request", { status: 400 });
  const values = { "document.title": text("document.title"), "document.description": text("document.description") };
  const errors: Record<string, string> = {};
  const stored = uploads.find((u) => u.ok);
  for (const u of uploads) if (!u.ok) errors["document.file"] = refusalMessage(u.refusal, t, locale);
  if (uploads.length === 0) errors["document.file"] = t("upload.noFile");
  if (values["document.title"].trim() === "") errors["document.title"] = t("authoring.documents.titleMissing");
  const discard = () => (stored?.ok ? storageFor(stored.file.backend).remove(stored.file.storageKey).catch(() => undefined) : undefined);
  if (Object.keys(errors).length || !stored?.ok) {
    await discard();
    return data<ActionData>({ intent: "documents", values, errors }, { status: 400 });
  }
  try {
    await addCallDocument({
      actorUserId: opts.userId,
      slug: opts.slug,
      upload: stored.file,
      originalName: stored.fileName,
      title: values["document.title"].trim(),
      description: values["document.description"].trim(),
      now: opts.now,
    });
  } catch (error) {
    await discard();
    throw error;
  }
  return redirect(`${opts.editor}?gespeichert=documents#abschnitt-documents`);
}

// ------------------------------------------------------------------------------ page

export default function EditCall() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const saved = search.get("gespeichert");
  const hub = `/verwaltung/aufrufe/${data.slug}`;
  const crumbs = (
    <Breadcrumbs items={[{ label: t("workspace.title"), to: "/verwaltung" }, { label: data.title, to: hub }, { label: t("authoring.edit.title") }]} />
  );

  if (data.status !== "draft") return <NotDraft crumbs={crumbs} hub={hub} />;

  const ctxFor = (s: string): Ctx => ({
    v: result?.intent === s ? result.values : ((data.sections as Record<string, FormValues>)[s] ?? {}),
    stored: (data.sections as Record<string, FormValues>)[s] ?? {},
    err: (name) => errors[name],
    t,
  });
  const keyFor = (s: string) => `${data.revision}:${result?.intent === s ? "typed" : "stored"}`;
  const sectionProps = (s: Section) => ({ id: s, saved: saved === s, formKey: keyFor(s) });

  return (
    <div className="stack">
      {crumbs}
      <p className="kern-preline">{t("authoring.edit.title")}</p>
      <h1 className="kern-heading-x-large">{data.title}</h1>
      <p className="kern-body">
        {t("call.status")}: {t("status.draft")} ·{" "}
        <Link className="kern-link" to={`${hub}/vorschau`}>
          {t("authoring.preview.link")}
        </Link>
      </p>
      {search.get("angelegt") ? <SavedNotice text={t("authoring.edit.created")} /> : null}
      {data.datesPast ? (
        <Alert tone="warning">
          <p className="kern-body">
            {t("authoring.edit.datesPast")}{" "}
            <a className="kern-link" href="#abschnitt-dates">
              {t("authoring.section.dates")}
            </a>
          </p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={["_form"]} />
      <SectionNav />

      <BasicsSection {...sectionProps("basics")} ctx={ctxFor("basics")} />
      <ContactSection {...sectionProps("contact")} ctx={ctxFor("contact")} />
      <DatesSection {...sectionProps("dates")} ctx={ctxFor("dates")} stored={data.dates} />
      <RegionsSection {...sectionProps("regions")} ctx={ctxFor("regions")} />
      <RolesSection {...sectionProps("roles")} ctx={ctxFor("roles")} roles={data.roles} />
      <LotsSection {...sectionProps("lots")} ctx={ctxFor("lots")} lots={data.lots} explicit={data.explicitLots} />
      <CriteriaSection key={keyFor("criteria")} {...sectionProps("criteria")} ctx={ctxFor("criteria")} roles={data.roles} />
      <ScaleSection {...sectionProps("scale")} ctx={ctxFor("scale")} />
      <StaffingSection {...sectionProps("staffing")} ctx={ctxFor("staffing")} roles={data.roles} />
      <ContractSection {...sectionProps("contract")} ctx={ctxFor("contract")} />
      <ConceptSection {...sectionProps("concept")} ctx={ctxFor("concept")} />
      <DocumentsSection data={data} ctx={ctxFor("documents")} saved={saved === "documents"} formKey={keyFor("documents")} />
      <PublishSection slug={data.slug} error={result?.intent === "publish" ? errors._form : undefined} />
    </div>
  );
}
