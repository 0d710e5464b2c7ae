// KERN's stylesheet trimmed to what the portal's pages use (issue 15, decision 4): KERN
// ships every component, icon and colour token (340 KB); the pages use a fraction. The
// build runs PurgeCSS over kern.min.css only (the portal's own app.css is small and kept
// whole), keeping the rules whose classes, elements and attributes occur in app/. Custom
// properties all stay: KERN's tokens read each other through var() in themes and media
// queries, more than PurgeCSS's variables option follows (it broke the text colour).
// Build-time only: vite.config.ts imports this.
import purgeCss from "@fullhuman/postcss-purgecss";
import type { Plugin, PluginCreator } from "postcss";

/**
 * Classes the sources compose at run time (`kern-alert--${kind}`), which a scan of the
 * sources cannot see whole: the families by prefix, the icons by name (all of KERN's icons
 * would be 100 KB).
 */
export const KERN_SAFELIST = {
  standard: [/^kern-light$/, /^kern-icon--(info|success|warning|danger)$/],
  greedy: [/^kern-(alert|badge|btn)--/],
};

export const KERN_PURGE_OPTIONS = {
  content: ["app/**/*.{ts,tsx}"],
  // Tests name classes to check them, not to use them.
  skippedContentGlobs: ["app/**/*.test.ts"],
  safelist: KERN_SAFELIST,
  keyframes: true,
  variables: false,
};

const isKernCss = (file: string | undefined) => Boolean(file && /[\\/]@kern-ux[\\/]native[\\/]dist[\\/]kern(\.min)?\.css(\?.*)?$/.test(file));

/** The PostCSS plugin for vite.config.ts: PurgeCSS on kern.min.css, other stylesheets untouched. */
export const trimKernCss: PluginCreator<void> = () => {
  const purge = purgeCss(KERN_PURGE_OPTIONS) as Plugin & { OnceExit: NonNullable<Plugin["OnceExit"]> };
  return {
    postcssPlugin: "trim-kern-css",
    OnceExit(root, helpers) {
      if (!isKernCss(root.source?.input.file)) return;
      // PurgeCSS 8 drops every selector of the form `:is(…):not(…)`, and KERN sets the text
      // and background colour tokens of the page with one: `:is(body, .kern-light, …)
      // :not([class*=kern-level-])`. Such rules are kept whole (PurgeCSS's ignore comment).
      root.walkRules(/:(is|where)\(.*\):not\(/, (rule) => {
        rule.prepend(helpers.postcss.comment({ text: "purgecss ignore current" }));
      });
      return purge.OnceExit(root, helpers);
    },
  };
};
trimKernCss.postcss = true;
