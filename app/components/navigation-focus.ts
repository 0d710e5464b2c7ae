// Keyboard focus after a client-side navigation, as after the same page loaded in full
// (without JavaScript): sequential focus navigation starts at the top of the page, or at
// the element the URL's fragment names (`…#lose`). Left alone, focus stays on a control the
// new page scrolled out of view (the save button at the end of a long form, after the page
// went back to its top), or, when that control is gone (a link of the old page, the
// sign-out button), Chrome starts the next Tab where it was, in the middle of the new page.
// Focus a page moved on purpose (the error summary after a form came back) stays.
import { useLocation } from "@remix-run/react";
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
