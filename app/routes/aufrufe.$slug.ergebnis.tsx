import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadCallResult } from "../award/result.server";
import { Breadcrumbs } from "../components/breadcrumbs";
import { CallResultView } from "../components/call-result-view";
import { DemoBanner } from "../components/demo-banner";
import { getTranslator } from "../i18n/locale.server";
import { useTranslation } from "../i18n/use-translation";
import { notFound } from "../infra/http.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? data.pageTitle : "Nicht gefunden" }];

// Public, no account: the result once the award is made (or the cancellation); 404 before.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const result = loadCallResult(params.slug ?? "");
  if (!result) notFound();
  const { t } = await getTranslator(request);
  return { result, pageTitle: t("result.meta", { title: result.call.title }) };
}

export default function ResultPage() {
  const { result } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  // The city-wide staffing figures (Stellenplan) go into CallResultView's `staffing` slot.
  return (
    <CallResultView
      result={result}
      top={
        <>
          <Breadcrumbs items={[{ label: result.call.title, to: `/aufrufe/${result.call.slug}` }, { label: t("result.title") }]} />
          {result.call.isDemo ? <DemoBanner /> : null}
        </>
      }
    />
  );
}
