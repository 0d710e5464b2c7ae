// The message catalogue is not shipped whole to the browser (issue 15, decision 3; decision
// 0029): in the client build, app/i18n/catalogue.ts (both languages, 370 KB) is replaced by
// catalogue.client.ts, and `virtual:i18n-catalogue/<locale>` is one language's messages as
// JSON, computed at build time from the same modules. Build-time only: vite.config.ts
// imports this. Server rendering and the tests (no Vite plugin) keep the whole catalogue.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Plugin } from "vite";

const VIRTUAL = "virtual:i18n-catalogue/";

export function catalogueByLanguage(root = process.cwd()): Plugin {
  const whole = path.join(root, "app/i18n/catalogue.ts");
  const client = path.join(root, "app/i18n/catalogue.client.ts");
  return {
    name: "portal-catalogue-by-language",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (source.startsWith(VIRTUAL)) return `\0${source}`;
      if (options?.ssr || !importer || source !== "./catalogue") return null;
      return path.resolve(path.dirname(importer.split("?")[0]), "catalogue.ts") === whole ? client : null;
    },
    async load(id) {
      if (!id.startsWith(`\0${VIRTUAL}`)) return null;
      const locale = id.slice(`\0${VIRTUAL}`.length);
      // The message modules are plain data: evaluated here with tsx, as the tests do.
      const { tsImport } = await import("tsx/esm/api");
      const loaded = (await tsImport(pathToFileURL(whole).href, import.meta.url)) as { catalogue: Record<string, Record<string, string>> };
      const messages = loaded.catalogue[locale];
      if (!messages) throw new Error(`no messages for locale "${locale}"`);
      for (const file of fs.readdirSync(path.join(root, "app/i18n/messages"))) this.addWatchFile(path.join(root, "app/i18n/messages", file));
      return `export default ${JSON.stringify(messages)};`;
    },
  };
}
