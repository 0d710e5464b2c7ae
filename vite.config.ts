import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import remixConfig from "./remix.config.js";
import { trimKernCss } from "./app/styles/kern-css";
import { catalogueByLanguage } from "./app/i18n/vite-catalogue";
import { iccProfileBesideServerBuild } from "./app/infra/icc/vite-icc";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  plugins: [catalogueByLanguage(), iccProfileBesideServerBuild(), remix(remixConfig)],
  server: { port: 3000 },
  build: { assetsInlineLimit: 0 },
  css: { postcss: { plugins: [trimKernCss()] } },
});
