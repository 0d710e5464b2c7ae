import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Breadcrumbs } from "../components/breadcrumbs";
import { useTranslation } from "../i18n/use-translation";
import { confirmEmail } from "../identity/carriers.server";
import { now as serverNow } from "../infra/clock.server";
import { SubmitButton } from "../components/form";

export const meta: MetaFunction = () => [{ title: "E-Mail-Adresse bestätigen" }];

// The link in the mail opens this page; the confirmation itself is a POST, so that
// mail scanners that follow links cannot confirm an address on their own.
export async function action({ params }: ActionFunctionArgs) {
  const result = confirmEmail({ token: params.token ?? "", now: serverNow() });
  if (!result) return data({ invalid: true }, { status: 400 });
  return redirect("/traeger?bestaetigt=1");
}

export default function ConfirmEmail() {
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="stack form-page">
      <Breadcrumbs items={[{ label: t("confirm.title") }]} />
      <h1 className="kern-heading-x-large">{t("confirm.title")}</h1>
      {result?.invalid ? (
        <div className="kern-alert kern-alert--danger" role="alert">
          <div className="kern-alert__body">
            <p className="kern-body">{t("confirm.invalid")}</p>
          </div>
        </div>
      ) : null}
      <p className="kern-body">{t("confirm.intro")}</p>
      <Form method="post">
        <SubmitButton label={t("confirm.submit")} />
      </Form>
    </div>
  );
}
