import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Breadcrumbs } from "../components/breadcrumbs";
import { ErrorSummary, RadioGroup, TextArea } from "../components/form";
import { formatEuroCents, formatFteHundredths } from "../i18n/format";
import { organisationLines } from "../submission/receipt-document";
import type { MessageKey, Translate } from "../i18n";
import { berlinDay } from "../i18n/berlin-time";
import { formatDateTime } from "../i18n/format";
import { formatDateTimeSeconds } from "../i18n/format-seconds";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues } from "../infra/forms.server";
import { publicBaseUrl, toResponse } from "../infra/http.server";
import {
  excludeBid,
  loadFormalCheck,
  MAX_NOTE_CHARS,
  MAX_REASON_CHARS,
  recordFormalCheck,
  requestDocument,
  revokeExclusion,
} from "../evaluation/formal-check.server";
import {
  defaultDocumentRequestDue,
  documentRequestDueAt,
  lotCheckItems,
  submissionCheckItems,
  type ChecklistItemState,
} from "../evaluation/formal-check";
import type { OpeningFileCheck } from "../evaluation/opening-record";
import { documentName, inFormOrder, type FileRef } from "../submission/rules";
import { sendToEach } from "../infra/mail.server";
import { documentRequestLetter } from "../mail/letters";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Formale Prüfung – ${data.view.entry.organisationName}` : "Formale Prüfung" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const now = serverNow();
  try {
    const view = loadFormalCheck({
      officerUserId: user.id,
      callSlug: params.slug ?? "",
      submissionId: params.submissionId ?? "",
      now,
    });
    return { view, defaultDue: defaultDocumentRequestDue(now), today: berlinDay(now) };
  } catch (error) {
    return toResponse(error, request);
  }
}

const WHOLE = "gesamt";
const scopeOf = (lotId: string | null) => lotId ?? WHOLE;

/** The form of one scope (the whole submission or one lot): a result and a note per item. */
function recordSchema(scope: string, items: readonly string[]) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const item of items) {
    shape[`ergebnis-${scope}-${item}`] = z.enum(["ja", "nein"]).optional();
    shape[`vermerk-${scope}-${item}`] = z.string().trim().max(MAX_NOTE_CHARS, "check.noteTooLong").default("");
  }
  return z.object(shape).superRefine((v, ctx) => {
    for (const item of items) {
      if (v[`ergebnis-${scope}-${item}`] === "nein" && !v[`vermerk-${scope}-${item}`]) {
        ctx.addIssue({ code: "custom", path: [`vermerk-${scope}-${item}`], message: "check.noteRequired" });
      }
    }
  });
}

const reasonField = (message: string) =>
  z.string().trim().min(1, message).max(MAX_REASON_CHARS, message === "check.descriptionMissing" ? "check.descriptionTooLong" : "check.reasonTooLong");

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const submissionId = params.submissionId ?? "";
  const back = `/verwaltung/aufrufe/${params.slug ?? ""}/pruefung/${submissionId}`;
  const now = serverNow();
  const invalid = (issues: z.ZodIssue[]) => {
    const errors: Record<string, string> = {};
    for (const issue of issues) errors[issue.path.join(".") || "_form"] ??= t(issue.message as MessageKey);
    return data({ errors, values }, { status: 400 });
  };
  try {
    switch (values.intent) {
      case "record": {
        const lotId = values.lotId || null;
        const scope = scopeOf(lotId);
        const items = lotId ? lotCheckItems : submissionCheckItems;
        const parsed = recordSchema(scope, items).safeParse(values);
        if (!parsed.success) return invalid(parsed.error.issues);
        const entries = items.flatMap((item) => {
          const result = parsed.data[`ergebnis-${scope}-${item}`] as "ja" | "nein" | undefined;
          return result ? [{ item, passed: result === "ja", note: parsed.data[`vermerk-${scope}-${item}`] as string }] : [];
        });
        const { recorded } = recordFormalCheck({ officerUserId: user.id, submissionId, lotId, items: entries, now });
        return redirect(`${back}?${recorded ? "gespeichert" : "unveraendert"}=1#pruefung-${scope}`);
      }
      case "exclude": {
        const lotId = values.lotId || null;
        const field = `grund-${scopeOf(lotId)}`;
        const parsed = z.object({ [field]: reasonField("check.reasonMissing") }).safeParse(values);
        if (!parsed.success) return invalid(parsed.error.issues);
        excludeBid({ officerUserId: user.id, submissionId, lotId, reason: parsed.data[field], now });
        return redirect(`${back}?ausgeschlossen=1#pruefung-${scopeOf(lotId)}`);
      }
      case "revoke": {
        const exclusionId = values.exclusionId ?? "";
        const field = `aufhebung-${exclusionId}`;
        const parsed = z.object({ [field]: reasonField("check.reasonMissing") }).safeParse(values);
        if (!parsed.success) return invalid(parsed.error.issues);
        const { lotId } = revokeExclusion({ officerUserId: user.id, exclusionId, reason: parsed.data[field], now });
        return redirect(`${back}?aufgehoben=1#pruefung-${scopeOf(lotId)}`);
      }
      case "request": {
        const parsed = z
          .object({
            beschreibung: reasonField("check.descriptionMissing"),
            frist: z
              .string()
              .transform((s) => documentRequestDueAt(s))
              .refine((d): d is Date => d !== null, "check.dueDateInvalid")
              .refine((d) => d !== null && d.getTime() > now.getTime(), "check.dueDatePast"),
          })
          .safeParse(values);
        if (!parsed.success) return invalid(parsed.error.issues);
        const request_ = requestDocument({
          officerUserId: user.id,
          submissionId,
          description: parsed.data.beschreibung,
          dueAt: parsed.data.frist as Date,
          now,
        });
        const letter = documentRequestLetter({
          callTitle: request_.callTitle,
          receiptNumber: request_.receiptNumber,
          description: parsed.data.beschreibung,
          dueAt: parsed.data.frist as Date,
          requestUrl: `${publicBaseUrl(request)}/traeger/nachforderungen/${request_.requestId}`,
        });
        // A failed mail leaves the request on the carrier's dashboard.
        await sendToEach(request_.recipients, { ...letter, sealedUntilOpeningOf: request_.callId }, "Nachforderung notice");
        return redirect(`${back}?nachgefordert=1#nachforderung`);
      }
      default:
        throw new Response("Bad Request", { status: 400 });
    }
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale), values }, { status: error.code === "INVALID" ? 400 : 409 });
    }
    return toResponse(error, request);
  }
}

