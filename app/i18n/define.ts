/** Defines an area's messages; `en` must cover exactly the keys of `de`. */
export function defineMessages<const D extends Record<string, string>>(de: D, en: { [K in keyof D]: string }) {
  return { de, en };
}
