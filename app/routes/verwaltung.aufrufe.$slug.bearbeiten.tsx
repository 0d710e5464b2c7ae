// The editor of a draft call: one page, one form per section (an `intent` per form). Each
// save changes the stored definition and is validated as a whole by the definition's
// schema (app/procurement/authoring.server.ts); its errors appear next to their fields
// and in the summary, with the typed values kept. The call's PDF documents are uploaded
// here, and the draft is published from here or from the preview.
import path from "node:path";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { AnchorError, Area, Check, Input, PublishSection, RadioList, SavedNotice, Select } from "../components/authoring-fields";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ErrorSummary, FileField } from "../components/form";
import { UploadForm } from "../components/upload-form";
import type { Locale, MessageKey, Translate } from "../i18n";
import { formatDateTime, formatNumber } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { env } from "../infra/env.server";
import { DomainError } from "../infra/errors";
import { formValues } from "../infra/forms.server";
import { notFound, toResponse } from "../infra/http.server";
import { fileStorage, localStorage } from "../infra/storage.server";
import { MAX_UPLOAD_BYTES, parseUploadForm } from "../infra/uploads.server";
import {
  addCallDocument,
  definitionOf,
  loadDraft,
  publishDraft,
  removeCallDocument,
  updateDraft,
} from "../procurement/authoring.server";
import {
  allFieldNames,
  ANCHORS,
  DATE_KEYS,
  errorsByField,
  fieldForPath,
  PARAGRAPH_FIELDS,
  readSection,
  rowIndices,
  scaleRows,
  SECTIONS,
  STAFFING_BASES,
  TARGET_GROUPS,
  weightSum,
  toFormValues,
  type FormValues,
  type Section,
} from "../procurement/authoring-forms";
import { lotPairs } from "../procurement/call-definition";
import { definitionHash } from "../procurement/calls.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Aufruf bearbeiten – ${data.title}` : "Aufruf bearbeiten" }];