// ---------------------------------------------------------------------------------------

function itemLabel(s: { item: string; lotId: string | null }, t: Translate): string {
  return s.lotId && s.item === "complete" ? t("check.item.lot.complete") : t(`check.item.${s.item}` as MessageKey);
}

function Mismatch({ children }: { children: React.ReactNode }) {
  return (
    <strong className="kern-badge kern-badge--danger">
      <span className="kern-label">{children}</span>
    </strong>
  );
}

function FileLink({ file, check }: { file: FileRef; check: OpeningFileCheck | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <a className="kern-link" href={`/dateien/${file.id}`}>
        {file.name}
      </a>
      {check && !check.matches ? (
        <>
          {" "}
          <Mismatch>{t("opening.record.file.mismatch")}</Mismatch>
        </>
      ) : null}
    </>
  );
}

type ActionValues = Record<string, string> | undefined;

function ItemFields({ state, scope, errors, values }: { state: ChecklistItemState; scope: string; errors: Record<string, string | undefined>; values: ActionValues }) {
  const { t, locale } = useTranslation();
  const label = itemLabel(state, t);
  const result = `ergebnis-${scope}-${state.item}`;
  const note = `vermerk-${scope}-${state.item}`;
  const recorded = state.recorded;
  return (
    <div className="kern-card">
      <div className="kern-card__container stack">
        <p className="kern-body kern-body--bold">{label}</p>
        <p className="kern-body">
          {state.suggested === "pass" ? t("check.detail.suggestion.pass") : <strong>{t("check.detail.suggestion.fail")}</strong>}
        </p>
        {state.reasons.length ? (
          <ul className="kern-list">
            {state.reasons.map((r, i) => (
              <li key={i}>{t(r.key as MessageKey, r.params)}</li>
            ))}
          </ul>
        ) : null}
        <p className="kern-body--small">
          {recorded
            ? t(recorded.passed ? "check.detail.recorded.passed" : "check.detail.recorded.failed", {
                name: recorded.checkedByName,
                date: formatDateTimeSeconds(recorded.checkedAt, locale),
              })
            : t("check.detail.recorded.none")}
        </p>
        <RadioGroup
          name={result}
          legend={t("check.detail.result", { item: label })}
          options={[
            { value: "ja", label: t("check.detail.passed") },
            { value: "nein", label: t("check.detail.failed") },
          ]}
          defaultValue={values?.[result] ?? (recorded ? (recorded.passed ? "ja" : "nein") : undefined)}
          error={errors[result]}
        />
        <TextArea
          name={note}
          label={t("check.detail.note", { item: label })}
          hint={t("check.detail.noteHint")}
          defaultValue={values?.[note] ?? recorded?.note ?? ""}
          error={errors[note]}
          rows={2}
        />
      </div>
    </div>
  );
}

