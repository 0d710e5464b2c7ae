import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Alert } from "../components/alert";
import { PageHeader } from "../components/page-header";
import { useTranslation } from "../i18n/use-translation";
import { confirmEmail } from "../identity/carriers.server";
import { now as serverNow } from "../infra/clock.server";
import { SubmitButton } from "../components/form";

export const meta: MetaFunction = () => [{ title: "E-Mail-Adresse bestätigen" }];

// The link in the mail opens this page; the confirmation itself is a POST, so that
// mail scanners that follow links cannot confirm an address on their own.
export async function action({ params }: ActionFunctionArgs) {
  const result = await confirmEmail({ token: params.token ?? "", now: serverNow() });
  if (!result) return data({ invalid: true }, { status: 400 });
  return redirect("/traeger?bestaetigt=1");
}

export default function ConfirmEmail() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack form-page">
      <PageHeader trail={[{ label: t("confirm.title") }]} />
      {result?.invalid ? (
        <Alert tone="danger">
          <p className="kern-body">{t("confirm.invalid")}</p>
        </Alert>
      ) : null}
      <p className="kern-body">{t("confirm.intro")}</p>
      <Form method="post">
        <SubmitButton label={t("confirm.submit")} />
      </Form>
    </div>
  );
}
