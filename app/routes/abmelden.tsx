import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { PageHeader } from "../components/page-header";
import { useTranslation } from "../i18n/use-translation";
import { endSession } from "../identity/sessions.server";
import { now as serverNow } from "../infra/clock.server";
import { SubmitButton } from "../components/form";

export const meta: MetaFunction = () => [{ title: "Abmelden" }];

export async function action({ request }: ActionFunctionArgs) {
  return redirect("/", { headers: { "Set-Cookie": await endSession(request, serverNow()) } });
}

// GET shows a confirmation form: signing out changes state, so it is never a plain link.
export default function SignOut() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("signOut.title") }]} />
      <p className="kern-body">{t("signOut.intro")}</p>
      <Form method="post">
        <SubmitButton label={t("signOut.submit")} />
      </Form>
    </div>
  );
}
