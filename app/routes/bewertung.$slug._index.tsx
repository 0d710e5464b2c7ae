import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DoneNotice } from "../components/done-notice";
import { WorkspaceHeader } from "../components/page-header";
import { DataTable } from "../components/data-table";
import { Section } from "../components/section";
import { Checkbox, ErrorSummary, FieldMessages, RadioGroup, SubmitButton, TextArea } from "../components/form";
import { lotLabel, when } from "../evaluation/report-document";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, translateIssues } from "../infra/forms.server";
import { notFound, toResponse } from "../infra/http.server";
import { certifyNoConflict, declareConflict, evaluatorOverview } from "../evaluation/assessment.server";
import { conflictTypes, MAX_CONFLICT_NOTE_CHARS, type ConflictType } from "../evaluation/conflicts";
import { callIdBySlug } from "../evaluation/opening.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Bewertung – ${data.overview.call.title}` : "Bewertung" }];

// One call for one evaluator: first a declaration about every carrier that bid in their
// lots, then (only when all are declared) the bids to score.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  try {
    const overview = await evaluatorOverview({ evaluatorId: user.id, callId: await callIdBySlug(params.slug ?? "") });
    if (overview.assignedLots.length === 0) notFound();
    return { overview };
  } catch (error) {
    return toResponse(error, request);
  }
}

// Per carrier: "no conflict", or a conflict with one or more kinds (one checkbox each).
const Declaration = z
  .object({
    organisationId: z.string().min(1),
    choice: z.enum(["nein", "ja"], { message: "eval.declare.choiceMissing" }),
    types: z.array(z.enum(conflictTypes)),
    note: z.string().trim().max(MAX_CONFLICT_NOTE_CHARS, "eval.declare.noteTooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.choice === "ja" && v.types.length === 0) ctx.addIssue({ code: "custom", path: ["types"], message: "eval.declare.typesMissing" });
    if (v.choice === "nein" && v.types.length > 0) ctx.addIssue({ code: "custom", path: ["types"], message: "eval.declare.typesWithNone" });
    if (v.choice === "ja" && v.types.includes("other") && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "eval.declare.otherNoteMissing" });
  });

const fieldsOf = (org: string) => ({
  choice: `erklaerung-${org}`,
  types: `arten-${org}`,
  type: (type: ConflictType) => `art-${org}-${type}`,
  note: `vermerk-${org}`,
});

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const callId = () => callIdBySlug(params.slug ?? "");
  if (values.intent === "certify") {
    if (values.versicherung !== "ja") return data({ errors: { versicherung: t("eval.certify.missing") }, values }, { status: 400 });
    try {
      await certifyNoConflict({ evaluatorId: user.id, callId: await callId(), now: serverNow() });
    } catch (error) {
      if (error instanceof DomainError && error.code === "CONFLICT") return data({ errors: refusalErrors(error, t, locale, "versicherung"), values }, { status: 409 });
      return toResponse(error, request);
    }
    return redirect(`/bewertung/${params.slug ?? ""}?versichert=1#versicherung`);
  }
  if (values.intent !== "declare") throw new Response("Bad Request", { status: 400 });
  const org = values.organisationId ?? "";
  const f = fieldsOf(org);
  const parsed = Declaration.safeParse({
    organisationId: org,
    choice: values[f.choice],
    types: conflictTypes.filter((type) => values[f.type(type)] === "ja"),
    note: values[f.note] ?? "",
  });
  if (!parsed.success) {
    const issues = translateIssues(parsed.error.issues, t);
    const errors: Record<string, string> = {};
    if (issues.choice) errors[f.choice] = issues.choice;
    if (issues.types) errors[f.types] = issues.types;
    if (issues.note) errors[f.note] = issues.note;
    return data({ errors, values }, { status: 400 });
  }
  try {
    await declareConflict({
      evaluatorId: user.id,
      callId: await callId(),
      organisationId: parsed.data.organisationId,
      types: parsed.data.choice === "ja" ? parsed.data.types : [],
      note: parsed.data.note,
      now: serverNow(),
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") {
      return data({ errors: refusalErrors(error, t, locale, error.field === "types" ? f.types : f.note), values }, { status: 400 });
    }
    return toResponse(error, request);
  }
  return redirect(`/bewertung/${params.slug ?? ""}?erklaert=1#traeger-${org}`);
}

