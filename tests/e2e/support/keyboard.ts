// A person who uses only the keyboard (Tab, Shift+Tab, Enter, Space, arrow keys), for the
// end-to-end tests of tests/e2e/keyboard-paths.test.ts. Controls are found the way such a
// person finds them: by moving focus until the focused element has the wanted role and
// accessible name (as Playwright's getByRole sees them), never by clicking.
//
// After every key it checks what a sighted keyboard user needs: the focused element is
// visible, in view, matches :focus-visible and draws an outline or box-shadow; once focus
// leaves an element, its look without focus is compared with its look with focus (an
// indicator that does not differ is none). Focus is on <body> only at the start of a page:
// the first Tab from there must reach the skip link (or the first control at the URL's
// fragment), as after a page loaded in full; anywhere else focus was lost.
import type { FileChooser, Page } from "playwright-core";

/** An ARIA role as getByRole takes it. */
export type Role = Parameters<Page["getByRole"]>[0];
/** A control: its role and accessible name (a string matches exactly, a RegExp anywhere). */
export type Target = {
  role: Role;
  name: string | RegExp;
  /** The group (or other container) the control is in. */
  within?: { role: Role; name: string | RegExp };
  /** A CSS selector the control matches too (`input[type=file]`: the role alone says button). */
  is?: string;
};

type Focused = {
  body: boolean;
  tag: string;
  /** Role and name from the aria snapshot of the focused element ("" at <body>), see inspect. */
  role: string;
  name: string;
  problems: string[];
  /** A focus indicator that looked the same once focus had left (the element before). */
  unchanged: string | null;
};

/** What a name matcher says in a message. */
const show = (name: string | RegExp) => (typeof name === "string" ? `"${name}"` : String(name));
const matches = (actual: string, wanted: string | RegExp) => (typeof wanted === "string" ? actual === wanted : wanted.test(actual));
const describeTarget = (t: Target) => `${t.is ?? t.role} ${show(t.name)}${t.within ? ` in ${t.within.role} ${show(t.within.name)}` : ""}`;

/** The first line of an aria snapshot: `- role "name" [state]: text`. */
function parseSnapshot(snapshot: string): { role: string; name: string } {
  let first = snapshot.split("\n")[0] ?? "";
  // YAML quotes an entry whose text needs it (a name with a colon): - 'link "a: b"':
  const quoted = /^- '((?:[^']|'')*)'/.exec(first);
  if (quoted) first = `- ${quoted[1].replace(/''/g, "'")}`;
  const m = /^- ([\w-]+)(?: "((?:[^"\\]|\\.)*)")?/.exec(first);
  if (!m) return { role: "", name: first };
  let name = m[2] ?? "";
  try {
    name = JSON.parse(`"${name}"`);
  } catch {
    // keep the raw text
  }
  return { role: m[1], name };
}

const OUT_OF_VIEW = "is outside the viewport";
/** `implicitRole`: the role the element's tag, type or role attribute gives, where plain. */
type InPageState = {
  body: boolean;
  tag: string;
  implicitRole: string | null;
  text: string;
  /** Role and accessible name from Chromium's accessibility tree (null where the browser does not expose them). */
  computed: { role: string; name: string } | null;
  problems: string[];
  unchanged: string | null;
};

