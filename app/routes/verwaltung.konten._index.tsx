// Kontenverwaltung: the staff accounts with filters, the role grants waiting for a second
// administrator, and the form that creates an account (decision 0035).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { Alert } from "../components/alert";
import { DataTable } from "../components/data-table";
import { ErrorSummary, Select, SubmitButton, TextField } from "../components/form";
import { PageHeader } from "../components/page-header";
import type { MessageKey } from "../i18n";
import { formatDateTime } from "../i18n/format";
import { getTranslator } from "../i18n/locale.server";
import { refusalErrors } from "../i18n/refusal";
import { useTranslation } from "../i18n/use-translation";
import { sendStaffInvitationMail } from "../identity/account-mails.server";
import { requireAdministrator, withoutSecondFactor } from "../identity/admin-http.server";
import {
  confirmGrant,
  createStaffAccount,
  listPendingGrants,
  listStaffAccounts,
  withdrawGrant,
} from "../identity/staff-accounts.server";
import { NewStaffAccount, STAFF_ROLES, type AccountState } from "../identity/staff-roles";
import { now as serverNow } from "../infra/clock.server";
import { DomainError, httpStatusOf } from "../infra/errors";
import { formValues, validateForm } from "../infra/forms.server";
import { publicBaseUrl } from "../infra/http.server";

export const meta: MetaFunction = () => [{ title: "Konten der Verwaltung" }];

const STATES: AccountState[] = ["active", "disabled", "invited"];
const Filter = z.object({
  rolle: z.enum(STAFF_ROLES).optional().catch(undefined),
  zustand: z.enum(["active", "disabled", "invited"]).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireAdministrator(request);
  const filter = Filter.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    me: session.user.id,
    filter,
    accounts: await listStaffAccounts({ role: filter.rolle, state: filter.zustand }),
    pending: await listPendingGrants(),
  };
}

const GrantDecision = z.object({ intent: z.enum(["confirm", "withdraw"]), grantId: z.string().min(1) });

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireAdministrator(request);
  const { t, locale } = await getTranslator(request);
  const refused = withoutSecondFactor(session, t);
  if (refused) return refused;
  const values = formValues(await request.formData());
  const now = serverNow();
  const actorUserId = session.user.id;
  try {
    if (values.intent === "confirm" || values.intent === "withdraw") {
      const decision = GrantDecision.safeParse(values);
      if (!decision.success) throw new Response("Bad Request", { status: 400 });
      if (decision.data.intent === "withdraw") {
        await withdrawGrant({ actorUserId, grantId: decision.data.grantId, now });
        return redirect("/verwaltung/konten?erledigt=withdrawn");
      }
      const confirmed = await confirmGrant({ actorUserId, grantId: decision.data.grantId, now });
      if (confirmed.invitation) await sendStaffInvitationMail(publicBaseUrl(request), confirmed.invitation);
      return redirect("/verwaltung/konten?erledigt=confirmed");
    }
    const parsed = validateForm(NewStaffAccount, values, t);
    if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
    const outcome = await createStaffAccount({ actor: { kind: "administrator", userId: actorUserId }, input: parsed.data, now });
    if (outcome.kind === "proposed") return redirect("/verwaltung/konten?erledigt=proposed");
    await sendStaffInvitationMail(publicBaseUrl(request), outcome.invitation);
    return redirect(`/verwaltung/konten?eingeladen=${encodeURIComponent(outcome.invitation.email)}`);
  } catch (error) {
    if (error instanceof DomainError && error.code !== "NOT_FOUND") {
      return data({ errors: refusalErrors(error, t, locale), values }, { status: httpStatusOf(error) });
    }
    if (error instanceof DomainError) return data({ errors: refusalErrors(error, t, locale), values }, { status: 404 });
    throw error;
  }
}

const DONE: Record<string, MessageKey> = {
  proposed: "accounts.create.proposed",
  confirmed: "accounts.done.confirmed",
  withdrawn: "accounts.done.withdrawn",
};