type Overview = Awaited<ReturnType<typeof loader>>["overview"];

function CarrierDeclaration({
  carrier,
  errors,
  values,
}: {
  carrier: Overview["carriers"][number];
  errors: Record<string, string | undefined>;
  values: Record<string, string> | undefined;
}) {
  const { t, locale } = useTranslation();
  const f = fieldsOf(carrier.organisationId);
  const mine = values?.organisationId === carrier.organisationId ? values : undefined;
  const current = carrier.declaration;
  const checked = mine?.[f.choice] ?? (current ? (current.hasConflict ? "ja" : "nein") : undefined);
  const headingId = `traeger-${carrier.organisationId}-titel`;
  const typeNames = (types: ConflictType[]) => types.map((type) => t(`eval.declare.type.${type}`)).join("; ");
  return (
    <section id={`traeger-${carrier.organisationId}`} aria-labelledby={headingId} className="kern-card">
      <div className="kern-card__container stack">
        <h3 id={headingId} className="kern-heading-small">
          {carrier.organisationName}
        </h3>
        <p className="kern-body">
          {current
            ? current.hasConflict
              ? t("eval.declare.currentTyped", { date: when(new Date(current.declaredAt).toISOString(), locale), types: typeNames(current.types), note: current.note })
              : t("eval.declare.currentNone", { date: when(new Date(current.declaredAt).toISOString(), locale), note: current.note })
            : t("eval.declare.missing")}
        </p>
        {current?.hasConflict ? (
          <p className="kern-body kern-body--bold">
            {current.decision === null
              ? t("eval.declare.pending")
              : current.decision.outcome === "exclude"
                ? t("eval.declare.excluded")
                : t("eval.declare.allowed", { reason: current.decision.reason })}
          </p>
        ) : null}
        <Form method="post" className="stack form-page">
          <input type="hidden" name="intent" value="declare" />
          <input type="hidden" name="organisationId" value={carrier.organisationId} />
          <RadioGroup
            name={f.choice}
            legend={t("eval.declare.legend", { organisation: carrier.organisationName })}
            defaultValue={checked}
            error={errors[f.choice]}
            options={[
              { value: "nein", label: t("eval.declare.noConflict") },
              { value: "ja", label: t("eval.declare.conflict") },
            ]}
            layout="vertical"
          />
          <fieldset
            className={`kern-fieldset${errors[f.types] ? " kern-fieldset--error" : ""}`}
            id={`feld-${f.types}`}
            tabIndex={-1}
            aria-describedby={errors[f.types] ? `feld-${f.types}-fehler` : undefined}
          >
            <legend className="kern-label">{t("eval.declare.typesLegend", { organisation: carrier.organisationName })}</legend>
            <FieldMessages id={`feld-${f.types}`} error={errors[f.types]} />
            <div className="kern-fieldset__body">
              {conflictTypes.map((type) => (
                <Checkbox
                  key={type}
                  name={f.type(type)}
                  label={t(`eval.declare.type.${type}`)}
                  defaultChecked={mine ? mine[f.type(type)] === "ja" : (current?.types.includes(type) ?? false)}
                />
              ))}
            </div>
          </fieldset>
          <TextArea
            name={f.note}
            label={t("eval.declare.note", { organisation: carrier.organisationName })}
            hint={t("eval.declare.noteHint")}
            error={errors[f.note]}
            rows={2}
            maxLength={MAX_CONFLICT_NOTE_CHARS}
            defaultValue={mine?.[f.note] ?? current?.note ?? ""}
          />
          <SubmitButton kind="secondary" label={t(current ? "eval.declare.change" : "eval.declare.submit", { organisation: carrier.organisationName })} />
        </Form>
      </div>
    </section>
  );
}

