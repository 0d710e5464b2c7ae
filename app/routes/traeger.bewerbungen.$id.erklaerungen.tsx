import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ApplicationStatusBanner } from "../components/application-status";
import { DoneNotices } from "../components/done-notice";
import { Checkbox, ErrorSummary, RadioGroup, SubmitButton, TextArea, TextField } from "../components/form";
import { LinkParagraph } from "../components/links";
import { PageHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireCarrier } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues } from "../infra/forms.server";
import { toResponse } from "../infra/http.server";
import { applicationHeading, loadApplication, saveDeclaration, type DeclarationInput } from "../submission/applications.server";
import { exclusionGrounds, groundName, isMandatoryGround, MIN_SELF_CLEANING_CHARS, type Declaration } from "../submission/declarations";

export const meta: MetaFunction = () => [{ title: "Erklärungen" }];

// The declarations step (decision 0019): the pay declaration and the declaration on exclusion
// grounds in Textform. Thin: the rules are app/submission/declarations.ts, the use case
// saveDeclaration. Each form's fields carry its prefix, so that the two never share a name.
const PREFIX = { pay: "lohn-", exclusion: "ausschluss-" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireCarrier(request);
  try {
    const a = await loadApplication({ actor, applicationId: params.id ?? "", now: serverNow() });
    return {
      application: { ...applicationHeading(a), callSlug: a.call.slug },
      declarations: a.draft.declarations,
    };
  } catch (error) {
    return toResponse(error, request);
  }
}

