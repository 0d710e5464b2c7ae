// The <form> elements of a server-rendered page, read with a few regular expressions (the
// markup is React's, regular enough): action, method, enctype, and each field with the value
// a browser would send by default. A form with several named submit buttons (intents)
// becomes one form per button.
export type Field = { name: string; tag: "input" | "textarea" | "select"; type: string; value: string; send: boolean };
export type PageForm = { action: string; method: string; enctype: string; fields: Field[]; button: { name: string; value: string } | null };

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', lt: "<", gt: ">", apos: "'", nbsp: "\u00a0" };
export function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] ?? m),
  );
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) out[m[1].toLowerCase()] = decode(m[2] ?? "");
  return out;
}

export function formsOf(html: string, pageUrl: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(m[1]);
    const method = (attrs.method ?? "get").toLowerCase();
    if (method !== "post") continue;
    const inner = m[2];
    const fields: Field[] = [];
    for (const i of inner.matchAll(/<input\b([^>]*?)\/?>/g)) {
      const a = attributes(i[1]);
      if (!a.name) continue;
      const type = (a.type ?? "text").toLowerCase();
      if (type === "submit" || type === "button" || type === "reset" || type === "image") continue;
      const send = type === "checkbox" || type === "radio" ? "checked" in a : true;
      fields.push({ name: a.name, tag: "input", type, value: a.value ?? (type === "checkbox" || type === "radio" ? "on" : ""), send });
    }
    for (const t of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attributes(t[1]);
      if (a.name) fields.push({ name: a.name, tag: "textarea", type: "textarea", value: decode(t[2]).replace(/^\n/, ""), send: true });
    }
    for (const s of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attributes(s[1]);
      if (!a.name) continue;
      const options = [...s[2].matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/g)].map((o) => ({ a: attributes(o[1]), text: decode(o[2]) }));
      const chosen = options.find((o) => "selected" in o.a) ?? options[0];
      fields.push({ name: a.name, tag: "select", type: "select", value: chosen ? (chosen.a.value ?? chosen.text) : "", send: true });
    }
    const buttons = [...inner.matchAll(/<button\b([^>]*)>/g)].map((b) => attributes(b[1])).filter((a) => a.name && (a.type ?? "submit") === "submit");
    const base = { action: new URL(attrs.action || pageUrl, pageUrl).toString(), method, enctype: attrs.enctype ?? "application/x-www-form-urlencoded", fields };
    if (buttons.length === 0) forms.push({ ...base, button: null });
    for (const b of buttons) forms.push({ ...base, button: { name: b.name, value: b.value ?? "" } });
  }
  return forms;
}

const TEXT_TYPES = ["text", "textarea", "email", "search", "tel", "url", "password"];
/** Fields a person types into (not hidden, not a choice, not a file). */
export const isTextField = (f: Field) => TEXT_TYPES.includes(f.type);
/** Fields with a type the server must check: numbers, dates, choices. */
export const isTypedField = (f: Field) => ["number", "date", "datetime-local", "time", "month", "checkbox", "radio", "select", "range"].includes(f.type);
export const isVisibleField = (f: Field) => f.type !== "hidden" && f.type !== "file";
