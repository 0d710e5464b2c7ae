import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert } from "../components/alert";
import { PageHeader } from "../components/page-header";
import { ErrorSummary, SubmitButton, TextField } from "../components/form";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { sendInvitationMail } from "../identity/carrier-mails.server";
import { InvitationInput, inviteMember, listMembers } from "../identity/carriers.server";
import { requireCarrier } from "../identity/sessions.server";
import { DomainError } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { now as serverNow } from "../infra/clock.server";

export const meta: MetaFunction = () => [{ title: "Mitglieder der Organisation" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { carrier } = await requireCarrier(request);
  return { carrier, members: await listMembers(carrier.organisationId) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireCarrier(request);
  const { t, locale } = await getTranslator(request);
  const values = formValues(await request.formData());
  const parsed = validateForm(InvitationInput, values, t);
  if (!parsed.ok) return data({ errors: parsed.errors, values, invited: null }, { status: 400 });
  try {
    const invitation = await inviteMember({ actorUserId: user.id, email: parsed.data.email, now: serverNow() });
    await sendInvitationMail(request, {
      email: parsed.data.email,
      inviterName: invitation.inviterName,
      organisationName: invitation.organisationName,
      token: invitation.token,
      validUntil: invitation.expiresAt,
    });
    return data({ errors: {}, values: { email: "" } as Record<string, string>, invited: parsed.data.email });
  } catch (error) {
    if (error instanceof DomainError) return data({ errors: refusalErrors(error, t, locale, "email"), values, invited: null }, { status: 400 });
    throw error;
  }
}

export default function Members() {
  const { carrier, members } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("dashboard.title"), to: "/traeger" }, { label: t("members.title") }]} />
      <p className="kern-body">{carrier.organisationName}</p>
      <ul className="kern-list kern-list--bullet">
        {members.map((m) => (
          <li key={m.id}>
            {m.name} ({m.email}){m.confirmedAt ? "" : ` – ${t("members.unconfirmed")}`}
          </li>
        ))}
      </ul>
      <h2 className="kern-heading-medium">{t("members.invite")}</h2>
      {result?.invited ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t("members.invited", { email: result.invited })}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={["email"]} />
      <Form method="post" noValidate className="stack form-page">
        <TextField name="email" type="email" label={t("members.email")} defaultValue={result?.values?.email} error={errors.email} />
        <SubmitButton label={t("members.submit")} />
      </Form>
    </div>
  );
}