function Certification({ overview, error }: { overview: Overview; error: string | undefined }) {
  const { t, locale } = useTranslation();
  const c = overview.certification;
  return (
    <Section level={2} className="stack" title={t("eval.certify.title")} id="versicherung">
      <p className="kern-body">{t("eval.certify.intro")}</p>
      {c.current && c.certifiedAt ? (
        <p className="kern-body kern-body--bold">{t("eval.certify.current", { date: when(new Date(c.certifiedAt).toISOString(), locale) })}</p>
      ) : (
        <>
          {c.certifiedAt ? <p className="kern-body">{t("eval.certify.outdated", { date: when(new Date(c.certifiedAt).toISOString(), locale) })}</p> : null}
          {c.problem ? (
            <p className="kern-body">{t(c.problem.key, c.problem.params as never)}</p>
          ) : (
            <Form method="post" className="stack form-page">
              <input type="hidden" name="intent" value="certify" />
              <Checkbox name="versicherung" label={t("eval.certify.label")} error={error} />
              <SubmitButton label={t("eval.certify.submit")} />
            </Form>
          )}
        </>
      )}
    </Section>
  );
}

export default function EvaluatorCall() {
  const { overview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values as Record<string, string> | undefined;
  const base = `/bewertung/${overview.call.slug}`;
  const undeclared = overview.carriers.filter((c) => !c.declaration).length;
  return (
    <div className="stack">
      <WorkspaceHeader trail={[{ label: t("eval.mine.title"), to: "/bewertung" }, { label: overview.call.title }]} />
      {params.get("erklaert") ? (
        <DoneNotice>{t("eval.declare.done")}</DoneNotice>
      ) : null}
      {params.get("versichert") ? <DoneNotice>{t("eval.certify.done")}</DoneNotice> : null}
      <ErrorSummary errors={errors} fieldOrder={[]} />
      <p className="kern-body">{t("eval.call.lots")}</p>
      <ul className="kern-list">
        {overview.assignedLots.map((l) => (
          <li key={l.lotId}>{lotLabel(l, t)}</li>
        ))}
      </ul>

      {!overview.opened ? (
        <p className="kern-body kern-body--bold">{t("eval.call.notOpened")}</p>
      ) : (
        <>
          <Section level={2} className="stack" title={t("eval.declare.title")}>
            <p className="kern-body">{t("eval.declare.intro")}</p>
            {overview.carriers.length === 0 ? <p className="kern-body">{t("eval.declare.noCarriers")}</p> : null}
            {overview.carriers.map((c) => (
              <CarrierDeclaration key={c.organisationId} carrier={c} errors={errors} values={values} />
            ))}
          </Section>

          <Section level={2} className="stack" title={t("eval.bids.title")}>
            {!overview.declaredAll ? (
              <p className="kern-body kern-body--bold">{t("eval.bids.declareFirst", { count: undeclared })}</p>
            ) : overview.bids.length === 0 ? (
              <p className="kern-body">{t("eval.bids.none")}</p>
            ) : (
              <DataTable
                id="angebote-tabelle"
                caption={t("eval.bids.caption")}
                columns={[{ label: t("eval.bids.col.lot") }, { label: t("eval.bids.col.organisation"), rowHeader: true }, { label: t("eval.bids.col.state") }]}
                rows={overview.bids.map((b) => [
                  t("eval.bids.lot", { number: b.lotNumber }),
                  <Link className="kern-link" to={`${base}/${b.submissionId}/${b.lotId}`}>
                    {t("eval.bids.open", { organisation: b.organisationName, lot: b.lotNumber })}
                  </Link>,
                  b.finalised ? t("eval.bids.state.final") : b.scored > 0 ? t("eval.bids.state.draft", { count: b.scored }) : t("eval.bids.state.open"),
                ])}
              />
            )}
          </Section>
          {overview.declaredAll && overview.bids.length > 0 ? <Certification overview={overview} error={errors.versicherung} /> : null}
        </>
      )}
    </div>
  );
}
