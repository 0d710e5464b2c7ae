// Keyboard focus after a client-side navigation, as after the same page loaded in full
// (without JavaScript): sequential focus navigation starts at the top of the page, or at
// the element the URL's fragment names (`…#lose`). Left alone, focus stays on a control the
// new page scrolled out of view (the save button at the end of a long form, after the page
// went back to its top), or, when that control is gone (a link of the old page, the
// sign-out button), Chrome starts the next Tab where it was, in the middle of the new page.
// Focus a page moved on purpose (the error summary after a form came back) stays.
import { useLocation, type Location } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** Moves the start of sequential focus navigation to `el`, leaving focus on <body>. */
function startFocusAt(el: HTMLElement) {
  const tabIndex = el.getAttribute("tabindex");
  if (tabIndex === null) el.tabIndex = -1;
  el.focus({ preventScroll: true });
  if (tabIndex === null) el.removeAttribute("tabindex");
}

export function useFocusStartAfterNavigation() {
  const { key, hash } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    const active = document.activeElement;
    // A link to a field (as in the error summary) has focused it already; the page itself
    // moved focus to an element only a script can focus (the error summary after a form
    // came back with errors).
    if (active && active !== document.body && (active === target || active.getAttribute("tabindex") === "-1")) return;
    startFocusAt(target ?? document.body);
  }, [key, hash]);
}

let fragmentEntries = 0;

/**
 * The key <ScrollRestoration> saves and restores a history entry's scroll position under.
 * The browser follows a link to a fragment of the same page (an error summary's link to its
 * field, the skip link) itself, and its new history entry carries no router key: the router
 * names every such entry "default", and so scrolled to where the last of them was left (a
 * field of another page) instead of to the fragment. Each gets a key of its own, under which
 * nothing is saved yet, so the fragment's element is scrolled into view. On the server every
 * location is "default": its key stays, as the inline script must restore the entry's own.
 */
export function scrollRestorationKey(location: Location): string {
  if (location.key !== "default" || typeof document === "undefined") return location.key;
  fragmentEntries += 1;
  return `fragment-${fragmentEntries}`;
}