type View = Awaited<ReturnType<typeof loader>>["view"];

function ExclusionBlock({
  view,
  lotId,
  lotNumber,
  items,
  errors,
  values,
}: {
  view: View;
  lotId: string | null;
  lotNumber: number | null;
  items: ChecklistItemState[];
  errors: Record<string, string | undefined>;
  values: ActionValues;
}) {
  const { t, locale } = useTranslation();
  const current = view.exclusions.find((x) => x.lotId === lotId);
  const failed = items.filter((i) => i.recorded && !i.recorded.passed);
  const field = `grund-${scopeOf(lotId)}`;
  const draft = failed.map((i) => t("check.exclusion.draft", { item: itemLabel(i, t), note: i.recorded!.note })).join("\n");
  return (
    <div className="stack">
      <h3 className="kern-heading-small">{t("check.exclusion.section")}</h3>
      {current ? (
        <>
          <p className="kern-body">
            <strong>
              {t("check.exclusion.current", {
                date: formatDateTimeSeconds(current.decidedAt, locale),
                name: current.decidedByName,
                reason: current.reason,
              })}
            </strong>
          </p>
          {view.call.checkable ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="revoke" />
              <input type="hidden" name="exclusionId" value={current.id} />
              <TextArea
                name={`aufhebung-${current.id}`}
                label={t("check.exclusion.revokeReason")}
                defaultValue={values?.[`aufhebung-${current.id}`]}
                error={errors[`aufhebung-${current.id}`]}
                rows={2}
              />
              <button type="submit" className="kern-btn kern-btn--secondary">
                <span className="kern-label">{t("check.exclusion.revoke")}</span>
              </button>
            </Form>
          ) : null}
        </>
      ) : view.call.checkable ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="exclude" />
          <input type="hidden" name="lotId" value={lotId ?? ""} />
          {failed.length ? <p className="kern-body kern-body--bold">{t("check.exclusion.suggest")}</p> : null}
          <TextArea
            name={field}
            label={t("check.exclusion.reason")}
            hint={t("check.exclusion.reasonHint")}
            defaultValue={values?.[field] ?? draft}
            error={errors[field]}
            rows={3}
          />
          <button type="submit" className="kern-btn kern-btn--secondary">
            <span className="kern-label">
              {lotNumber === null ? t("check.exclusion.submitWhole") : t("check.exclusion.submitLot", { number: lotNumber })}
            </span>
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n|\r\n\s*\r\n/)
        .filter((p) => p.trim())
        .map((p, i) => (
          <p key={i} className="kern-body">
            {p}
          </p>
        ))}
    </>
  );
}

