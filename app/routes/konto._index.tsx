// Mein Konto: who is signed in, and the way to change the password and the second factor.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert } from "../components/alert";
import { DescriptionList } from "../components/description-list";
import { PageHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { useTranslation } from "../i18n/use-translation";
import { requireUser } from "../identity/sessions.server";

export const meta: MetaFunction = () => [{ title: "Mein Konto" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user: { name: user.name, email: user.email, role: user.role } };
}

export default function MyAccount() {
  const { user } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("account.title") }]} />
      {params.get("passwort") === "geaendert" ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t("account.passwordChanged")}</p>
        </Alert>
      ) : null}
      <DescriptionList
        items={[
          { label: t("account.name"), value: user.name },
          { label: t("account.email"), value: user.email },
          { label: t("account.role"), value: t(`role.${user.role}` as MessageKey) },
        ]}
      />
      <ul className="kern-list">
        <li>
          <Link className="kern-link" to="/konto/passwort">
            {t("account.password")}
          </Link>
        </li>
        {user.role !== "carrier" ? (
          <li>
            <Link className="kern-link" to="/konto/zwei-faktor">
              {t("account.secondFactor")}
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
