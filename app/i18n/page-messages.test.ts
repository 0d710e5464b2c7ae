// The server's render records the keys a page looks up, and the page carries exactly their
// texts (decision 0029). Rendered below a root route, as Remix renders on the server, so
// that useTranslation reads the root loader's locale as it does in the app.
import { createElement as h, Fragment } from "react";
import { describe, expect, it } from "vitest";
import { renderPage } from "../../tests/support/documents";
import { catalogue } from "./catalogue";
import { translator, type Locale } from "./index";
import { InlineMessages, MessageLookups, PAGE_MESSAGES_ID, PageMessages, pageMessagesJson } from "./page-messages";
import { useMessagesForLater, useTranslation } from "./use-translation";

function Page({ uploading }: { uploading: boolean }) {
  const { t, locale } = useTranslation();
  useMessagesForLater(["upload.failed"]);
  return h(
    Fragment,
    null,
    h("a", { href: "#inhalt" }, t("skip.toContent")),
    h("nav", { "aria-label": t("nav.label") }, t("nav.signedInAs", { name: "Anna" })),
    uploading ? h("p", null, t("upload.progress", { percent: 5 })) : null,
    h(PageMessages, { locale }),
  );
}

/** `element` rendered as the server does, below a root route whose loader chose `locale`, and the JSON the page carries. */
async function render(locale: Locale, element: React.ReactElement, providers: { lookups?: Set<string>; inline?: string }) {
  const html = await renderPage(h(MessageLookups.Provider, { value: providers.lookups ?? null }, h(InlineMessages.Provider, { value: providers.inline ?? "" }, element)), locale);
  const json = new RegExp(`<script type="application/json" id="${PAGE_MESSAGES_ID}">(.*?)</script>`).exec(html)?.[1];
  return { html, json, messages: json === undefined ? undefined : (JSON.parse(json) as Record<string, string>) };
}

const serverRender = async (locale: Locale, uploading = false) => {
  const lookups = new Set<string>();
  return { lookups, ...(await render(locale, h(Page, { uploading }), { lookups })) };
};

describe("the messages a page carries", () => {
  it("are exactly the keys its render looked up, declared later keys included, with the texts of its language", async () => {
    const { messages, lookups } = await serverRender("de");
    expect(Object.keys(messages!).sort()).toEqual(["nav.label", "nav.signedInAs", "skip.toContent", "upload.failed"]);
    expect([...lookups].sort()).toEqual(Object.keys(messages!).sort());
    expect(messages!["nav.signedInAs"]).toBe(catalogue.de["nav.signedInAs"]);
    const english = await serverRender("en");
    expect(english.messages!["skip.toContent"]).toBe(catalogue.en["skip.toContent"]);
    expect(english.messages!["skip.toContent"]).not.toBe(catalogue.de["skip.toContent"]);
  });

  it("grow with what the page shows: a key rendered only in one state is carried only then", async () => {
    expect((await serverRender("de", false)).messages).not.toHaveProperty("upload.progress");
    expect((await serverRender("de", true)).messages).toHaveProperty("upload.progress", catalogue.de["upload.progress"]);
  });

  it("are the placeholders' templates, not the filled text: the browser fills them as the server did", async () => {
    const { messages, html } = await serverRender("de");
    expect(messages!["nav.signedInAs"]).toContain("{name}");
    expect(html).toContain(translator("de")("nav.signedInAs", { name: "Anna" }));
  });

  it("are rendered in the browser from the text it read from the document, unchanged, for hydration", async () => {
    const inline = '{"nav.label":"Hauptnavigation \\u003c"}';
    const { json } = await render("de", h(PageMessages, { locale: "de" }), { inline });
    expect(json).toBe(inline);
  });
});

describe("recording lookups", () => {
  it("adds every key the translator finds, once, and none it does not know", () => {
    const lookups = new Set<string>();
    const t = translator("en", lookups);
    t("nav.label");
    t("nav.label");
    t("nav.signedInAs", { name: "x" });
    t("no.such.key" as never);
    expect([...lookups].sort()).toEqual(["nav.label", "nav.signedInAs"]);
  });

  it("records nothing without a set: mails, PDFs and meta functions translate as before", () => {
    expect(translator("de")("nav.label")).toBe(catalogue.de["nav.label"]);
  });

  it("writes JSON that cannot end its script element, and leaves out keys not in the catalogue", () => {
    const json = pageMessagesJson("de", ["nav.label", "no.such.key"]);
    expect(JSON.parse(json)).toEqual({ "nav.label": catalogue.de["nav.label"] });
    // A text that would end the element and start a script, put into the catalogue for this test only.
    const messages = catalogue.de as Record<string, string>;
    messages["test.hostile"] = "</script><script>alert(1)</script><!--";
    try {
      const hostile = pageMessagesJson("de", ["test.hostile"]);
      expect(hostile).not.toContain("<");
      expect(JSON.parse(hostile)).toEqual({ "test.hostile": messages["test.hostile"] });
    } finally {
      delete messages["test.hostile"];
    }
  });
});
