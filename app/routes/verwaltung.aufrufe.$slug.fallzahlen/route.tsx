import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, MaxPartSizeExceededError, redirect, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Alert } from "../../components/alert";
import { CallPageHeader } from "../../components/page-header";
import { ErrorSummary, type FieldErrors } from "../../components/form";
import { berlinDay } from "../../i18n/berlin-time";
import { formatNumber } from "../../i18n/format";
import type { Locale, MessageKey, Translate } from "../../i18n";
import { getTranslator } from "../../i18n/locale.server";
import { refusalErrors, refusalMessage } from "../../i18n/refusal";
import { useTranslation } from "../../i18n/use-translation";
import { requireUser } from "../../identity/sessions.server";
import { now } from "../../infra/clock.server";
import { DomainError } from "../../infra/errors";
import { notFound } from "../../infra/http.server";
import { loadCallView } from "../../procurement/calls.server";
import { clientFiguresHistory, latestClientFigures, recordClientFigures, type FigureInput } from "../../staffing/client-figures.server";
import { CSV_TEMPLATE, decodeCsvBytes, MAX_CSV_BYTES, parseClientFiguresCsv } from "../../staffing/client-figures-csv.server";
import { figureField, readFiguresForm } from "../../staffing/figures-form";
import { TARGET_GROUPS as targetGroups } from "../../staffing/plan-text";
import { CsvUpload } from "./csv-upload";
import { CurrentFigures } from "./current-figures";
import { FiguresEntry } from "./figures-entry";
import { FiguresHistory } from "./figures-history";

export const meta: MetaFunction = () => [{ title: "Fallzahlen" }];

async function loadCall(slug: string | undefined) {
  const call = await loadCallView(slug ?? "", { includeDrafts: true });
  if (!call) notFound();
  return call;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { roles: ["officer"] });
  const call = await loadCall(params.slug);
  return {
    call: { slug: call.slug, title: call.title },
    regions: call.regions.map(({ code, name }) => ({ code, name })),
    latest: (await latestClientFigures(call.id)).byRegion,
    history: await clientFiguresHistory(call.id),
    today: berlinDay(now()),
    maxCsv: `${formatNumber(MAX_CSV_BYTES / 1024 / 1024, "de")} MB`,
    csvTemplate: CSV_TEMPLATE,
  };
}

type ActionResult = { errors: Record<string, string>; values: Record<string, string>; csvErrors?: string[] };

async function csvAction(request: Request, callId: string, regions: { code: string; name: string }[], userId: string, t: Translate, locale: Locale) {
  const fail = (errors: Record<string, string>, csvErrors?: string[]) => data<ActionResult>({ errors, values: {}, csvErrors }, { status: 400 });
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return fail({ datei: t("staffing.error.fileSize", { max: `${MAX_CSV_BYTES / 1024 / 1024} MB` }) });
    // A truncated or malformed body (the upload broke off): nothing was read, ask again.
    return fail({ datei: t("staffing.error.file") });
  }
  const file = form.get("datei");
  if (!(file instanceof Blob) || file.size === 0) return fail({ datei: t("staffing.error.file") });
  const text = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  if (text === null) return fail({ datei: t("staffing.error.fileType") });
  const parsed = parseClientFiguresCsv(text, { regions });
  if (!parsed.ok) return fail({ datei: t("staffing.figures.csvRejected") }, parsed.errors.map((e) => refusalMessage(e, t, locale)));
  try {
    const result = await recordClientFigures({
      callId,
      asOf: parsed.figures[0].asOf,
      figures: parsed.figures.map(({ regionCode, targetGroup, count, asOf, line }): FigureInput => ({ regionCode, targetGroup, count, asOf, line })),
      userId,
      source: "csv",
      now: now(),
    });
    return { result };
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") return fail({ datei: t("staffing.figures.csvRejected") }, [refusalMessage(error, t, locale)]);
    throw error;
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { roles: ["officer"] });
  const { t, locale } = await getTranslator(request);
  const call = await loadCall(params.slug);
  const base = `/verwaltung/aufrufe/${call.slug}/fallzahlen`;
  const done = (result: Awaited<ReturnType<typeof recordClientFigures>>) => {
    const plan = result.plan === null ? "" : result.plan.id ? "&plan=neu" : "&plan=offen";
    return redirect(`${base}?gespeichert=${result.rows}${plan}`);
  };

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const outcome = await csvAction(request, call.id, call.regions, user.id, t, locale);
    return "result" in outcome ? done(outcome.result) : outcome;
  }

  const form = await request.formData();
  const values: Record<string, string> = {};
  for (const [k, v] of form) if (typeof v === "string") values[k] = v;
  const { asOf, figures, problems } = readFiguresForm(values, call.regions);
  const errors: Record<string, string> = {};
  for (const p of problems) {
    errors[p.field] = p.region ? `${p.region.name}, ${t(`staffing.groupShort.${p.region.group}` as MessageKey)}: ${t(p.key)}` : t(p.key);
  }
  if (Object.keys(errors).length) return data<ActionResult>({ errors, values }, { status: 400 });
  try {
    return done(await recordClientFigures({ callId: call.id, asOf, figures, userId: user.id, source: "form", now: now() }));
  } catch (error) {
    if (error instanceof DomainError && error.code === "INVALID") {
      return data<ActionResult>({ errors: refusalErrors(error, t, locale), values }, { status: 400 });
    }
    throw error;
  }
}

/** What the page and its parts get from the loader. */
export type FiguresData = Awaited<ReturnType<typeof loader>>;

export default function ClientFiguresPage() {
  const { call, regions, latest, history, today, maxCsv, csvTemplate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const errors: FieldErrors = result?.errors ?? {};
  const saved = search.get("gespeichert");
  const planState = search.get("plan");
  const fieldOrder = ["_form", "stand", ...regions.flatMap((r) => targetGroups.map((g) => figureField(r.code, g))), "datei"];
  return (
    <div className="stack">
      <CallPageHeader call={call} page={t("staffing.figures.title")} />
      <p className="kern-body">{t("staffing.figures.intro")}</p>

      {saved && !result ? (
        <Alert tone="success" role="status" icon titleAs="h2" title={t("staffing.figures.saved", { count: saved })}>
          {planState ? (
            <p className="kern-body">
              {planState === "neu" ? t("staffing.figures.planUpdated") : t("staffing.figures.planProblem")}{" "}
              <Link className="kern-link" to={`/verwaltung/aufrufe/${call.slug}/stellenplan`}>
                {t("staffing.links.plan")}
              </Link>
            </p>
          ) : null}
        </Alert>
      ) : null}

      <ErrorSummary errors={errors} fieldOrder={fieldOrder} />
      {result?.csvErrors?.length ? (
        <Alert tone="danger" icon titleAs="h2" title={t("staffing.figures.csvRejected")}>
          <ul className="kern-list" id="csv-fehler">
            {result.csvErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </Alert>
      ) : null}

      <CurrentFigures regions={regions} latest={latest} />
      <FiguresEntry regions={regions} latest={latest} today={today} errors={errors} values={result?.values ?? {}} />
      <CsvUpload maxCsv={maxCsv} csvTemplate={csvTemplate} error={errors.datei} rejected={Boolean(result?.csvErrors?.length)} />
      <FiguresHistory regions={regions} history={history} />
    </div>
  );
}