export default function Accounts() {
  const { me, filter, accounts, pending } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useTranslation();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const v: Record<string, string | undefined> = result?.values ?? {};
  const done = DONE[params.get("erledigt") ?? ""];
  const invited = params.get("eingeladen");
  const roleLabel = (role: string) => t(`role.${role}` as MessageKey);
  const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: roleLabel(r) }));
  return (
    <div className="stack">
      <PageHeader trail={[{ label: t("accounts.title") }]} />
      <p className="kern-body">{t("accounts.intro")}</p>
      {done ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t(done)}</p>
        </Alert>
      ) : null}
      {invited ? (
        <Alert tone="success" role="status">
          <p className="kern-body">{t("accounts.create.invited", { email: invited })}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} fieldOrder={["_form", "name", "email", "role"]} />

      <section aria-labelledby="offene-vergaben" className="stack">
        <h2 id="offene-vergaben" className="kern-heading-medium">
          {t("accounts.pending.title")}
        </h2>
        <p className="kern-body">{t("accounts.pending.intro")}</p>
        {pending.length === 0 ? (
          <p className="kern-body">{t("accounts.pending.none")}</p>
        ) : (
          <DataTable
            caption={t("accounts.pending.caption", { count: String(pending.length) })}
            columns={[{ label: t("accounts.pending.person") }, { label: t("accounts.pending.role") }, { label: t("accounts.pending.proposedBy") }, { label: t("accounts.pending.actions") }]}
            rows={pending.map((g) => [
              <>
                {g.name} ({g.email}){g.userId ? "" : ` – ${t("accounts.pending.newAccount")}`}
              </>,
              roleLabel(g.role),
              `${g.proposedByName ?? t("accounts.pending.cli")}, ${formatDateTime(new Date(g.proposedAt), locale)}`,
              <div key={g.id} className="stack">
                {g.proposedByUserId === me ? <p className="kern-body">{t("accounts.pending.yours")}</p> : null}
                <div className="button-row">
                  {g.proposedByUserId !== me && g.userId !== me ? (
                    <Form method="post">
                      <input type="hidden" name="grantId" value={g.id} />
                      <SubmitButton name="intent" value="confirm" label={t("accounts.pending.confirm", { name: g.name })} />
                    </Form>
                  ) : null}
                  <Form method="post">
                    <input type="hidden" name="grantId" value={g.id} />
                    <SubmitButton kind="secondary" name="intent" value="withdraw" label={t("accounts.pending.withdraw", { name: g.name })} />
                  </Form>
                </div>
              </div>,
            ])}
          />
        )}
      </section>

      <section aria-labelledby="konten" className="stack">
        <h2 id="konten" className="kern-heading-medium">
          {t("accounts.title")}
        </h2>
        <Form method="get" className="stack">
          <fieldset className="kern-fieldset">
            <legend className="kern-label">{t("accounts.filter.legend")}</legend>
            <div className="button-row">
              <Select name="rolle" label={t("accounts.filter.role")} defaultValue={filter.rolle ?? ""} options={[{ value: "", label: t("accounts.filter.all") }, ...roleOptions]} />
              <Select
                name="zustand"
                label={t("accounts.filter.state")}
                defaultValue={filter.zustand ?? ""}
                options={[{ value: "", label: t("accounts.filter.all") }, ...STATES.map((s) => ({ value: s, label: t(`accounts.state.${s}`) }))]}
              />
            </div>
          </fieldset>
          <SubmitButton kind="secondary" label={t("accounts.filter.submit")} />
        </Form>
        {accounts.length === 0 ? (
          <p className="kern-body">{t("accounts.table.empty")}</p>
        ) : (
          <DataTable
            id="konten-tabelle"
            caption={t("accounts.table.caption", { count: String(accounts.length) })}
            columns={[
              { label: t("accounts.table.name") },
              { label: t("accounts.table.email") },
              { label: t("accounts.table.role") },
              { label: t("accounts.table.state") },
              { label: t("accounts.table.secondFactor") },
              { label: t("accounts.table.lastSignIn") },
            ]}
            rows={accounts.map((a) => [
              <Link key={a.id} className="kern-link" to={`/verwaltung/konten/${a.id}`}>
                {a.name}
              </Link>,
              a.email,
              roleLabel(a.role),
              t(`accounts.state.${a.state}`),
              t(a.secondFactor ? "accounts.factor.set" : "accounts.factor.missing"),
              a.lastSignInAt ? formatDateTime(new Date(a.lastSignInAt), locale) : t("accounts.table.never"),
            ])}
          />
        )}
      </section>

      <section aria-labelledby="konto-anlegen" className="stack form-page">
        <h2 id="konto-anlegen" className="kern-heading-medium">
          {t("accounts.create.title")}
        </h2>
        <p className="kern-body">{t("accounts.create.intro")}</p>
        <Form method="post" noValidate className="stack">
          <TextField name="name" label={t("accounts.create.name")} autoComplete="off" defaultValue={v.name} error={errors.name} />
          <TextField name="email" type="email" label={t("accounts.create.email")} autoComplete="off" defaultValue={v.email} error={errors.email} />
          <Select name="role" label={t("accounts.create.role")} defaultValue={v.role ?? ""} options={[{ value: "", label: t("accounts.create.chooseRole") }, ...roleOptions]} error={errors.role} />
          <SubmitButton label={t("accounts.create.submit")} />
        </Form>
      </section>
    </div>
  );
}
