// Finds Debian's Chromium, installing it with apt-get where none is found, the way
// `playwright install --with-deps` would elsewhere (npm cannot download a browser here).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"];

function found(): string | undefined {
  const configured = process.env.CHROMIUM_PATH;
  if (configured && fs.existsSync(configured)) return configured;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export function ensureChromium(): string {
  const existing = found();
  if (existing) return existing;
  console.log("[e2e] No Chromium found: installing Debian's chromium package with apt-get (this happens once per machine).");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args: string[]) => {
    const [cmd, ...rest] = [...asRoot, ...args];
    const result = spawnSync(cmd, rest, {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (result.status !== 0) throw new Error(`[e2e] "${args.join(" ")}" failed with exit code ${result.status}`);
  };
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium", "fonts-dejavu-core"]);
  const installed = found();
  if (!installed) throw new Error("[e2e] chromium was installed but no binary was found in " + CANDIDATES.join(", "));
  console.log(`[e2e] Installed ${execFileSync(installed, ["--version"]).toString().trim()}`);
  return installed;
}

/** Flags for a headless Chromium on a machine without network (see the env notes). */
export const CHROMIUM_ARGS = [
  "--headless=new",
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
];