// Runs in the page (as a string: the test bundler's helpers do not exist there). Remembers
// the focused element and its look, to compare once focus has left it.
const INSPECT_FOCUS = `(() => {
  const lookOf = (el) => {
    const cs = getComputedStyle(el);
    return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.outlineOffset, cs.boxShadow, cs.borderColor, cs.borderWidth, cs.backgroundColor].join("|");
  };
  const squash = (s) => s.trim().replace(/\\s+/g, " ");
  const label = (el) => "<" + el.tagName.toLowerCase() + (el.id ? ' id="' + el.id + '"' : "") + ">";
  const previous = window.__kbdPrevious;
  const el = document.activeElement;
  let unchanged = null;
  if (previous && previous.el !== el && previous.el.isConnected && lookOf(previous.el) === previous.look) unchanged = label(previous.el);
  if (!el || el === document.body || el === document.documentElement) {
    window.__kbdPrevious = undefined;
    return { body: true, tag: "body", implicitRole: null, text: "", computed: null, problems: [], unchanged };
  }
  const tagName = el.tagName.toLowerCase();
  const type = (el.getAttribute("type") || "text").toLowerCase();
  const implicitRole = el.getAttribute("role") ||
    (tagName === "a" && el.hasAttribute("href") ? "link" : tagName === "button" ? "button" : tagName === "textarea" ? "textbox" :
    tagName === "input" ? ({ checkbox: "checkbox", radio: "radio", file: "button", submit: "button", button: "button", text: "textbox", email: "textbox", password: "textbox", tel: "textbox", url: "textbox", search: "searchbox", number: "spinbutton" })[type] ?? null : null);
  const text = squash(el.textContent || el.getAttribute("aria-label") || el.id || "").slice(0, 80);
  const problems = [];
  const cs = getComputedStyle(el);
  const rect = el.getBoundingClientRect();
  const visible = el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && rect.width > 0 && rect.height > 0;
  if (!visible) problems.push("is not visible");
  else if (rect.bottom <= 0 || rect.top >= innerHeight || rect.right <= 0 || rect.left >= innerWidth) problems.push("${OUT_OF_VIEW} (top " + Math.round(rect.top) + ", bottom " + Math.round(rect.bottom) + ", viewport " + innerWidth + "×" + innerHeight + ", scrolled to " + Math.round(scrollY) + ")");
  if (!el.matches(":focus-visible")) problems.push("does not match :focus-visible");
  const transparent = (c) => c === "transparent" || /rgba\\(.*,\\s*0\\)$/.test(c) || /\\/\\s*0\\)$/.test(c);
  const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && !transparent(cs.outlineColor);
  const shadow = cs.boxShadow !== "none";
  if (!outline && !shadow) problems.push("draws no focus indicator (outline " + cs.outlineStyle + " " + cs.outlineWidth + ", box-shadow " + cs.boxShadow + ")");
  window.__kbdPrevious = { el, look: lookOf(el) };
  const computed = typeof el.computedRole === "string" && el.computedRole ? { role: el.computedRole, name: squash(el.computedName || "") } : null;
  return { body: false, tag: label(el), implicitRole, text, computed, problems, unchanged };
})()`;

// Runs in the page while focus is on <body>, with `backwards` defined: marks where the
// first Tab must go, as after a full page load: the first tabbable element at or after the
// element the URL's fragment names, else the first of the page (the skip link); for
// Shift+Tab the last one before that element, else the last of the page. Describes it.
const MARK_PAGE_START = `(() => {
  const target = location.hash.length > 1 ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  const tabbable = (e) => e.tabIndex >= 0 && !e.matches(":disabled") && e.checkVisibility({ visibilityProperty: true }) &&
    !(e.type === "radio" && !e.checked && e.form && [...e.form.elements].some((r) => r.type === "radio" && r.name === e.name && r.checked));
  const all = [...document.body.querySelectorAll("*")].filter(tabbable);
  const atOrAfter = (e) => target && (e === target || target.contains(e) || (target.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING));
  const el = backwards
    ? (target ? all.filter((e) => !atOrAfter(e)) : all).at(-1)
    : (target ? all.find(atOrAfter) : all[0]);
  window.__kbdStart = el;
  return el ? "<" + el.tagName.toLowerCase() + "> " + (el.textContent || el.getAttribute("aria-label") || el.id).trim().slice(0, 60) : "nothing";
})()`;

export class KeyboardUser {
  /** The elements focus passed through since the last target was reached (for messages). */
  private trail: string[] = [];

  constructor(readonly page: Page) {
    // Playwright intercepts the file chooser only while someone listens for it, and turns the
    // interception on again without waiting: a listener for the page's life keeps it on, so
    // that Space on a file input never opens the real (invisible) dialog instead.
    page.on("filechooser", () => {});
  }

  /**
   * Inspects the focused element and the one focused before it (see the file's comment).
   * Its role and accessible name come from Chromium's accessibility tree (computedRole,
   * computedName; see chromium.ts), else from Playwright's aria snapshot, the slow part of a
   * step: then an element whose plain role is not `wanted` goes without (named by its text).
   */
  private async inspect(wanted?: Role): Promise<Focused> {
    let state = await this.page.evaluate<InPageState>(INSPECT_FOCUS);
    // KERN scrolls smoothly: a control just focused may still be on its way into view, and on
    // a loaded machine the animation's frames come late. Up to 5 s of wall time, not a count.
    const until = Date.now() + 5_000;
    while (state.problems.some((p) => p.startsWith(OUT_OF_VIEW)) && Date.now() < until) {
      await this.page.waitForTimeout(50);
      state = { ...(await this.page.evaluate<InPageState>(INSPECT_FOCUS)), unchanged: state.unchanged };
    }
    if (state.body) return { ...state, role: "", name: "" };
    // The browser's own role and name where it gives them: one round trip less per key.
    if (state.computed) return { ...state, ...state.computed };
    if (wanted && state.implicitRole && state.implicitRole !== wanted) return { ...state, role: state.implicitRole, name: state.text };
    let snapshot = "";
    try {
      snapshot = await this.page.locator(":focus").ariaSnapshot({ timeout: 2_000 });
    } catch {
      // focus moved on while reading it; the next step reads again
    }
    return { ...state, ...parseSnapshot(snapshot) };
  }

