// One staff account: its facts and the administrator's acts on it, each its own form with a
// confirmation box (they work without JavaScript; decision 0035).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../components/alert";
import { DescriptionList } from "../components/description-list";
import { Checkbox, ErrorSummary, Select, SubmitButton } from "../components/form";
import { PageHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { requireAdministrator, withoutSecondFactor } from "../identity/admin-http.server";
import {
  changeRole,
  listPendingGrants,
  resetAccountSecondFactor,
  setAccountDisabled,
  signOutAccountEverywhere,
  staffAccount,
  type AccountActor,
} from "../identity/staff-accounts.server";
import { STAFF_ROLES } from "../identity/staff-roles";
import { now as serverNow } from "../infra/clock.server";
import { DomainError, httpStatusOf } from "../infra/errors";
import { formValues } from "../infra/forms.server";
import { notFound } from "../infra/http.server";

export const meta: MetaFunction = () => [{ title: "Konto" }];

async function accountOr404(userId: string | undefined) {
  try {
    return await staffAccount(userId ?? "");
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const session = await requireAdministrator(request);
  const account = await accountOr404(params.userId);
  const pending = (await listPendingGrants()).find((g) => g.userId === account.id) ?? null;
  return { account, own: account.id === session.user.id, pendingRole: pending?.role ?? null };
}

// The acts that change more than a role ask for the box "Ja, ich bin sicher".
const Act = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("role"), role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: "accounts.roleMissing" }) }) }),
  z.object({ intent: z.enum(["disable", "enable", "factor", "signOut"]), sicher: z.literal("ja").optional() }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const session = await requireAdministrator(request);
  const { t, locale } = await getTranslator(request);
  const refused = withoutSecondFactor(session, t);
  if (refused) return refused;
  const account = await accountOr404(params.userId);
  const parsed = Act.safeParse(formValues(await request.formData()));
  if (!parsed.success) {
    return data({ errors: { role: t("accounts.roleMissing") } as Record<string, string>, values: { intent: "role" } as Record<string, string> }, { status: 400 });
  }
  const act = parsed.data;
  if (act.intent !== "role" && act.intent !== "enable" && !act.sicher) {
    return data({ errors: { [`sicher-${act.intent}`]: t("accounts.confirmMissing") } as Record<string, string>, values: { intent: act.intent } as Record<string, string> }, { status: 400 });
  }
  const actor: AccountActor = { kind: "administrator", userId: session.user.id };
  const opts = { actor, userId: account.id, now: serverNow() };
  const back = (done: string) => redirect(`/verwaltung/konten/${account.id}?erledigt=${done}`);
  try {
    switch (act.intent) {
      case "role":
        return back((await changeRole({ ...opts, role: act.role })).kind === "proposed" ? "role-proposed" : "role-changed");
      case "disable":
      case "enable":
        await setAccountDisabled({ ...opts, disabled: act.intent === "disable" });
        return back(act.intent === "disable" ? "disabled" : "enabled");
      case "factor":
        await resetAccountSecondFactor(opts);
        return back("factor-reset");
      case "signOut":
        await signOutAccountEverywhere(opts);
        return back("signed-out");
    }
  } catch (error) {
    if (error instanceof DomainError) return data({ errors: refusalErrors(error, t, locale), values: { intent: act.intent } as Record<string, string> }, { status: httpStatusOf(error) });
    throw error;
  }
}

const DONE = ["role-changed", "role-proposed", "disabled", "enabled", "factor-reset", "signed-out"] as const;

export default function Account() {
  const { account, own, pendingRole } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const done = DONE.find((d) => d === params.get("erledigt"));
  const roleLabel = (role: string) => t(`role.${role}` as MessageKey);
  const confirmed = (intent: string, title: MessageKey, hint: MessageKey, submit: MessageKey, withBox = true) => (
    <section aria-labelledby={`titel-${intent}`} className="stack form-page">
      <h2 id={`titel-${intent}`} className="kern-heading-small">
        {t(title)}
      </h2>
      <p className="kern-body">{t(hint)}</p>
      <Form method="post" noValidate className="stack">
        <input type="hidden" name="intent" value={intent} />
        {withBox ? <Checkbox id={`feld-sicher-${intent}`} name="sicher" label={t("accounts.detail.confirm")} error={errors[`sicher-${intent}`]} /> : null}
        <SubmitButton kind="secondary" label={t(submit)} />
      </Form>
    </section>
  );
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("accounts.title"), to: "/verwaltung/konten" }, { label: account.name }]} title={t("accounts.detail.title", { name: account.name })} />
      {done ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t(`accounts.done.${done}`)}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={["_form", "role", "sicher-disable", "sicher-factor", "sicher-signOut"]} />
      <DescriptionList
        items={[
          { label: t("accounts.table.email"), value: account.email },
          { label: t("accounts.table.role"), value: roleLabel(account.role) },
          { label: t("accounts.table.state"), value: t(`accounts.state.${account.state}`) },
          { label: t("accounts.table.secondFactor"), value: t(account.secondFactor ? "accounts.factor.set" : "accounts.factor.missing") },
          { label: t("accounts.table.lastSignIn"), value: account.lastSignInAt ? formatDateTime(new Date(account.lastSignInAt), locale) : t("accounts.table.never") },
        ]}
      />
      {pendingRole ? <p className="kern-body">{t("accounts.detail.pending", { role: roleLabel(pendingRole) })}</p> : null}
      {own ? (
        <p className="kern-body">{t("accounts.detail.ownAccount")}</p>
      ) : (
        <>
          <section aria-labelledby="titel-role" className="stack form-page">
            <h2 id="titel-role" className="kern-heading-small">
              {t("accounts.detail.role.title")}
            </h2>
            <p className="kern-body">{t("accounts.detail.role.hint")}</p>
            <Form method="post" noValidate className="stack">
              <input type="hidden" name="intent" value="role" />
              <Select name="role" label={t("accounts.table.role")} defaultValue={account.role} options={STAFF_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} error={errors.role} />
              <SubmitButton kind="secondary" label={t("accounts.detail.role.submit")} />
            </Form>
          </section>
          {account.state === "disabled"
            ? confirmed("enable", "accounts.detail.enable.title", "accounts.detail.enable.hint", "accounts.detail.enable.submit", false)
            : confirmed("disable", "accounts.detail.disable.title", "accounts.detail.disable.hint", "accounts.detail.disable.submit")}
          {confirmed("factor", "accounts.detail.factor.title", "accounts.detail.factor.hint", "accounts.detail.factor.submit")}
          {confirmed("signOut", "accounts.detail.signOut.title", "accounts.detail.signOut.hint", "accounts.detail.signOut.submit")}
        </>
      )}
      <p className="kern-body">
        <Link className="kern-link" to="/verwaltung/konten">
          {t("accounts.detail.back")}
        </Link>
      </p>
    </div>
  );
}
