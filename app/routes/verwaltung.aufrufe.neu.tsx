// A new call: from the template (Dresden's definition, dates moved into the future) or as
// a copy of an existing call's definition. Creates the draft and opens its editor.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { WorkspaceHeader } from "../components/page-header";
import { ErrorSummary, RadioGroup, SubmitButton, TextField } from "../components/form";
import type { MessageKey } from "../i18n";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { copyCall, createCallFromTemplate } from "../procurement/authoring.server";
import { listAllCalls } from "../procurement/calls.server";

export const meta: MetaFunction = () => [{ title: "Neuen Aufruf anlegen" }];

const FIELDS = ["source", "slug", "title"];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  return { calls: (await listAllCalls()).map((c) => ({ slug: c.slug, title: c.title, status: c.status })) };
}

const NewCall = z.object({
  source: z.string({ required_error: "authoring.new.sourceMissing" }).min(1, "authoring.new.sourceMissing"),
  slug: z.string().default(""),
  title: z.string().default(""),
});

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const parsed = validateForm(NewCall, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const { source } = parsed.data;
  const slug = parsed.data.slug.trim();
  const title = parsed.data.title.trim();
  const now = serverNow();
  let result;
  try {
    result = source.startsWith("kopie:")
      ? await copyCall({ actorUserId: user.id, fromSlug: source.slice("kopie:".length), slug, title, now })
      : source === "vorlage"
        ? await createCallFromTemplate({ actorUserId: user.id, slug, title, now })
        : null;
  } catch (error) {
    if (error instanceof DomainError && (error.code === "NOT_FOUND" || error.code === "CONFLICT")) {
      return data({ errors: refusalErrors(error, t, locale, "source"), values }, { status: 400 });
    }
    throw error;
  }
  if (!result) return data({ errors: { source: t("authoring.new.sourceMissing") }, values }, { status: 400 });
  if (!result.ok) {
    const errors: Record<string, string> = {};
    for (const e of result.errors) errors[FIELDS.includes(e.path) ? e.path : "_form"] ??= refusalMessage(e, t, locale);
    return data({ errors, values }, { status: 400 });
  }
  return redirect(`/verwaltung/aufrufe/${result.slug}/bearbeiten?angelegt=1`);
}

export default function NewCallPage() {
  const { calls } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const v: Record<string, string | undefined> = result?.values ?? {};
  return (
    <div className="stack form-page">
      <WorkspaceHeader trail={[{ label: t("authoring.new.title") }]} />
      <p className="kern-body">{t("authoring.new.intro")}</p>
      <ErrorSummary errors={errors} fieldOrder={["_form", ...FIELDS]} />
      <Form method="post" noValidate className="stack">
        <RadioGroup
          name="source"
          legend={t("authoring.new.source")}
          legendClassName="kern-heading-small"
          defaultValue={v.source ?? "vorlage"}
          error={errors.source}
          options={[
            { value: "vorlage", label: t("authoring.new.template"), hint: t("authoring.new.templateHint") },
            ...calls.map((c) => ({
              value: `kopie:${c.slug}`,
              label: t("authoring.new.copyOf", { title: c.title }),
              hint: `(${c.slug}, ${t(`status.${c.status}` as MessageKey)})`,
            })),
          ]}
          layout="vertical"
        />
        <TextField name="slug" label={t("authoring.new.slug")} hint={t("authoring.new.slugHint")} defaultValue={v.slug} error={errors.slug} autoComplete="off" />
        <TextField name="title" label={t("authoring.new.callTitle")} defaultValue={v.title} error={errors.title} autoComplete="off" />
        <SubmitButton label={t("authoring.new.submit")} />
      </Form>
    </div>
  );
}
