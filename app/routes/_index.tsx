import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime } from "../i18n/format";
import { useTranslation } from "../i18n/use-translation";
import { env } from "../infra/env.server";
import { listPublicCalls } from "../procurement/calls.server";
import { publicPhase, type PublicPhase } from "../procurement/call-view";
import { now as serverNow } from "../infra/clock.server";
import { READ_ONLY_PAGE } from "../components/hydration";

// Read, not used: the page ships no JavaScript (components/hydration.ts).
export const handle = READ_ONLY_PAGE;

export const meta: MetaFunction = () => [{ title: "Aufrufe zur Interessenbekundung" }];

export async function loader(_: LoaderFunctionArgs) {
  const now = serverNow();
  const calls = (await listPublicCalls()).map((c) => ({ ...c, phase: publicPhase(c, now) }));
  return { calls, city: env().CITY_NAME };
}

const GROUPS: { phase: PublicPhase; key: "home.open" | "home.closed" | "home.decided" | "home.cancelled" }[] = [
  { phase: "open", key: "home.open" },
  { phase: "closed", key: "home.closed" },
  { phase: "decided", key: "home.decided" },
  { phase: "cancelled", key: "home.cancelled" },
];

export default function Home() {
  const { calls, city } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="stack">
      <h1 className="kern-heading-x-large">{t("home.title")}</h1>
      <p className="kern-body--large">{t("home.intro", { city })}</p>
      {GROUPS.filter((g) => g.phase !== "cancelled" || calls.some((c) => c.phase === "cancelled")).map((g) => {
        const inGroup = calls.filter((c) => c.phase === g.phase);
        return (
          <section key={g.phase} aria-labelledby={`gruppe-${g.phase}`}>
            <h2 id={`gruppe-${g.phase}`} className="kern-heading-large">
              {t(g.key)}
            </h2>
            {inGroup.length === 0 ? (
              <p className="kern-body">{t("home.none")}</p>
            ) : (
              <ul className="call-list">
                {inGroup.map((c) => (
                  <li key={c.id} className="kern-card">
                    <div className="kern-card__container">
                      <div className="kern-card__header">
                        {c.isDemo ? <span className="kern-badge kern-badge--warning">{t("home.demoTag")}</span> : null}
                        <h3 className="kern-title">
                          <Link className="kern-link" to={`/aufrufe/${c.slug}`}>
                            {c.title}
                          </Link>
                        </h3>
                      </div>
                      <div className="kern-card__body">
                        <p className="kern-body">{c.authority}</p>
                        <p className="kern-body kern-body--bold">
                          {t("home.deadline", { date: formatDateTime(c.dates.submissionDeadline, locale) })}
                        </p>
                        {c.phase === "decided" ? (
                          <p className="kern-body">
                            <Link className="kern-link" to={`/aufrufe/${c.slug}/ergebnis`}>
                              {t("result.home.link")}
                              <span className="kern-sr-only">: {c.title}</span>
                            </Link>
                          </p>
                        ) : null}
                      </div>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
