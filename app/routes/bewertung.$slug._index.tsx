import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { DoneNotice } from "../components/done-notice";
import { WorkspaceHeader } from "../components/page-header";
import { DataTable } from "../components/data-table";
import { Section } from "../components/section";
import { ErrorSummary, RadioGroup, SubmitButton, TextArea } from "../components/form";
import { lotLabel, when } from "../evaluation/report-document";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, translateIssues } from "../infra/forms.server";
import { notFound, toResponse } from "../infra/http.server";
import { declareConflict, evaluatorOverview } from "../evaluation/assessment.server";
import { callIdBySlug } from "../evaluation/opening.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Bewertung – ${data.overview.call.title}` : "Bewertung" }];

const MAX_DECLARATION_NOTE = 2000;

// One call for one evaluator: first a declaration about every carrier that bid in their
// lots, then (only when all are declared) the bids to score.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  try {
    const overview = evaluatorOverview({ evaluatorId: user.id, callId: callIdBySlug(params.slug ?? "") });
    if (overview.assignedLots.length === 0) notFound();
    return { overview };
  } catch (error) {
    return toResponse(error, request);
  }
}

const Declaration = z
  .object({
    organisationId: z.string().min(1),
    choice: z.enum(["nein", "ja"], { message: "eval.declare.choiceMissing" }),
    note: z.string().trim().max(MAX_DECLARATION_NOTE, "eval.declare.noteTooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.choice === "ja" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "eval.declare.noteMissing" });
  });

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["evaluator"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  if (values.intent !== "declare") throw new Response("Bad Request", { status: 400 });
  const org = values.organisationId ?? "";
  const choiceField = `erklaerung-${org}`;
  const noteField = `vermerk-${org}`;
  const parsed = Declaration.safeParse({ organisationId: org, choice: values[choiceField], note: values[noteField] ?? "" });
  if (!parsed.success) {
    const issues = translateIssues(parsed.error.issues, t);
    const errors: Record<string, string> = {};
    if (issues.choice) errors[choiceField] = issues.choice;
    if (issues.note) errors[noteField] = issues.note;
    return data({ errors, values }, { status: 400 });
  }
  try {
    declareConflict({
      evaluatorId: user.id,
      callId: callIdBySlug(params.slug ?? ""),
      organisationId: parsed.data.organisationId,
      hasConflict: parsed.data.choice === "ja",
      note: parsed.data.note,
      now: serverNow(),
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") return data({ errors: refusalErrors(error, t, locale, noteField), values }, { status: 400 });
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
  const choice = `erklaerung-${carrier.organisationId}`;
  const note = `vermerk-${carrier.organisationId}`;
  const mine = values?.organisationId === carrier.organisationId ? values : undefined;
  const current = carrier.declaration;
  const checked = mine?.[choice] ?? (current ? (current.hasConflict ? "ja" : "nein") : undefined);
  const headingId = `traeger-${carrier.organisationId}-titel`;
  return (
    <section id={`traeger-${carrier.organisationId}`} aria-labelledby={headingId} className="kern-card">
      <div className="kern-card__container stack">
        <h3 id={headingId} className="kern-heading-small">
          {carrier.organisationName}
        </h3>
        <p className="kern-body">
          {current
            ? t(current.hasConflict ? "eval.declare.currentConflict" : "eval.declare.currentNone", {
                date: when(new Date(current.declaredAt).toISOString(), locale),
                note: current.note,
              })
            : t("eval.declare.missing")}
        </p>
        <Form method="post" className="stack form-page">
          <input type="hidden" name="intent" value="declare" />
          <input type="hidden" name="organisationId" value={carrier.organisationId} />
          <RadioGroup
            name={choice}
            legend={t("eval.declare.legend", { organisation: carrier.organisationName })}
            defaultValue={checked}
            error={errors[choice]}
            options={[
              { value: "nein", label: t("eval.declare.noConflict") },
              { value: "ja", label: t("eval.declare.conflict") },
            ]}
            layout="vertical"
          />
          <TextArea
            name={note}
            label={t("eval.declare.note", { organisation: carrier.organisationName })}
            hint={t("eval.declare.noteHint")}
            error={errors[note]}
            rows={2}
            maxLength={MAX_DECLARATION_NOTE}
            defaultValue={mine?.[note] ?? current?.note ?? ""}
          />
          <SubmitButton kind="secondary" label={t(current ? "eval.declare.change" : "eval.declare.submit", { organisation: carrier.organisationName })} />
        </Form>
      </div>
    </section>
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
        </>
      )}
    </div>
  );
}
