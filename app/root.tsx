import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { Suspense } from "react";
import kernCss from "@kern-ux/native/dist/kern.min.css?url";
import appCss from "./styles/app.css?url";
import fontsCss from "./styles/fonts.css?url";
import fira400 from "./styles/fonts/fira-sans-400.woff2?url";
import fira600 from "./styles/fonts/fira-sans-600.woff2?url";
import { useHydration } from "./components/hydration";
import { LinkItems, LinkList } from "./components/links";
import { scrollRestorationKey, useFocusStartAfterNavigation } from "./components/navigation-focus";
import { currentUser } from "./identity/sessions.server";
import { env } from "./infra/env.server";
import { useNonce } from "./infra/nonce";
import { getLocale } from "./i18n/locale.server";
import { useTranslation } from "./i18n/use-translation";
import { useMessagesForLater } from "./i18n/use-translation";
import { PageMessages } from "./i18n/page-messages";
import { defaultLocale, translator, type Locale, type MessageKey } from "./i18n";

export const links: LinksFunction = () => [
  // Body text (400) and headings and labels (600) are on every page: fetched with the HTML.
  { rel: "preload", href: fira400, as: "font", type: "font/woff2", crossOrigin: "anonymous" },
  { rel: "preload", href: fira600, as: "font", type: "font/woff2", crossOrigin: "anonymous" },
  { rel: "stylesheet", href: fontsCss },
  { rel: "stylesheet", href: kernCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Pages set their own title; this one serves error pages, whose routes render no meta.
export const meta: MetaFunction<typeof loader> = ({ error, data }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const t = translator(data?.locale ?? defaultLocale);
  return [{ title: t(errorTitleKey(status)) }];
};

const errorTitleKey = (status: number): MessageKey => (status === 404 ? "notFound.title" : status === 403 ? "forbidden.title" : "error.documentTitle");

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user] = await Promise.all([getLocale(request), currentUser(request)]);
  return {
    locale,
    cityName: env().CITY_NAME,
    user: user && { name: user.name, role: user.role },
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const hydrate = useHydration();
  return (
    <html lang={data?.locale ?? "de"} className="kern-light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="kern-body">
        {/* In the browser a message the page does not carry suspends a render until its language is loaded (i18n/catalogue.client.ts). */}
        <Suspense fallback={null}>{children}</Suspense>
        {hydrate ? (
          <>
            <PageMessages locale={data?.locale ?? defaultLocale} />
            <ScrollRestoration nonce={nonce} getKey={scrollRestorationKey} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

function Frame({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const { t, locale } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  useFocusStartAfterNavigation();
  const other: Locale = locale === "de" ? "en" : "de";
  return (
    <>
      <a className="skip-link kern-link" href="#inhalt">
        {t("skip.toContent")}
      </a>
      <header className="site-header">
        <div className="kern-container site-header__bar">
          <Link to="/" className="site-header__brand">
            <span className="kern-body--bold">{data?.cityName}</span>
            <span className="kern-body--small">{t("site.tagline")}</span>
          </Link>
          <nav aria-label={t("nav.label")} className="site-nav">
            <ul>
              <LinkItems
                links={[
                  { to: "/", label: t("nav.calls") },
                  ...(data?.user
                    ? [
                        data.user.role === "administrator"
                          ? { to: "/verwaltung/konten", label: t("nav.accounts") }
                          : { to: data.user.role === "carrier" ? "/traeger" : "/verwaltung", label: data.user.role === "carrier" ? t("nav.carrierHome") : t("nav.workspace") },
                        { to: "/konto", label: t("nav.account") },
                      ]
                    : [
                        { to: "/anmelden", label: t("nav.signIn") },
                        { to: "/registrieren", label: t("nav.register") },
                      ]),
                ]}
              />
              {data?.user ? (
                <li>
                  <Form method="post" action="/abmelden">
                    <button type="submit" className="link-button kern-link">
                      {t("nav.signOut")}
                    </button>
                  </Form>
                </li>
              ) : null}
              <li>
                {/* A new document: the browser holds only the page's language of the catalogue (decision 0029). */}
                <Form method="post" action="/sprache" reloadDocument>
                  <input type="hidden" name="lang" value={other} />
                  <input type="hidden" name="redirectTo" value={here} />
                  <button type="submit" className="link-button kern-link" lang={other} title={t("lang.switchToHint")}>
                    {t("lang.switchTo")}
                  </button>
                </Form>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="inhalt" className="kern-container site-main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="kern-container">
          <nav aria-label={t("footer.label")}>
            <LinkList
              className=""
              links={[
                { to: "/impressum", label: t("footer.imprint") },
                { to: "/datenschutz", label: t("footer.privacy") },
                { to: "/barrierefreiheit", label: t("footer.accessibility") },
              ]}
            />
          </nav>
          <p className="kern-body--small">
            {data?.cityName} · {t("footer.openSource")}
          </p>
        </div>
      </footer>
    </>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return (
    <Frame>
      <Outlet />
    </Frame>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  useMessagesForLater([errorTitleKey(status)]); // the document title, from the root's meta
  const [title, body] =
    status === 404
      ? [t("notFound.title"), t("notFound.body")]
      : status === 403
        ? [t("forbidden.title"), t("forbidden.body")]
        : [t("error.title"), t("error.body")];
  return (
    <Frame>
      <h1 className="kern-heading-x-large">{title}</h1>
      <p className="kern-body">{body}</p>
      <p>
        <Link className="kern-link" to="/">
          {t("notFound.back")}
        </Link>
      </p>
    </Frame>
  );
}