function inputFrom(values: Record<string, string>): DeclarationInput | null {
  const field = (kind: keyof typeof PREFIX, name: string) => values[`${PREFIX[kind]}${name}`] ?? "";
  if (values.intent === "pay") return { kind: "pay", name: field("pay", "name"), role: field("pay", "funktion"), confirmed: values["lohn-bestaetigt"] === "ja" };
  if (values.intent !== "exclusion") return null;
  const choice = values["ausschluss-auswahl"];
  return {
    kind: "exclusion",
    name: field("exclusion", "name"),
    role: field("exclusion", "funktion"),
    choice: choice === "none" || choice === "some" ? choice : "",
    applies: Object.fromEntries(exclusionGrounds.filter((g) => values[`ausschluss-grund-${g}`] === "ja").map((g) => [g, values[`ausschluss-selbstreinigung-${g}`] ?? ""])),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const applicationId = params.id ?? "";
  const values = formValues(await request.formData());
  const input = inputFrom(values);
  try {
    if (!input) {
      await loadApplication({ actor, applicationId, now: serverNow() }); // another carrier's stays a 404
      throw new Response("Bad Request", { status: 400 });
    }
    const { errors } = await saveDeclaration({ actor, applicationId, input, now: serverNow() });
    if (errors.length) {
      const messages: Record<string, string> = {};
      for (const e of errors) messages[`${PREFIX[input.kind]}${e.field}`] ??= t(e.key as MessageKey, e.params);
      return data({ errors: messages, values }, { status: 400 });
    }
    return redirect(`/traeger/bewerbungen/${applicationId}/erklaerungen?gespeichert=1#erklaerung-${input.kind}`);
  } catch (error) {
    if (error instanceof DomainError && error.code === "DEADLINE_PASSED") return data({ errors: refusalErrors(error, t, locale), values }, { status: 409 });
    return toResponse(error, request);
  }
}

const NOTICES = [["gespeichert", "declaration.saved"]] as const;

function Made({ declaration }: { declaration: Declaration | null }) {
  const { t, locale } = useTranslation();
  if (!declaration) return <p className="kern-body">{t("declaration.notMade")}</p>;
  const s = declaration.signature;
  return (
    <div className="stack">
      <p className="kern-body kern-body--bold">{t("declaration.made", { date: formatDateTime(new Date(s.declaredAt), locale), name: s.name, role: s.role })}</p>
      {declaration.text.split("\n").map((line, i) => (
        <p key={i} className="kern-body">
          {line}
        </p>
      ))}
    </div>
  );
}

export default function Declarations() {
  const { application: a, declarations } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values: Record<string, string> | undefined = result?.values;
  const base = `/traeger/bewerbungen/${a.id}`;
  const posted = (kind: "pay" | "exclusion") => values?.intent === kind;
  const value = (kind: "pay" | "exclusion", name: string, fallback: string) => (posted(kind) ? (values?.[`${PREFIX[kind]}${name}`] ?? "") : fallback);
  const ex = declarations.exclusion;
  const declaredCleaning = (g: string) => ex?.grounds.find((x) => x.ground === g)?.selfCleaning;
  const exChoice = posted("exclusion") ? values?.["ausschluss-auswahl"] : ex ? (ex.grounds.length ? "some" : "none") : undefined;
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("application.title"), to: base }, { label: t("declaration.title") }]} />
      <p className="kern-body">{a.callTitle}</p>
      <ApplicationStatusBanner status={a.status} latest={a.latestSubmission} changedSinceSubmission={a.changedSinceSubmission} editable={a.editable} deadline={a.deadline} />
      <DoneNotices notices={NOTICES} />
      <ErrorSummary errors={errors} fieldOrder={["_form"]} />
      <p className="kern-body">{t("declaration.intro")}</p>

      <section id="erklaerung-pay" aria-labelledby="titel-pay" className="kern-card">
        <div className="kern-card__container stack">
          <h2 id="titel-pay" className="kern-heading-medium">
            {t("declaration.pay.title")}
          </h2>
          <Made declaration={declarations.pay} />
          {a.editable ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="pay" />
              <p className="kern-body">{t("declaration.pay.statement")}</p>
              <p className="kern-body">
                <Link className="kern-link" to={`/aufrufe/${a.callSlug}#leistungen`}>
                  {t("declaration.pay.callLink")}
                </Link>
              </p>
              <TextField name="lohn-name" label={t("declaration.name")} defaultValue={value("pay", "name", declarations.pay?.signature.name ?? "")} error={errors["lohn-name"]} autoComplete="name" />
              <TextField name="lohn-funktion" label={t("declaration.role")} hint={t("declaration.roleHint")} defaultValue={value("pay", "funktion", declarations.pay?.signature.role ?? "")} error={errors["lohn-funktion"]} />
              <Checkbox name="lohn-bestaetigt" label={t("declaration.pay.confirm")} error={errors["lohn-bestaetigt"]} defaultChecked={posted("pay") ? values?.["lohn-bestaetigt"] === "ja" : Boolean(declarations.pay)} />
              <SubmitButton label={t("declaration.pay.submit")} />
            </Form>
          ) : null}
        </div>
      </section>

      <section id="erklaerung-exclusion" aria-labelledby="titel-exclusion" className="kern-card">
        <div className="kern-card__container stack">
          <h2 id="titel-exclusion" className="kern-heading-medium">
            {t("declaration.exclusion.title")}
          </h2>
          <Made declaration={ex} />
          {a.editable ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="exclusion" />
              <TextField name="ausschluss-name" label={t("declaration.name")} defaultValue={value("exclusion", "name", ex?.signature.name ?? "")} error={errors["ausschluss-name"]} autoComplete="name" />
              <TextField name="ausschluss-funktion" label={t("declaration.role")} hint={t("declaration.roleHint")} defaultValue={value("exclusion", "funktion", ex?.signature.role ?? "")} error={errors["ausschluss-funktion"]} />
              <RadioGroup
                name="ausschluss-auswahl"
                legend={t("declaration.exclusion.choice")}
                layout="vertical"
                options={[
                  { value: "none", label: t("declaration.exclusion.none") },
                  { value: "some", label: t("declaration.exclusion.some") },
                ]}
                defaultValue={exChoice}
                error={errors["ausschluss-auswahl"]}
              />
              <fieldset className="kern-fieldset">
                <legend className="kern-label">{t("declaration.exclusion.grounds")}</legend>
                <div className="kern-fieldset__body stack">
                  {exclusionGrounds.map((g) => {
                    const ticked = posted("exclusion") ? values?.[`ausschluss-grund-${g}`] === "ja" : declaredCleaning(g) !== undefined;
                    return (
                      <div key={g} className="stack">
                        <Checkbox
                          name={`ausschluss-grund-${g}`}
                          label={`${t(groundName(g))} – ${t(isMandatoryGround(g) ? "ground.mandatory" : "ground.optional")}`}
                          defaultChecked={ticked}
                        />
                        <TextArea
                          name={`ausschluss-selbstreinigung-${g}`}
                          label={t("declaration.exclusion.selfCleaning")}
                          group={t(groundName(g)).split(":")[0]}
                          hint={t("declaration.exclusion.selfCleaningHint", { min: MIN_SELF_CLEANING_CHARS })}
                          defaultValue={value("exclusion", `selbstreinigung-${g}`, declaredCleaning(g) ?? "")}
                          error={errors[`ausschluss-selbstreinigung-${g}`]}
                          rows={3}
                        />
                      </div>
                    );
                  })}
                </div>
              </fieldset>
              <SubmitButton label={t("declaration.exclusion.submit")} />
            </Form>
          ) : null}
        </div>
      </section>
      <LinkParagraph to={base} label={t("declaration.back")} />
    </div>
  );
}