  private describe(f: Focused): string {
    return f.body ? "<body>" : `${f.role} "${f.name}" ${f.tag}`;
  }

  /** Fails when what has focus now is not visibly focused. */
  private assertVisible(f: Focused, after: string) {
    if (f.unchanged) throw new Error(`${f.unchanged} looked the same with and without focus (no visible focus indicator), seen ${after}`);
    if (f.problems.length) throw new Error(`focus on ${this.describe(f)} ${f.problems.join(", ")}, ${after} on ${this.page.url()}`);
  }

  /**
   * Presses a key and checks the focus it leaves, unless the key sent the page away (a form
   * posted without JavaScript): the next step looks at the new page from its start.
   */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
    let focused: Focused;
    try {
      focused = await this.inspect();
    } catch (error) {
      if (/Execution context was destroyed/.test(String(error))) return;
      throw error;
    }
    this.assertVisible(focused, `after ${key}`);
  }

  /** Whether the focused element is `target` (inside `target.within`, if given). */
  private async isAt(f: Focused, target: Target): Promise<boolean> {
    if (f.body || f.role !== target.role || !matches(f.name, target.name)) return false;
    if (target.is && !(await this.page.locator(":focus").evaluate((el, selector) => el.matches(selector), target.is))) return false;
    if (!target.within) return true;
    return (await this.page.getByRole(target.within.role, { name: target.within.name }).locator(":focus").count()) === 1;
  }

  /**
   * Moves focus with Tab (or Shift+Tab) until `target` has it; fails after `maxSteps`,
   * naming where focus went. Starting from <body> (a page just loaded or navigated to),
   * the first key must reach the start (or end) of the page, see MARK_PAGE_START.
   */
  async focus(target: Target, opts: { backwards?: boolean; maxSteps?: number } = {}): Promise<void> {
    const key = opts.backwards ? "Shift+Tab" : "Tab";
    const maxSteps = opts.maxSteps ?? 120;
    let focused = await this.inspect(target.role);
    this.assertVisible(focused, "before moving on");
    if (await this.isAt(focused, target)) return;
    const pageStart = focused.body ? await this.page.evaluate<string>(`(() => { const backwards = ${Boolean(opts.backwards)}; return ${MARK_PAGE_START}; })()`) : null;
    this.trail = [];
    for (let step = 1; step <= maxSteps; step++) {
      await this.page.keyboard.press(key);
      focused = await this.inspect(target.role);
      if (step === 1 && pageStart !== null && !(await this.page.evaluate("document.activeElement === window.__kbdStart"))) {
        throw new Error(
          `focus was on <body> on ${this.page.url()}, but the first ${key} went to ${this.describe(focused)}, not to ${pageStart} where a page loaded in full starts: focus was lost`,
        );
      }
      this.trail.push(this.describe(focused));
      // Tab past the last control leaves the page (to the browser's own controls): <body>.
      // The second time there, every control has been passed.
      if (focused.body && this.trail.filter((t) => t === "<body>").length === 2) break;
      if (!focused.body) this.assertVisible(focused, `after ${step} × ${key} looking for ${describeTarget(target)}`);
      if (await this.isAt(focused, target)) return;
    }
    throw new Error(`${describeTarget(target)} not reached with ${this.trail.length} × ${key} on ${this.page.url()}; focus went through:\n  ${this.trail.join("\n  ")}`);
  }

  /** Focuses `target` and presses Enter (a link or a button). */
  async activate(target: Target, opts: { backwards?: boolean } = {}): Promise<void> {
    await this.focus(target, opts);
    await this.press("Enter");
  }

  /** Focuses a text field, selects what is in it and types `text` in its place. */
  async fill(target: Target, text: string, opts: { backwards?: boolean } = {}): Promise<void> {
    await this.focus(target, opts);
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.type(text);
    this.assertVisible(await this.inspect(), `after typing into ${describeTarget(target)}`);
  }

  /** Focuses a select and types the option's label (the browser's type-ahead); checks the option was chosen. */
  async select(target: Target, label: string): Promise<void> {
    await this.focus({ ...target, role: "combobox" });
    await this.page.keyboard.type(label);
    const chosen = await this.page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedOptions[0]?.label ?? "");
    if (chosen !== label) throw new Error(`typing ${label} in ${describeTarget(target)} chose ${chosen || "nothing"} on ${this.page.url()}`);
  }

  private isChecked(): Promise<boolean> {
    return this.page.evaluate(() => (document.activeElement as HTMLInputElement).checked);
  }

  /** Focuses a checkbox and presses Space if its state is not `checked`. */
  async check(target: Target, checked = true): Promise<void> {
    await this.focus({ ...target, role: "checkbox" });
    const now = await this.isChecked();
    if (now !== checked) await this.press("Space");
    if ((await this.isChecked()) !== checked) throw new Error(`Space did not ${checked ? "tick" : "clear"} ${describeTarget(target)} on ${this.page.url()}`);
  }

  /**
   * Chooses the radio named `option` in the group named `group`: Tab to the group (its one
   * tab stop), then the arrow keys, which move and check, or Space on an unchecked first one.
   */
  async choose(group: string | RegExp, option: string | RegExp): Promise<void> {
    const within = { role: "group" as const, name: group };
    await this.focus({ role: "radio", name: /.*/, within });
    const radios = await this.page.getByRole("group", { name: group }).getByRole("radio").count();
    for (let i = 0; i <= radios; i++) {
      const f = await this.inspect();
      if (matches(f.name, option)) {
        if (!(await this.isChecked())) await this.press("Space");
        if (!(await this.isChecked())) throw new Error(`the radio ${show(option)} in ${show(group)} has focus but is not chosen on ${this.page.url()}`);
        return;
      }
      await this.press("ArrowDown");
    }
    throw new Error(`no radio ${show(option)} in the group ${show(group)} on ${this.page.url()}`);
  }

  /** Focuses the file input named `name` and opens it with Space; the file chooser gets `files`. */
  async upload(name: string | RegExp, files: string | string[]): Promise<void> {
    const target: Target = { role: "button", name, is: "input[type=file]" };
    await this.focus(target);
    const [chooser] = await Promise.all([this.page.waitForEvent("filechooser"), this.page.keyboard.press("Space")]);
    await (chooser as FileChooser).setFiles(files);
    this.assertVisible(await this.inspect(), `after choosing a file in ${describeTarget(target)}`);
  }

  /** Waits until `target` has focus (focus moved by the page), then checks it is visible. */
  async expectFocusOn(target: Target, timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    let focused = await this.inspect();
    while (!(await this.isAt(focused, target))) {
      if (Date.now() > until) throw new Error(`expected focus on ${describeTarget(target)} on ${this.page.url()}, but it is on ${this.describe(focused)}`);
      await this.page.waitForTimeout(50);
      focused = await this.inspect();
    }
    this.assertVisible(focused, `on ${describeTarget(target)}`);
  }

  /**
   * After a form was sent with errors: focus is on the error summary (or on the first
   * invalid field), visibly.
   */
  async expectFocusOnErrors(timeoutMs = 5_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const focused = await this.inspect();
      const onSummary = focused.role === "alert" && /korrigieren|correct/i.test(focused.name);
      const onInvalid = !focused.body && (await this.page.locator(":focus").getAttribute("aria-invalid")) === "true";
      if (onSummary || onInvalid) {
        this.assertVisible(focused, "after sending a form with errors");
        return;
      }
      if (Date.now() > until) throw new Error(`after sending a form with errors, focus is on ${this.describe(focused)} on ${this.page.url()}, not on the error summary or an invalid field`);
      await this.page.waitForTimeout(50);
    }
  }
}

/** A control by role and name: `control("button", "Anmelden")`. */
export const control = (role: Role, name: string | RegExp): Target => ({ role, name });

/**
 * Waits until the page is at `url` and shows its heading: a client-side navigation changes
 * the URL a moment before the new page is rendered (and focus placed), a full load too.
 */
export async function arrivedAt(page: Page, url: RegExp | ((url: URL) => boolean), heading: string | RegExp): Promise<void> {
  await page.waitForURL(url, { waitUntil: "commit" });
  await page.waitForLoadState("load");
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}