function SubmittedContent({ view }: { view: View }) {
  const { t, locale } = useTranslation();
  const s = view.snapshot;
  const checks = new Map(view.entry.files.map((f) => [f.fileId, f]));
  const [name, ...address] = organisationLines(s.organisation);
  return (
    <section aria-labelledby="eingereicht" className="stack">
      <h2 id="eingereicht" className="kern-heading-large">
        {t("check.detail.section.content")}
      </h2>
      <h3 className="kern-heading-small">{t("check.detail.organisation")}</h3>
      <address className="kern-body">
        <strong>{name}</strong>
        {address.map((line, i) => (
          <span key={i}>
            <br />
            {line}
          </span>
        ))}
      </address>
      {s.lots.map((l) => (
        <section key={l.lotId} aria-labelledby={`inhalt-${l.lotId}`} className="stack">
          <h3 id={`inhalt-${l.lotId}`} className="kern-heading-medium">
            {t("check.detail.section.lot", { number: l.number, role: l.roleName, region: l.regionName })}
          </h3>
          <h4 className="kern-heading-small">{t("check.detail.concept")}</h4>
          {l.concept.map((c) => (
            <div key={c.code}>
              <p className="kern-body kern-body--bold">{c.title}</p>
              <Paragraphs text={c.text} />
            </div>
          ))}
          {l.conceptFile ? (
            <p className="kern-body">
              <FileLink file={l.conceptFile} check={checks.get(l.conceptFile.id)} />
            </p>
          ) : null}
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={`stellen-${l.lotId}`}>
            <table className="kern-table">
              <caption id={`stellen-${l.lotId}`}>{t("check.detail.posts.caption", { number: l.number })}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header kern-table__header--numeric">{t("check.detail.posts.col.fte")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.qualification")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.degree")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.payGroup")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.payDeclared")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.posts.col.languages")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {l.posts.map((p, i) => (
                  <tr key={i} className="kern-table__row">
                    <td className="kern-table__cell kern-table__cell--numeric">{formatFteHundredths(p.fteHundredths, locale)}</td>
                    <td className="kern-table__cell">{p.qualification}</td>
                    <td className="kern-table__cell">{p.hasPedagogicalDegree ? t("check.detail.yes") : t("check.detail.no")}</td>
                    <td className="kern-table__cell">{p.payGroup}</td>
                    <td className="kern-table__cell">{p.payAdequacyDeclared ? t("check.detail.yes") : t("check.detail.no")}</td>
                    <td className="kern-table__cell">{p.languages.join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="kern-body">
            {t("check.detail.costs", { perYear: formatEuroCents(l.totals.perYearCents, locale), term: formatEuroCents(l.totals.termCents, locale) })}
          </p>
        </section>
      ))}
      <h3 className="kern-heading-medium">{t("check.detail.files")}</h3>
      {s.documents.length === 0 ? <p className="kern-body">{t("check.detail.noFiles")}</p> : null}
      <ul className="kern-list">
        {inFormOrder(s.documents).map((d) => (
          <li key={d.file.id}>
            {t(documentName(d.kind))}: <FileLink file={d.file} check={checks.get(d.file.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div className="kern-alert kern-alert--success" role="status">
      <div className="kern-alert__body">
        <p className="kern-body kern-body--bold">{children}</p>
      </div>
    </div>
  );
}

const NOTICES = [
  ["gespeichert", "check.detail.saved"],
  ["unveraendert", "check.detail.unchanged"],
  ["ausgeschlossen", "check.exclusion.done"],
  ["aufgehoben", "check.exclusion.revoked"],
  ["nachgefordert", "check.request.done"],
] as const;

export default function FormalCheck() {
  const { view, defaultDue, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: ActionValues = result?.values;
  const hub = `/verwaltung/aufrufe/${view.call.slug}`;
  const entry = view.entry;
  const mismatch = entry.files.some((f) => !f.matches) || !entry.sealedContentIntact;
  const wholeExcluded = view.exclusions.some((x) => x.lotId === null);
  const dueError = errors.frist;

  const scopeForm = (lotId: string | null, items: ChecklistItemState[]) => (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="record" />
      <input type="hidden" name="lotId" value={lotId ?? ""} />
      {items.map((s) => (
        <ItemFields key={s.item} state={s} scope={scopeOf(lotId)} errors={errors} values={values} />
      ))}
      {view.call.checkable ? (
        <button type="submit" className="kern-btn kern-btn--primary">
          <span className="kern-label">{t("check.detail.save")}</span>
        </button>
      ) : null}
    </Form>
  );

  return (
    <div className="stack">
      <Breadcrumbs
        items={[
          { label: t("workspace.title"), to: "/verwaltung" },
          { label: view.call.title, to: hub },
          { label: t("check.list.title"), to: `${hub}/pruefung` },
          { label: entry.receiptNumber },
        ]}
      />
      <h1 className="kern-heading-x-large">{t("check.detail.title", { organisation: entry.organisationName })}</h1>
      <p className="kern-body">
        {t("check.detail.meta", {
          number: entry.receiptNumber,
          version: entry.version,
          date: formatDateTimeSeconds(new Date(entry.submittedAt), locale),
        })}
      </p>
      {NOTICES.map(([param, key]) => (params.get(param) ? <Notice key={param}>{t(key)}</Notice> : null))}
      {mismatch ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__body">
            <p className="kern-body kern-body--bold">{t("check.detail.fileMismatch")}</p>
          </div>
        </div>
      ) : null}
      {wholeExcluded ? <p className="kern-body kern-body--bold">{t("check.exclusion.wholeExcluded")}</p> : null}
      <ErrorSummary errors={errors} fieldOrder={["_form"]} />
      <p className="kern-body">{t("check.detail.intro")}</p>

      <div className="kern-grid kern-gap-lg">
        <div className="kern-col-12 kern-col-6-xl kern-min-w-0">
          <SubmittedContent view={view} />
        </div>
        <div className="kern-col-12 kern-col-6-xl kern-min-w-0 stack">
          <section id={`pruefung-${WHOLE}`} aria-labelledby="titel-gesamt" className="stack">
            <h2 id="titel-gesamt" className="kern-heading-large">
              {t("check.detail.section.submission")}
            </h2>
            {scopeForm(null, view.checklist.submission)}
            <ExclusionBlock view={view} lotId={null} lotNumber={null} items={view.checklist.submission} errors={errors} values={values} />
          </section>
          {view.checklist.lots.map((l) => (
            <section key={l.lotId} id={`pruefung-${l.lotId}`} aria-labelledby={`titel-${l.lotId}`} className="stack">
              <h2 id={`titel-${l.lotId}`} className="kern-heading-large">
                {t("check.detail.section.lot", { number: l.number, role: l.roleName, region: l.regionName })}
              </h2>
              {scopeForm(l.lotId, l.items)}
              <ExclusionBlock view={view} lotId={l.lotId} lotNumber={l.number} items={l.items} errors={errors} values={values} />
            </section>
          ))}
        </div>
      </div>

      <section id="nachforderung" aria-labelledby="titel-nachforderung" className="stack">
        <h2 id="titel-nachforderung" className="kern-heading-large">
          {t("check.request.section")}
        </h2>
        <p className="kern-body">{t("check.request.intro")}</p>
        {view.requests.length === 0 ? (
          <p className="kern-body">{t("check.request.none")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="nachforderungen-tabelle">
            <table className="kern-table">
              <caption id="nachforderungen-tabelle">{t("check.request.list.caption")}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">{t("check.request.col.requested")}</th>
                  <th scope="col" className="kern-table__header">{t("check.request.col.description")}</th>
                  <th scope="col" className="kern-table__header">{t("check.request.col.due")}</th>
                  <th scope="col" className="kern-table__header">{t("check.request.col.answer")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {view.requests.map((r) => (
                  <tr key={r.id} className="kern-table__row">
                    <td className="kern-table__cell">{formatDateTime(r.requestedAt, locale)}</td>
                    <td className="kern-table__cell">{r.description}</td>
                    <td className="kern-table__cell">{formatDateTime(r.dueAt, locale)}</td>
                    <td className="kern-table__cell">
                      {r.state === "answered" && r.answeredAt && r.answeredFile ? (
                        <>
                          {t("check.request.answered", { date: formatDateTimeSeconds(r.answeredAt, locale) })}:{" "}
                          <a className="kern-link" href={`/dateien/${r.answeredFile.id}`}>
                            {r.answeredFile.name}
                          </a>
                        </>
                      ) : r.state === "open" ? (
                        t("check.request.open")
                      ) : (
                        <strong>{t("check.request.overdue")}</strong>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {!view.call.requestsAllowed ? (
          <p className="kern-body">{t("check.request.notAllowed")}</p>
        ) : view.call.checkable ? (
          <Form method="post" className="stack form-page">
            <input type="hidden" name="intent" value="request" />
            <TextArea
              name="beschreibung"
              label={t("check.request.description")}
              defaultValue={values?.beschreibung}
              error={errors.beschreibung}
              rows={3}
            />
            <div className={`kern-form-input${dueError ? " kern-form-input--error" : ""}`}>
              <label className="kern-label" htmlFor="feld-frist">
                {t("check.request.dueDate")}
              </label>
              <div id="feld-frist-hinweis" className="kern-hint">
                {t("check.request.dueDateHint")}
              </div>
              {dueError ? (
                <p id="feld-frist-fehler" className="kern-error">
                  <span className="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
                  <span className="kern-body">{dueError}</span>
                </p>
              ) : null}
              <input
                id="feld-frist"
                name="frist"
                type="date"
                min={today}
                defaultValue={values?.frist ?? defaultDue}
                className={`kern-form-input__input${dueError ? " kern-form-input__input--error" : ""}`}
                aria-invalid={dueError ? true : undefined}
                aria-describedby={dueError ? "feld-frist-hinweis feld-frist-fehler" : "feld-frist-hinweis"}
              />
            </div>
            <button type="submit" className="kern-btn kern-btn--secondary">
              <span className="kern-label">{t("check.request.submit")}</span>
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="titel-verlauf" className="stack">
        <h2 id="titel-verlauf" className="kern-heading-large">
          {t("check.detail.section.history")}
        </h2>
        {view.history.length === 0 ? (
          <p className="kern-body">{t("check.detail.history.none")}</p>
        ) : (
          <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby="verlauf-tabelle">
            <table className="kern-table">
              <caption id="verlauf-tabelle">{t("check.detail.history.caption")}</caption>
              <thead className="kern-table__header">
                <tr className="kern-table__row">
                  <th scope="col" className="kern-table__header">{t("check.detail.history.col.at")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.history.col.item")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.history.col.result")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.history.col.note")}</th>
                  <th scope="col" className="kern-table__header">{t("check.detail.history.col.by")}</th>
                </tr>
              </thead>
              <tbody className="kern-table__body">
                {view.history.map((h) => (
                  <tr key={h.seq} className="kern-table__row">
                    <td className="kern-table__cell">{formatDateTimeSeconds(h.checkedAt, locale)}</td>
                    <td className="kern-table__cell">
                      {h.lotNumber === null ? t("check.detail.history.whole") : t("check.detail.history.lot", { number: h.lotNumber })}
                      {": "}
                      {itemLabel(h, t)}
                    </td>
                    <td className="kern-table__cell">{h.passed ? t("check.detail.passed") : t("check.detail.failed")}</td>
                    <td className="kern-table__cell">{h.note}</td>
                    <td className="kern-table__cell">{h.checkedByName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <p>
        <Link className="kern-link" to={`${hub}/pruefung`}>
          {t("check.detail.back")}
        </Link>
      </p>
    </div>
  );
}
