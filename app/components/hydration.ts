// Pages a visitor reads rather than uses ship no JavaScript (issue 15, decision 3): the
// call, its questions and result, the start page, the legal pages and the 404 page. They
// work as plain HTML (forms post, links load), and a visitor's browser loads and runs
// nothing (P5 counts bytes). A route opts out with `export const handle = READ_ONLY_PAGE`;
// the root leaves out Remix's scripts when any matched route did.
import { useMatches } from "@remix-run/react";

export type PageHandle = { hydrate?: false };

export const READ_ONLY_PAGE: PageHandle = { hydrate: false };

/** false when a matched route is a read-only page. */
export function useHydration(): boolean {
  return !useMatches().some((match) => (match.handle as PageHandle | undefined)?.hydrate === false);
}
