// Finds Debian's Chromium, installing it with apt-get where none is found, the way
// `playwright install --with-deps chromium` would elsewhere (npm cannot download a browser
// here). Like Playwright, it prefers the headless shell (Debian's chromium-headless-shell,
// Chromium's "old" headless mode) for headless runs: the full browser in --headless=new
// builds a browser window per context, with its omnibox popup preloaded in a renderer of its
// own, which about doubled the CPU time of every page a test opened.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const HEADLESS_SHELLS = ["/usr/bin/chromium-headless-shell"];
const FULL_BROWSERS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"];

function found(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && fs.existsSync(configured)) return configured;
  return [...HEADLESS_SHELLS, ...FULL_BROWSERS].find((p) => fs.existsSync(p));
}

const isHeadlessShell = (executable: string) => path.basename(executable).includes("headless-shell");

export function ensureChromium(): string {
  const existing = found();
  if (existing) {
    if (!isHeadlessShell(existing) && !process.env.CHROMIUM_PATH) {
      console.log(`[e2e] Using ${existing}. Debian's chromium-headless-shell runs the end-to-end tests in about half the time: apt-get install chromium-headless-shell`);
    }
    return existing;
  }
  console.log("[e2e] No Chromium found: installing Debian's chromium and chromium-headless-shell packages with apt-get (this happens once per machine).");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...asRoot, ...args];
    return spawnSync(cmd, rest, {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    }).status;
  };
  const install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends"];
  if (run(["apt-get", "update", "-qq"]) !== 0) throw new Error("[e2e] apt-get update failed");
  // A distribution without the headless shell still gets the full browser.
  if (run([...install, "chromium", "chromium-headless-shell", "fonts-dejavu-core"]) !== 0 && run([...install, "chromium", "fonts-dejavu-core"]) !== 0) {
    throw new Error("[e2e] apt-get install chromium failed");
  }
  const installed = found();
  if (!installed) throw new Error("[e2e] chromium was installed but no binary was found in " + [...HEADLESS_SHELLS, ...FULL_BROWSERS].join(", "));
  console.log(`[e2e] Installed ${execFileSync(installed, ["--version"]).toString().trim()}; the tests use ${installed}`);
  return installed;
}

/** Flags for a headless Chromium at `executable` on a machine without network (see the env notes). */
export function chromiumArgs(executable: string): string[] {
  return [
    // The headless shell is headless by nature; the full browser needs the new headless mode.
    ...(isHeadlessShell(executable) ? [] : ["--headless=new"]),
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    // Every page of a test run comes from one loopback origin: no process per site. Measured
    // on sign-in.test.ts: Chromium's CPU time about a tenth lower (renderer and browser
    // process 17.6-20.1 s over four runs without, 17.0-17.7 s over two with).
    // (Chromium takes the last --disable-features, which would drop Playwright's list, so
    // the spare renderer, worth a little more, stays.)
    "--disable-site-isolation-trials",
    // Element.computedRole and computedName: the role and accessible name from Chromium's own
    // accessibility tree, what assistive technology reads (tests/e2e/support/keyboard.ts).
    "--enable-blink-features=ComputedAccessibilityInfo",
  ];
}