const PDF_ONLY = [{ mime: "application/pdf", label: "PDF" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const slug = params.slug ?? "";
  const draft = loadDraft(slug);
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
    lots: lotPairs(d).map((l, i) => ({ number: i + 1, region: regionName.get(l.region) ?? l.region, role: roleName.get(l.role) ?? l.role })),
    explicitLots: Boolean(d.lots),
    dates: d.dates,
    datesPast: !(serverNow().getTime() < Date.parse(d.dates.questionDeadline)),
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
        const result = publishDraft({ actorUserId: user.id, slug, now });
        if (result.ok) return redirect(`/aufrufe/${slug}`);
        const d = definitionOf(slug);
        const known = new Set([...(d ? allFieldNames(d) : []), ...ANCHORS]);
        const errors = {
          _form: t(result.reason === "dates-past" ? "authoring.publish.datesPast" : "authoring.publish.invalid"),
          ...errorsByField(result.errors, (p) => fieldForPath(p, { next: (d ?? {}) as Record<string, unknown>, known }), t, locale),
        };
        return data<ActionData>({ intent: "publish", values: {}, errors }, { status: 409 });
      }
      case "remove-document": {
        const removed = removeCallDocument({ actorUserId: user.id, slug, documentId: intent.documentId, now });
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
        const result = updateDraft({
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
  const draft = loadDraft(opts.slug);
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
    addCallDocument({
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

const SECTION_TITLES: Record<Section | "documents" | "publish", MessageKey> = {
  basics: "authoring.section.basics",
  contact: "authoring.section.contact",
  dates: "authoring.section.dates",
  regions: "authoring.section.regions",
  roles: "authoring.section.roles",
  lots: "authoring.section.lots",
  criteria: "authoring.section.criteria",
  scale: "authoring.section.scale",
  staffing: "authoring.section.staffing",
  concept: "authoring.section.concept",
  documents: "authoring.section.documents",
  publish: "authoring.section.publish",
};

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type Ctx = {
  /** The values to show: typed ones after a refused save of this section, else the stored ones. */
  v: FormValues;
  /** The stored values (rows that exist, weights as saved). */
  stored: FormValues;
  err: (name: string) => string | undefined;
  t: Translate;
};

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

  if (data.status !== "draft") {
    return (
      <div className="stack">
        {crumbs}
        <h1 className="kern-heading-x-large">{t("authoring.edit.title")}</h1>
        <div className="kern-alert kern-alert--info" role="note">
          <div className="kern-alert__body">
            <p className="kern-body">{t("authoring.edit.notDraft")}</p>
          </div>
        </div>
        <p>
          <Link className="kern-link" to={`${hub}/aenderungen`}>
            {t("officer.step.amend")}
          </Link>
        </p>
      </div>
    );
  }

  const ctxFor = (s: string): Ctx => ({
    v: result?.intent === s ? result.values : ((data.sections as Record<string, FormValues>)[s] ?? {}),
    stored: (data.sections as Record<string, FormValues>)[s] ?? {},
    err: (name) => errors[name],
    t,
  });
  const keyFor = (s: string) => `${data.revision}:${result?.intent === s ? "typed" : "stored"}`;
  const sectionProps = (s: Section) => ({ id: s, saved: saved === s, formKey: keyFor(s) });
  const all = [...SECTIONS, "documents", "publish"] as const;

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
        <div className="kern-alert kern-alert--warning" role="note">
          <div className="kern-alert__body">
            <p className="kern-body">
              {t("authoring.edit.datesPast")}{" "}
              <a className="kern-link" href="#abschnitt-dates">
                {t("authoring.section.dates")}
              </a>
            </p>
          </div>
        </div>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={["_form"]} />

      <nav aria-labelledby="abschnitte-titel" className="call-toc">
        <h2 id="abschnitte-titel" className="kern-heading-medium">
          {t("call.onThisPage")}
        </h2>
        <ul className="kern-list">
          {all.map((s) => (
            <li key={s}>
              <a className="kern-link" href={`#abschnitt-${s}`}>
                {t(SECTION_TITLES[s])}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <BasicsSection {...sectionProps("basics")} ctx={ctxFor("basics")} />
      <ContactSection {...sectionProps("contact")} ctx={ctxFor("contact")} />
      <DatesSection {...sectionProps("dates")} ctx={ctxFor("dates")} stored={data.dates} />
      <RegionsSection {...sectionProps("regions")} ctx={ctxFor("regions")} />
      <RolesSection {...sectionProps("roles")} ctx={ctxFor("roles")} roles={data.roles} />
      <LotsSection {...sectionProps("lots")} ctx={ctxFor("lots")} lots={data.lots} explicit={data.explicitLots} />
      <CriteriaSection key={keyFor("criteria")} {...sectionProps("criteria")} ctx={ctxFor("criteria")} />
      <ScaleSection {...sectionProps("scale")} ctx={ctxFor("scale")} />
      <StaffingSection {...sectionProps("staffing")} ctx={ctxFor("staffing")} roles={data.roles} />
      <ConceptSection {...sectionProps("concept")} ctx={ctxFor("concept")} />
      <DocumentsSection data={data} ctx={ctxFor("documents")} saved={saved === "documents"} formKey={keyFor("documents")} />
      <PublishSection slug={data.slug} error={result?.intent === "publish" ? errors._form : undefined} />
    </div>
  );
}

function EditorSection(props: {
  id: Section;
  saved: boolean;
  formKey: string;
  intro?: string;
  children: React.ReactNode;
  onInput?: React.FormEventHandler<HTMLFormElement>;
}) {
  const { t } = useTranslation();
  const title = t(SECTION_TITLES[props.id]);
  return (
    <section id={`abschnitt-${props.id}`} aria-labelledby={`abschnitt-${props.id}-titel`} className="call-section stack">
      <h2 id={`abschnitt-${props.id}-titel`} className="kern-heading-large">
        {title}
      </h2>
      {props.saved ? <SavedNotice text={t("authoring.savedSection", { section: title })} /> : null}
      {props.intro ? <p className="kern-body">{props.intro}</p> : null}
      <Form method="post" noValidate className="stack" key={props.formKey} onInput={props.onInput}>
        <input type="hidden" name="intent" value={props.id} />
        {props.children}
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t("authoring.save", { section: title })}</span>
        </button>
      </Form>
    </section>
  );
}

type SectionProps = { id: Section; saved: boolean; formKey: string; ctx: Ctx };

function BasicsSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t("authoring.basics.intro")}>
      <Input name="title" label={t("authoring.basics.title")} value={v.title} error={err("title")} />
      <Input name="authority" label={t("authoring.basics.authority")} value={v.authority} error={err("authority")} />
      <Input name="department" label={t("authoring.basics.department")} value={v.department} error={err("department")} />
      <Input name="fileNumber" label={t("authoring.basics.fileNumber")} hint={t("authoring.basics.fileNumberHint")} value={v.fileNumber} error={err("fileNumber")} />
      <Area name="summary" label={t("authoring.basics.summary")} value={v.summary} error={err("summary")} rows={3} />
      {PARAGRAPH_FIELDS.map((k) => (
        <Area
          key={k}
          name={k}
          label={t(`authoring.basics.${k}` as MessageKey)}
          hint={t("authoring.hint.paragraphs")}
          value={v[k]}
          error={err(k)}
          rows={6}
        />
      ))}
      <Area name="illustrativeNotice" label={t("authoring.basics.illustrativeNotice")} value={v.illustrativeNotice} error={err("illustrativeNotice")} rows={3} />
      <Area
        name="illustrative"
        label={t("authoring.basics.illustrative")}
        hint={t("authoring.hint.lines")}
        value={v.illustrative}
        error={err("illustrative")}
        rows={5}
      />
    </EditorSection>
  );
}

function ContactSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const field = (k: string, extra: Partial<Parameters<typeof Input>[0]> = {}) => (
    <Input name={`contact.${k}`} label={t(`authoring.contact.${k}` as MessageKey)} value={v[`contact.${k}`]} error={err(`contact.${k}`)} {...extra} />
  );
  return (
    <EditorSection {...rest}>
      <AnchorError name="contact" error={err("contact")} />
      {field("name")}
      {field("department")}
      {field("street")}
      {field("postalCode", { inputMode: "numeric" })}
      {field("city")}
      {field("email", { type: "email" })}
      {field("phone", { hint: t("register.optional") })}
      {field("url", { type: "url", hint: t("register.optional") })}
    </EditorSection>
  );
}

function DatesSection({ ctx, stored, ...rest }: SectionProps & { stored: Record<string, string> }) {
  const { v, err, t } = ctx;
  const { locale } = useTranslation();
  return (
    <EditorSection {...rest} intro={t("authoring.dates.intro")}>
      <AnchorError name="dates" error={err("dates")} />
      {DATE_KEYS.map((k) => (
        <Input
          key={k}
          type="datetime-local"
          name={`dates.${k}`}
          label={`${t(`call.dates.${k}` as MessageKey)} (${t("authoring.dates.zone")})`}
          hint={t("authoring.dates.stored", { date: formatDateTime(new Date(stored[k]), locale) })}
          value={v[`dates.${k}`]}
          error={err(`dates.${k}`)}
        />
      ))}
    </EditorSection>
  );
}

function RegionsSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const rows = rowIndices("regions", v);
  const storedCount = rowIndices("regions", ctx.stored).length - 1;
  return (
    <EditorSection {...rest} intro={t("authoring.regions.intro")}>
      <AnchorError name="regions" error={err("regions")} />
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="regionen-tabelle">
        <table className="kern-table">
          <caption id="regionen-tabelle">{t("authoring.regions.caption")}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header">{t("authoring.field.code")}</th>
              <th scope="col" className="kern-table__header">{t("authoring.field.name")}</th>
              <th scope="col" className="kern-table__header">{t("authoring.field.description")}</th>
              <th scope="col" className="kern-table__header">{t("authoring.field.remove")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {rows.map((i, n) => {
              const p = `regions[${i}]`;
              const label = i < storedCount ? t("authoring.regions.row", { n: n + 1 }) : t("authoring.regions.new", { n: n + 1 });
              return (
                <tr key={i} className="kern-table__row">
                  <td className="kern-table__cell">
                    <Input hiddenLabel name={`${p}.code`} label={`${label}: ${t("authoring.field.code")}`} value={v[`${p}.code`]} error={err(`${p}.code`)} size={12} />
                  </td>
                  <td className="kern-table__cell">
                    <Input hiddenLabel name={`${p}.name`} label={`${label}: ${t("authoring.field.name")}`} value={v[`${p}.name`]} error={err(`${p}.name`)} />
                  </td>
                  <td className="kern-table__cell">
                    <Area hiddenLabel name={`${p}.description`} label={`${label}: ${t("authoring.field.description")}`} value={v[`${p}.description`]} error={err(`${p}.description`)} rows={2} />
                  </td>
                  <td className="kern-table__cell">
                    {i < storedCount ? <Check name={`${p}.remove`} label={`${t("authoring.field.remove")}: ${label}`} checked={Boolean(v[`${p}.remove`])} /> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="kern-body--small">{t("authoring.hint.code")}</p>
    </EditorSection>
  );
}

function RolesSection({ ctx, roles, ...rest }: SectionProps & { roles: LoaderData["roles"] }) {
  const { v, err, t } = ctx;
  const rows = rowIndices("roles", v);
  const storedCount = rowIndices("roles", ctx.stored).length - 1;
  return (
    <EditorSection {...rest} intro={t("authoring.roles.intro")}>
      <AnchorError name="roles" error={err("roles")} />
      {rows.map((i, n) => {
        const p = `roles[${i}]`;
        const isNew = i >= storedCount;
        const legend = isNew ? t("authoring.roles.new", { n: n + 1 }) : t("authoring.roles.row", { n: n + 1, name: v[`${p}.name`] ?? "" });
        const group = t("authoring.roles.group", { n: n + 1 });
        return (
          <fieldset key={i} className="kern-fieldset kern-card">
            <legend className="kern-heading-small">{legend}</legend>
            <div className="kern-card__container stack">
              <Input group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} value={v[`${p}.code`]} error={err(`${p}.code`)} />
              <Input group={group} name={`${p}.name`} label={t("authoring.field.name")} value={v[`${p}.name`]} error={err(`${p}.name`)} />
              <Area group={group} name={`${p}.summary`} label={t("authoring.roles.summary")} value={v[`${p}.summary`]} error={err(`${p}.summary`)} rows={2} />
              <Area group={group} name={`${p}.tasks`} label={t("authoring.roles.tasks")} hint={t("authoring.hint.lines")} value={v[`${p}.tasks`]} error={err(`${p}.tasks`)} rows={5} />
              <Area group={group} name={`${p}.qualifications`} label={t("authoring.roles.qualifications")} value={v[`${p}.qualifications`]} error={err(`${p}.qualifications`)} rows={3} />
              <Check group={group} name={`${p}.requiresPedagogicalDegree`} label={t("authoring.roles.degree")} checked={Boolean(v[`${p}.requiresPedagogicalDegree`])} error={err(`${p}.requiresPedagogicalDegree`)} />
              <Area group={group} name={`${p}.payGuideline`} label={t("authoring.roles.pay")} value={v[`${p}.payGuideline`]} error={err(`${p}.payGuideline`)} rows={2} />
              <Select
                group={group}
                name={`${p}.tandemWith`}
                label={t("authoring.roles.tandem")}
                value={v[`${p}.tandemWith`] ?? ""}
                error={err(`${p}.tandemWith`)}
                options={[
                  { value: "", label: t("authoring.roles.noTandem") },
                  ...roles.filter((r) => r.code !== v[`${p}.code`]).map((r) => ({ value: r.code, label: r.name })),
                ]}
              />
              {i < storedCount ? <Check group={group} name={`${p}.remove`} label={t("authoring.roles.remove")} checked={Boolean(v[`${p}.remove`])} /> : null}
            </div>
          </fieldset>
        );
      })}
    </EditorSection>
  );
}

function LotsSection({ ctx, lots, explicit, ...rest }: SectionProps & { lots: LoaderData["lots"]; explicit: boolean }) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t(explicit ? "authoring.lots.explicit" : "authoring.lots.intro")}>
      <AnchorError name="lots" error={err("lots")} />
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="lose-vorschau">
        <table className="kern-table kern-table--striped">
          <caption id="lose-vorschau">{t("call.lots.caption", { count: lots.length })}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header kern-table__header--numeric">{t("call.lots.number")}</th>
              <th scope="col" className="kern-table__header">{t("call.lots.region")}</th>
              <th scope="col" className="kern-table__header">{t("call.lots.role")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {lots.map((l) => (
              <tr key={l.number} className="kern-table__row">
                <th scope="row" className="kern-table__cell kern-table__cell--numeric">
                  {t("call.lots.number")} {l.number}
                </th>
                <td className="kern-table__cell">{l.region}</td>
                <td className="kern-table__cell">{l.role}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Input name="maxLotsPerCarrier" label={t("authoring.lots.max")} hint={t("authoring.lots.maxHint")} inputMode="numeric" value={v.maxLotsPerCarrier} error={err("maxLotsPerCarrier")} />
      <Check name="allowLotSplit" label={t("authoring.lots.split")} checked={Boolean(v.allowLotSplit)} error={err("allowLotSplit")} />
      {explicit ? <Check name="lots.allPairs" label={t("authoring.lots.allPairs")} checked={Boolean(v["lots.allPairs"])} /> : null}
    </EditorSection>
  );
}

function CriteriaSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t, stored } = ctx;
  const rows = rowIndices("criteria", v);
  const storedCount = rowIndices("criteria", stored).length - 1;
  const [sum, setSum] = useState<number | null>(null);
  const shown = sum ?? weightSum(v);
  const sumError = err("criteria");
  // The sum's error is shown at every weight the officer changed, too.
  const weightError = (p: string) => err(`${p}.weight`) ?? (sumError && v[`${p}.weight`] !== stored[`${p}.weight`] ? sumError : undefined);
  const onInput: React.FormEventHandler<HTMLFormElement> = (event) => {
    const form = event.currentTarget;
    const values: FormValues = {};
    for (const [k, value] of new FormData(form)) if (typeof value === "string") values[k] = value;
    setSum(weightSum(values));
  };
  return (
    <EditorSection {...rest} intro={t("authoring.criteria.intro")} onInput={onInput}>
      {rows.map((i, n) => {
        const p = `criteria[${i}]`;
        const isNew = i >= storedCount;
        const legend = isNew ? t("authoring.criteria.new", { n: n + 1 }) : t("authoring.criteria.row", { n: n + 1, name: v[`${p}.name`] ?? "" });
        const group = t("authoring.criteria.group", { n: n + 1 });
        return (
          <fieldset key={i} className="kern-fieldset kern-card">
            <legend className="kern-heading-small">{legend}</legend>
            <div className="kern-card__container stack">
              <Input group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} value={v[`${p}.code`]} error={err(`${p}.code`)} />
              <Input group={group} name={`${p}.name`} label={t("authoring.field.name")} value={v[`${p}.name`]} error={err(`${p}.name`)} />
              <Area group={group} name={`${p}.description`} label={t("authoring.field.description")} value={v[`${p}.description`]} error={err(`${p}.description`)} rows={3} />
              <Input group={group} name={`${p}.weight`} label={t("authoring.criteria.weight")} inputMode="numeric" value={v[`${p}.weight`]} error={weightError(p)} size={4} />
              <Select
                group={group}
                name={`${p}.kind`}
                label={t("authoring.criteria.kind")}
                value={v[`${p}.kind`] || "quality"}
                error={err(`${p}.kind`)}
                options={[
                  { value: "quality", label: t("authoring.criteria.quality") },
                  { value: "price", label: t("authoring.criteria.price") },
                ]}
              />
              <Area group={group} name={`${p}.priceFormula`} label={t("authoring.criteria.formula")} hint={t("authoring.criteria.formulaHint")} value={v[`${p}.priceFormula`]} error={err(`${p}.priceFormula`)} rows={2} />
              {i < storedCount ? <Check group={group} name={`${p}.remove`} label={t("authoring.criteria.remove")} checked={Boolean(v[`${p}.remove`])} /> : null}
            </div>
          </fieldset>
        );
      })}
      <AnchorError name="criteria" error={sumError}>
        <p className="kern-body kern-body--bold" aria-live="polite">
          {t("authoring.criteria.sum", { sum: shown })}
        </p>
      </AnchorError>
    </EditorSection>
  );
}

function ScaleSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const points = scaleRows(v);
  return (
    <EditorSection {...rest} intro={t("authoring.scale.intro")}>
      <Input name="scale.min" label={t("authoring.scale.min")} inputMode="numeric" value={v["scale.min"]} error={err("scale.min")} size={4} />
      <Input name="scale.max" label={t("authoring.scale.max")} inputMode="numeric" value={v["scale.max"]} error={err("scale.max")} size={4} />
      <AnchorError name="scale.points" error={err("scale.points")} />
      <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="skala-tabelle">
        <table className="kern-table">
          <caption id="skala-tabelle">{t("authoring.scale.caption")}</caption>
          <thead className="kern-table__header">
            <tr className="kern-table__row">
              <th scope="col" className="kern-table__header kern-table__header--numeric">{t("authoring.scale.points")}</th>
              <th scope="col" className="kern-table__header">{t("authoring.scale.meaning")}</th>
            </tr>
          </thead>
          <tbody className="kern-table__body">
            {points.map((p) => (
              <tr key={p} className="kern-table__row">
                <th scope="row" className="kern-table__cell kern-table__cell--numeric">
                  {p}
                </th>
                <td className="kern-table__cell">
                  <Area hiddenLabel name={`scale.meaning.${p}`} label={t("authoring.scale.meaningOf", { points: p })} value={v[`scale.meaning.${p}`]} error={err(`scale.meaning.${p}`)} rows={2} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Input name="spreadThreshold" label={t("authoring.scale.spread")} hint={t("authoring.scale.spreadHint")} inputMode="numeric" value={v.spreadThreshold} error={err("spreadThreshold")} size={4} />
    </EditorSection>
  );
}

function StaffingSection({ ctx, roles, ...rest }: SectionProps & { roles: LoaderData["roles"] }) {
  const { v, err, t } = ctx;
  return (
    <EditorSection {...rest} intro={t("authoring.staffing.intro")}>
      <AnchorError name="staffing" error={err("staffing")} />
      <Input name="clientsPerFte" label={t("authoring.staffing.key")} inputMode="numeric" value={v.clientsPerFte} error={err("clientsPerFte")} size={4} />
      {roles.map((role) => {
        const p = `staffing.${role.code}`;
        return (
          <fieldset key={role.code} className="kern-fieldset kern-card">
            <legend className="kern-heading-small">{role.name}</legend>
            <div className="kern-card__container stack">
              <RadioList
                group={role.name}
                name={`${p}.basis`}
                legend={t("authoring.staffing.basis")}
                value={v[`${p}.basis`] ?? "none"}
                error={err(`${p}.basis`)}
                options={STAFFING_BASES.map((b) => ({ value: b, label: t(`authoring.staffing.basis.${b}` as MessageKey) }))}
              />
              <Input group={role.name} name={`${p}.clientsPerFte`} label={t("authoring.staffing.clientsPerFte")} hint={t("authoring.staffing.onlyPerClients")} inputMode="numeric" value={v[`${p}.clientsPerFte`]} error={err(`${p}.clientsPerFte`)} size={4} />
              <Select
                group={role.name}
                name={`${p}.targetGroup`}
                label={t("authoring.staffing.targetGroup")}
                hint={t("authoring.staffing.onlyPerClients")}
                value={v[`${p}.targetGroup`] || "asylum"}
                error={err(`${p}.targetGroup`)}
                options={TARGET_GROUPS.map((g) => ({ value: g, label: t(`authoring.staffing.group.${g}` as MessageKey) }))}
              />
              <Input group={role.name} name={`${p}.sharePercent`} label={t("authoring.staffing.share")} hint={t("authoring.staffing.shareHint")} inputMode="numeric" value={v[`${p}.sharePercent`]} error={err(`${p}.sharePercent`)} size={4} />
              <Input group={role.name} name={`${p}.fte`} label={t("authoring.staffing.fte")} hint={t("authoring.staffing.onlyFixed")} inputMode="decimal" value={v[`${p}.fte`]} error={err(`${p}.fte`)} size={4} />
              <Area group={role.name} name={`${p}.explanation`} label={t("authoring.staffing.explanation")} value={v[`${p}.explanation`]} error={err(`${p}.explanation`)} rows={2} />
            </div>
          </fieldset>
        );
      })}
    </EditorSection>
  );
}

function ConceptSection({ ctx, ...rest }: SectionProps) {
  const { v, err, t } = ctx;
  const rows = rowIndices("concept", v);
  const storedCount = rowIndices("concept", ctx.stored).length - 1;
  return (
    <EditorSection {...rest} intro={t("authoring.concept.intro")}>
      <AnchorError name="conceptSections" error={err("conceptSections")} />
      {rows.map((i, n) => {
        const p = `conceptSections[${i}]`;
        const isNew = i >= storedCount;
        const legend = isNew ? t("authoring.concept.new", { n: n + 1 }) : t("authoring.concept.row", { n: n + 1, name: v[`${p}.title`] ?? "" });
        const group = t("authoring.concept.group", { n: n + 1 });
        return (
          <fieldset key={i} className="kern-fieldset kern-card">
            <legend className="kern-heading-small">{legend}</legend>
            <div className="kern-card__container stack">
              <Input group={group} name={`${p}.code`} label={t("authoring.field.code")} hint={t("authoring.hint.code")} value={v[`${p}.code`]} error={err(`${p}.code`)} />
              <Input group={group} name={`${p}.title`} label={t("authoring.concept.title")} value={v[`${p}.title`]} error={err(`${p}.title`)} />
              <Area group={group} name={`${p}.guidance`} label={t("authoring.concept.guidance")} value={v[`${p}.guidance`]} error={err(`${p}.guidance`)} rows={3} />
              <Input group={group} name={`${p}.maxChars`} label={t("authoring.concept.maxChars")} hint={t("authoring.concept.maxCharsHint")} inputMode="numeric" value={v[`${p}.maxChars`]} error={err(`${p}.maxChars`)} size={6} />
              {i < storedCount ? <Check group={group} name={`${p}.remove`} label={t("authoring.concept.remove")} checked={Boolean(v[`${p}.remove`])} /> : null}
            </div>
          </fieldset>
        );
      })}
    </EditorSection>
  );
}

function DocumentsSection({ data, ctx, saved, formKey }: { data: LoaderData; ctx: Ctx; saved: boolean; formKey: string }) {
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
        <Input name="document.title" label={t("authoring.documents.title")} value={v["document.title"]} error={err("document.title")} />
        <Area name="document.description" label={t("authoring.documents.description")} hint={t("register.optional")} value={v["document.description"]} error={err("document.description")} rows={2} />
        <FileField name="document.file" label={t("authoring.documents.file")} hint={t("authoring.documents.fileHint", { mb: data.maxUploadMb })} error={err("document.file")} accept=".pdf,application/pdf" />
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t("authoring.documents.upload")}</span>
        </button>
      </UploadForm>
    </section>
  );
}
