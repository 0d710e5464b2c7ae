// Formale Prüfung of one submitted version: the officer records a result per item of the
// whole submission and of each lot bid, excludes or revokes, and requests missing documents.
// The page's parts are beside this file; the rules are in app/evaluation/formal-check.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../../components/alert";
import { DoneNotices } from "../../components/done-notice";
import { CallPageHeader } from "../../components/page-header";
import { ErrorSummary } from "../../components/form";
import type { Locale, MessageKey } from "../../i18n";
import { berlinDay } from "../../i18n/berlin-time";
import { formatDateTimeSeconds } from "../../i18n/format-seconds";
import { getTranslator } from "../../i18n/locale.server";
import { refusalErrors } from "../../i18n/refusal";
import { useTranslation } from "../../i18n/use-translation";
import { requireUser } from "../../identity/sessions.server";
import { now as serverNow } from "../../infra/clock.server";
import { DomainError } from "../../infra/errors";
import { formValues } from "../../infra/forms.server";
import { publicBaseUrl, toResponse } from "../../infra/http.server";
import {
  excludeBid,
  loadFormalCheck,
  MAX_NOTE_CHARS,
  MAX_REASON_CHARS,
  recordFormalCheck,
  requestDocument,
  revokeExclusion,
} from "../../evaluation/formal-check.server";
import { defaultDocumentRequestDue, documentRequestDueAt, lotCheckItems, noteMissing, submissionCheckItems } from "../../evaluation/formal-check";
import { sendToEachReader } from "../../infra/mail.server";
import { documentRequestLetter } from "../../mail/letters";
import { CheckHistory } from "./check-history";
import { GroundCheckSection } from "./ground-check";
import { loadGroundCheck, recordGroundFindings } from "../../evaluation/ground-check.server";
import { findingErrors } from "../../evaluation/ground-check";
import { groundFindings, type GroundFinding } from "../../infra/schema";
import { exclusionGrounds } from "../../submission/declarations";
import { CheckScope } from "./check-scope";
import { DocumentRequests } from "./document-requests";
import { SubmittedContent } from "./submitted-content";
import { scopeOf, type ActionValues, type Errors } from "./types";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Formale Prüfung – ${data.view.entry.organisationName}` : "Formale Prüfung" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const now = serverNow();
  try {
    const view = await loadFormalCheck({
      officerUserId: user.id,
      callSlug: params.slug ?? "",
      submissionId: params.submissionId ?? "",
      now,
    });
    const grounds = await loadGroundCheck({ officerUserId: user.id, submissionId: params.submissionId ?? "" });
    return { view, grounds, defaultDue: defaultDocumentRequestDue(now), today: berlinDay(now) };
  } catch (error) {
    return toResponse(error, request);
  }
}



/** The form of one scope (the whole submission or one lot): a result and a note per item. */
function recordSchema(scope: string, items: readonly string[]) {
  const shape: Record<string, z.ZodTypeAny> = {};
  for (const item of items) {
    shape[`ergebnis-${scope}-${item}`] = z.enum(["ja", "nein"]).optional();
    shape[`vermerk-${scope}-${item}`] = z.string().trim().max(MAX_NOTE_CHARS, "check.noteTooLong").default("");
  }
  return z.object(shape).superRefine((v, ctx) => {
    for (const item of items) {
      const result = v[`ergebnis-${scope}-${item}`];
      if (result && noteMissing({ passed: result === "ja", note: v[`vermerk-${scope}-${item}`] })) {
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
        const { recorded } = await recordFormalCheck({ officerUserId: user.id, submissionId, lotId, items: entries, now });
        return redirect(`${back}?${recorded ? "gespeichert" : "unveraendert"}=1#pruefung-${scope}`);
      }
      case "grounds": {
        // A finding per ground (decision 0019); a ground that applies needs its note.
        const errors: Record<string, string> = {};
        const findings = exclusionGrounds.flatMap((ground) => {
          const finding = values[`befund-${ground}`];
          if (!(groundFindings as readonly string[]).includes(finding ?? "")) {
            errors[`befund-${ground}`] = t("groundCheck.error.findingMissing");
            return [];
          }
          return [{ ground, finding: finding as GroundFinding, note: values[`befund-vermerk-${ground}`] ?? "" }];
        });
        for (const e of findingErrors(findings)) errors[`befund-vermerk-${e.ground}`] ??= t(e.key as MessageKey);
        if (Object.keys(errors).length) return data({ errors, values }, { status: 400 });
        const { exclusionId } = await recordGroundFindings({ officerUserId: user.id, submissionId, findings, now });
        return redirect(`${back}?${exclusionId ? "ausgeschlossen" : "befunde"}=1#ausschlussgruende`);
      }
      case "exclude": {
        const lotId = values.lotId || null;
        const field = `grund-${scopeOf(lotId)}`;
        const parsed = z.object({ [field]: reasonField("check.reasonMissing") }).safeParse(values);
        if (!parsed.success) return invalid(parsed.error.issues);
        await excludeBid({ officerUserId: user.id, submissionId, lotId, reason: parsed.data[field], now });
        return redirect(`${back}?ausgeschlossen=1#pruefung-${scopeOf(lotId)}`);
      }
      case "revoke": {
        const exclusionId = values.exclusionId ?? "";
        const field = `aufhebung-${exclusionId}`;
        const parsed = z.object({ [field]: reasonField("check.reasonMissing") }).safeParse(values);
        if (!parsed.success) return invalid(parsed.error.issues);
        const { lotId } = await revokeExclusion({ officerUserId: user.id, exclusionId, reason: parsed.data[field], now });
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
        const request_ = await requestDocument({
          officerUserId: user.id,
          submissionId,
          description: parsed.data.beschreibung,
          dueAt: parsed.data.frist as Date,
          now,
        });
        const letterFor = (reader: Locale) =>
          documentRequestLetter({
            callTitle: request_.callTitle,
            receiptNumber: request_.receiptNumber,
            description: parsed.data.beschreibung,
            dueAt: parsed.data.frist as Date,
            requestUrl: `${publicBaseUrl(request)}/traeger/nachforderungen/${request_.requestId}`,
            reader,
          });
        // A failed mail leaves the request on the carrier's dashboard.
        await sendToEachReader(request_.recipients, (reader) => ({ ...letterFor(reader), sealedUntilOpeningOf: request_.callId }), "Nachforderung notice");
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

const NOTICES = [
  ["gespeichert", "check.detail.saved"],
  ["unveraendert", "check.detail.unchanged"],
  ["ausgeschlossen", "check.exclusion.done"],
  ["aufgehoben", "check.exclusion.revoked"],
  ["nachgefordert", "check.request.done"],
  ["befunde", "groundCheck.saved"],
] as const;

export default function FormalCheck() {
  const { view, grounds, defaultDue, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale } = useTranslation();
  const errors: Errors = result?.errors ?? {};
  const values: ActionValues = result?.values;
  const hub = `/verwaltung/aufrufe/${view.call.slug}`;
  const entry = view.entry;
  const mismatch = entry.files.some((f) => !f.matches) || !entry.sealedContentIntact;
  const wholeExcluded = view.exclusions.some((x) => x.lotId === null);

  return (
    <div className="stack">
      <CallPageHeader
        call={view.call}
        page={entry.receiptNumber}
        via={[{ label: t("check.list.title"), to: `${hub}/pruefung` }]}
        title={t("check.detail.title", { organisation: entry.organisationName })}
      />
      <p className="kern-body">
        {t("check.detail.meta", {
          number: entry.receiptNumber,
          version: entry.version,
          date: formatDateTimeSeconds(new Date(entry.submittedAt), locale),
        })}
      </p>
      <DoneNotices notices={NOTICES} />
      {mismatch ? (
        <Alert tone="danger">
          <p className="kern-body kern-body--bold">{t("check.detail.fileMismatch")}</p>
        </Alert>
      ) : null}
      {wholeExcluded ? <p className="kern-body kern-body--bold">{t("check.exclusion.wholeExcluded")}</p> : null}
      <ErrorSummary errors={errors} fieldOrder={["_form"]} />
      <p className="kern-body">{t("check.detail.intro")}</p>

      <div className="kern-grid kern-gap-lg">
        <div className="kern-col-12 kern-col-6-xl kern-min-w-0">
          <SubmittedContent view={view} />
        </div>
        <div className="kern-col-12 kern-col-6-xl kern-min-w-0 stack">
          <CheckScope
            view={view}
            lotId={null}
            lotNumber={null}
            title={t("check.detail.section.submission")}
            items={view.checklist.submission}
            errors={errors}
            values={values}
          />
          {view.checklist.lots.map((l) => (
            <CheckScope
              key={l.lotId}
              view={view}
              lotId={l.lotId}
              lotNumber={l.number}
              title={t("check.detail.section.lot", { number: l.number, role: l.roleName, region: l.regionName })}
              items={l.items}
              errors={errors}
              values={values}
            />
          ))}
        </div>
      </div>

      <GroundCheckSection check={grounds} checkable={view.call.checkable} errors={errors} values={values} />
      <DocumentRequests view={view} defaultDue={defaultDue} today={today} errors={errors} values={values} />
      <CheckHistory history={view.history} />

      <p>
        <Link className="kern-link" to={`${hub}/pruefung`}>
          {t("check.detail.back")}
        </Link>
      </p>
    </div>
  );
}
