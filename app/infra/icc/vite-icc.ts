// The sRGB profile of every PDF's output intent (decision 0038) travels with the server build:
// a deployment may hold only build/ and node_modules, and the built module reads the profile
// beside itself (build/server/icc/sRGB.icc) when the project root has none.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

const ICC_SOURCE = path.join("app", "infra", "icc", "sRGB.icc");

export function iccProfileBesideServerBuild(): Plugin {
  let serverBuild = false;
  return {
    name: "portal-icc-profile",
    apply: "build",
    configResolved(config) {
      serverBuild = Boolean(config.build.ssr);
    },
    generateBundle() {
      if (!serverBuild) return;
      this.emitFile({ type: "asset", fileName: "icc/sRGB.icc", source: readFileSync(path.resolve(ICC_SOURCE)) });
    },
  };
}
